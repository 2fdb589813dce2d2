package dev.weft.app.screenshot;

import dev.weft.app.settings.StudioSettings;
import dev.weft.app.studio.Studio;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.image.ImageFiles;
import dev.weft.pipelines.cli.CliEnvironment;
import dev.weft.pipelines.cli.ExitCodes;
import dev.weft.pipelines.format.ParsedPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft screenshot PIPELINE OUT.png}: renders the studio showing a pipeline to a PNG with no
 * window and no display (headless glass, software rendering), for documentation, review and tests.
 */
@Command(
    name = "screenshot",
    description = "Renders the studio showing PIPELINE to a PNG, without a window or display.",
    mixinStandardHelpOptions = true)
public final class ScreenshotCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The *.weft.json file to show.")
  Path pipeline;

  @Parameters(index = "1", paramLabel = "OUT.png", description = "Where to write the PNG.")
  Path out;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      defaultValue = "1440x900",
      description = "Window size in pixels (default ${DEFAULT-VALUE}).")
  String size;

  @Option(
      names = "--theme",
      paramLabel = "dark|light",
      defaultValue = "dark",
      description = "The theme (default ${DEFAULT-VALUE}).")
  String theme;

  @Option(
      names = "--select",
      paramLabel = "NODE",
      description = "Select this node (the inspector shows it).")
  String select;

  @Option(
      names = "--run",
      description = "Run the pipeline first and show the nodes' states and outputs.")
  boolean run;

  public ScreenshotCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    int[] wh = parseSize(size);
    if (wh == null) {
      env.err()
          .println(
              "error: --size must look like 1440x900 (width x height, 200 to 8000 each), got '"
                  + size
                  + "'");
      return ExitCodes.INVALID;
    }
    var context = env.context();
    ParsedPipeline parsed = context.format().read(pipeline);
    if (select != null && !parsed.graph().hasNode(select)) {
      env.err()
          .println(
              "error: --select: "
                  + pipeline
                  + " has no node \""
                  + select
                  + "\"; its nodes are "
                  + String.join(", ", parsed.graph().nodes().stream().map(n -> n.id()).toList()));
      return ExitCodes.INVALID;
    }
    HeadlessFx.start();
    Studio studio = Studio.over(context, () -> Studio.offlineLibrary(context.dirs()));
    try {
      CompletableFuture<EditorSnapshot> shown = new CompletableFuture<>();
      Platform.runLater(() -> {
        try {
          var vm = studio.viewModel();
          vm.document().load(context.engine().upgrade(parsed).graph(), pipeline.toAbsolutePath());
          EditorSnapshot s =
              new EditorSnapshot(studio, wh[0], wh[1], StudioSettings.Theme.parse(theme));
          s.fit();
          if (select != null) {
            vm.document().selection().selectNodes(Set.of(select));
          }
          if (run) {
            vm.run(false);
          }
          shown.complete(s);
        } catch (RuntimeException e) {
          shown.completeExceptionally(e);
        }
      });
      EditorSnapshot snap = shown.get(60, TimeUnit.SECONDS);
      if (run) {
        waitForRun(studio);
      }
      // let background validation land before the picture is taken
      Thread.sleep(400);
      CompletableFuture<ImageAsset> image = new CompletableFuture<>();
      Platform.runLater(() -> {
        try {
          image.complete(snap.snapshotAsset());
        } catch (RuntimeException e) {
          image.completeExceptionally(e);
        }
      });
      ImageAsset png = image.get(60, TimeUnit.SECONDS);
      Path target = out.toAbsolutePath();
      Files.createDirectories(target.getParent());
      ImageFiles.writePng(png, target);
      env.out().println("wrote " + target + " (" + png.width() + "x" + png.height() + ")");
      return ExitCodes.OK;
    } finally {
      CompletableFuture<Void> closed = new CompletableFuture<>();
      Platform.runLater(() -> {
        studio.close();
        closed.complete(null);
      });
      closed.get(30, TimeUnit.SECONDS);
    }
  }

  private static void waitForRun(Studio studio) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      CompletableFuture<Boolean> running = new CompletableFuture<>();
      Platform.runLater(() -> running.complete(studio.viewModel().run().isRunning()));
      if (!running.get(30, TimeUnit.SECONDS)) {
        return;
      }
      Thread.sleep(100);
    }
  }

  static int[] parseSize(String s) {
    String[] parts = s.toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length != 2) {
      return null;
    }
    try {
      int w = Integer.parseInt(parts[0].strip());
      int h = Integer.parseInt(parts[1].strip());
      return w < 200 || h < 200 || w > 8000 || h > 8000 ? null : new int[] {w, h};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
