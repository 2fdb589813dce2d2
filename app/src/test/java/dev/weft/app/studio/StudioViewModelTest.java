package dev.weft.app.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.files.EmbeddedPipelines;
import dev.weft.app.files.Recovery;
import dev.weft.app.inspector.ModelChoices;
import dev.weft.app.settings.SettingsFile;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.image.ImageFiles;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.format.Examples;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Position;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioViewModelTest {
  @TempDir Path dir;
  private WeftContext context;
  private final ExecutorService ui = Executors.newSingleThreadExecutor();
  private final ExecutorService io = Executors.newSingleThreadExecutor();
  private final ExecutorService background = Executors.newCachedThreadPool();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private StudioViewModel vm;
  private Recovery recovery;

  @BeforeEach
  void setUp() throws Exception {
    PlatformDirs dirs = PlatformDirs.under(dir.resolve("home"));
    context =
        new WeftContext(
            dirs,
            TestCatalog.withTestNodes(),
            Services.builder().put(PlatformDirs.class, dirs).build(),
            new Lanes(Lanes.Config.forThisMachine()));
    recovery = new Recovery(dir.resolve("recovery"), 1, pid -> false);
    vm =
        onUi(() ->
            new StudioViewModel(
                context,
                new StudioViewModel.Threads(io, background, ui, timer),
                new SettingsFile(dir.resolve("studio.json")),
                recovery,
                EmbeddedPipelines.standard(),
                ModelChoices.NONE,
                new Random(7)));
  }

  @AfterEach
  void tearDown() {
    ui.shutdownNow();
    io.shutdownNow();
    background.shutdownNow();
    timer.shutdownNow();
    context.close();
  }

  private <T> T onUi(Callable<T> c) throws Exception {
    return ui.submit(c).get(20, TimeUnit.SECONDS);
  }

  private void drainUi() throws Exception {
    // io work hops back to the UI thread: wait for both queues to settle
    for (int i = 0; i < 3; i++) {
      io.submit(() -> {}).get(20, TimeUnit.SECONDS);
      onUi(() -> null);
    }
  }

  private Path example() throws Exception {
    Path p = dir.resolve("prompt.weft.json");
    Files.writeString(p, Examples.load("prompt-builder.weft.json").json());
    return p;
  }

  @Test
  void openingAFileShowsItAndRemembersItAsRecent() throws Exception {
    Path p = example();
    assertThat(onUi(() -> vm.open(p)).get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(onUi(() -> vm.document().graph().nodes().size())).isEqualTo(6);
    assertThat(onUi(() -> vm.settings().recentFiles()))
        .containsExactly(p.toAbsolutePath().toString());
    assertThat(onUi(() -> vm.welcomeVisibleProperty().get())).isFalse();
  }

  @Test
  void aFileThatIsNoPipelineIsRefusedWithItsReason() throws Exception {
    Path p = dir.resolve("bad.weft.json");
    Files.writeString(p, "{ not json");
    assertThat(onUi(() -> vm.open(p)).get(20, TimeUnit.SECONDS)).isFalse();
    assertThat(onUi(() -> vm.messageProperty().get()))
        .contains("Cannot open bad.weft.json")
        .contains("not valid JSON");
  }

  @Test
  void saveAsAddsTheExtensionAndClearsTheDirtyMarker() throws Exception {
    onUi(() -> vm.openExample("prompt-builder.weft.json"));
    onUi(() -> {
      vm.document().setParam("subject", "text", "changed");
      return null;
    });
    assertThat(onUi(() -> vm.saveAs(dir.resolve("mine"))).get(20, TimeUnit.SECONDS)).isTrue();
    Path saved = dir.resolve("mine.weft.json");
    assertThat(saved).exists();
    assertThat(onUi(() -> vm.document().history().isDirty())).isFalse();
    Graph reread = new PipelineFormat().read(saved).graph();
    assertThat(reread).isEqualTo(onUi(() -> vm.document().graph()));
  }

  @Test
  void autosaveWritesARecoveryFileThatTheNextSessionCanRestore() throws Exception {
    onUi(() -> vm.openExample("prompt-builder.weft.json"));
    onUi(() -> {
      vm.document().setParam("subject", "text", "unsaved work");
      vm.autosaveIfChanged();
      return null;
    });
    drainUi();
    assertThat(recovery.ownFile()).exists();
    // a later session (another pid) finds it and restores it as an unsaved document
    Recovery next = new Recovery(dir.resolve("recovery"), 2, pid -> false);
    List<Recovery.Entry> left = next.leftovers();
    assertThat(left).hasSize(1);
    onUi(() -> {
      vm.newDocument();
      return null;
    });
    assertThat(onUi(() -> vm.restore(left.getFirst())).get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(onUi(() -> vm.document().graph().node("subject").orElseThrow().params().get("text")))
        .contains("unsaved work");
    assertThat(onUi(() -> vm.document().history().isDirty())).isTrue();
  }

  @Test
  void autosaveSkipsAnUnchangedDocument() throws Exception {
    onUi(() -> vm.openExample("prompt-builder.weft.json"));
    onUi(() -> {
      vm.autosaveIfChanged();
      return null;
    });
    drainUi();
    assertThat(recovery.ownFile()).doesNotExist();
  }

  @Test
  void aCleanCloseLeavesNoRecoveryFile() throws Exception {
    onUi(
            () -> {
              vm.openExample("prompt-builder.weft.json");
              vm.document().setParam("subject", "text", "x");
              return vm.autosaveNow();
            })
        .get(20, TimeUnit.SECONDS);
    assertThat(recovery.ownFile()).exists();
    onUi(() -> {
      vm.close();
      return null;
    });
    assertThat(recovery.ownFile()).doesNotExist();
  }

  @Test
  void aDroppedImageBecomesALoadImageNode() throws Exception {
    Path png = dir.resolve("cat.png");
    ImageFiles.writePng(ImageAsset.ofArgb(2, 2, new int[] {-1, -1, -1, -1}), png);
    onUi(() -> {
      vm.dropFiles(List.of(png), new Position(100, 100));
      return null;
    });
    drainUi();
    var node =
        onUi(() ->
            vm.document().graph().nodes().stream()
                .filter(n -> n.type().equals("image.load"))
                .findFirst());
    assertThat(node).isPresent();
    assertThat(node.get().params().get("file")).contains(png.toAbsolutePath().toString());
  }

  @Test
  void aDroppedPngMadeByWeftOpensThePipelineInsideIt() throws Exception {
    Path png = dir.resolve("result.png");
    ImageFiles.writePng(
        ImageAsset.ofArgb(2, 2, new int[] {-1, -1, -1, -1}),
        png,
        dev.weft.assets.image.PngOptions.DEFAULT.withEmbedded(
            new dev.weft.assets.media.EmbeddedProvenance(
                Examples.load("prompt-builder.weft.json").json(), null)));
    onUi(() -> {
      vm.dropFiles(List.of(png), new Position(0, 0));
      return null;
    });
    drainUi();
    assertThat(onUi(() -> vm.document().graph().name())).isEqualTo("Prompt builder");
    assertThat(onUi(() -> vm.document().graph().nodes())).hasSize(6);
  }

  @Test
  void aDroppedPipelineFileOpens() throws Exception {
    Path p = example();
    onUi(() -> {
      vm.dropFiles(List.of(p), new Position(0, 0));
      return null;
    });
    drainUi();
    drainUi();
    assertThat(onUi(() -> vm.document().file())).contains(p.toAbsolutePath());
  }

  @Test
  void aDroppedFileOfNoKnownKindIsExplained() throws Exception {
    Path p = dir.resolve("notes.docx");
    Files.writeString(p, "x");
    onUi(() -> {
      vm.dropFiles(List.of(p), new Position(0, 0));
      return null;
    });
    drainUi();
    assertThat(onUi(() -> vm.messageProperty().get())).contains("notes.docx is none of these");
  }

  @Test
  void unlockedSeedsGetANewValueBeforeARun() throws Exception {
    String id = onUi(() -> vm.document().addNode("number.seed", new Position(0, 0)).orElseThrow());
    onUi(() -> {
      vm.seeds().setLocked(id, "seed", false);
      vm.run(false);
      return null;
    });
    Object seed =
        onUi(() -> vm.document().graph().node(id).orElseThrow().params().get("seed").orElseThrow());
    assertThat(seed).isInstanceOf(Long.class).isNotEqualTo(42L);
  }

  @Test
  void lockedSeedsKeepTheirValue() throws Exception {
    String id = onUi(() -> vm.document().addNode("number.seed", new Position(0, 0)).orElseThrow());
    onUi(() -> {
      vm.run(false);
      return null;
    });
    assertThat(onUi(() -> vm.document().graph().node(id).orElseThrow().params().has("seed")))
        .isFalse();
  }

  @Test
  void runningUpToNothingAsksForASelection() throws Exception {
    onUi(() -> {
      vm.openExample("prompt-builder.weft.json");
      vm.run(true);
      return null;
    });
    assertThat(onUi(() -> vm.messageProperty().get())).contains("Select the node to run up to");
    assertThat(onUi(() -> vm.run().isRunning())).isFalse();
  }

  @Test
  void anUnsavedPipelineRunsInTheScratchFolder() throws Exception {
    var parsed = onUi(() -> vm.parsed(Graph.EMPTY));
    assertThat(parsed.baseDir())
        .isEqualTo(context.dirs().data().resolve("scratch").toAbsolutePath());
    assertThat(Optional.of(parsed.sourceName())).contains("untitled.weft.json");
  }
}
