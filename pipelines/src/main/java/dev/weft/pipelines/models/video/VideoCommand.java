package dev.weft.pipelines.models.video;

import dev.weft.assets.TextAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.pipelines.cli.CliEnvironment;
import dev.weft.pipelines.cli.CommandProvider;
import dev.weft.pipelines.cli.OneShot;
import dev.weft.pipelines.cli.OneShotOptions;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Position;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.nodes.media.LoadAudioNode;
import dev.weft.pipelines.nodes.media.LoadImageNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code weft video --prompt TEXT [--image IMG] [--out FILE.mp4]}: makes a Wan video. The task is
 * remembered in the project folder, so running the same command again after an interruption resumes
 * it instead of paying for a new one.
 */
@Command(
    name = "video",
    description =
        "Makes a video with Wan on DashScope, from a prompt or a first-frame image, and prints"
            + " where it is. Running the same command after an interruption resumes the task."
            + " Exit status: 0 done, 1 the task failed, 2 invalid arguments, 130 cancelled.",
    mixinStandardHelpOptions = true)
public final class VideoCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "What happens in the video.")
  String prompt;

  @Option(names = "--image", paramLabel = "IMG", description = "A first frame: image to video.")
  Path image;

  @Option(names = "--audio", paramLabel = "FILE", description = "3 to 30 s of audio to follow.")
  Path audio;

  @Option(names = "--out", paramLabel = "FILE.mp4", description = "Copy the video here.")
  Path out;

  @Option(names = "--negative", paramLabel = "TEXT", description = "What not to show.")
  String negative;

  @Option(names = "--size", paramLabel = "W*H", description = "e.g. 1280*720 (size models).")
  String size;

  @Option(names = "--resolution", paramLabel = "TIER", description = "480P, 720P or 1080P.")
  String resolution;

  @Option(names = "--duration", paramLabel = "S", description = "Seconds (as the model allows).")
  Long duration;

  @Option(names = "--seed", paramLabel = "N", description = "0 to 2147483647 (default 42).")
  Long seed;

  @Option(names = "--no-prompt-extend", description = "Send the prompt as written.")
  boolean noPromptExtend;

  @Option(names = "--watermark", description = "Ask for the service's watermark.")
  boolean watermark;

  @Mixin OneShotOptions common;

  VideoCommand(CliEnvironment env) {
    this.env = env;
  }

  /** Registers {@code weft video}. */
  public static final class Provider implements CommandProvider {
    @Override
    public String name() {
      return "video";
    }

    @Override
    public Object create(CliEnvironment environment) {
      return new VideoCommand(environment);
    }
  }

  @Override
  public Integer call() throws Exception {
    OneShot run = new OneShot(env, common.json, "video", false);
    if ((prompt == null || prompt.isBlank()) && image == null) {
      return run.invalid("give --prompt, or --image for image-to-video", null);
    }
    for (Path p : new Path[] {image, audio}) {
      if (p != null && OneShot.missing(p).isPresent()) {
        return run.invalid(OneShot.missing(p).get(), "name an existing file");
      }
    }
    if (out != null
        && !out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mp4")) {
      return run.invalid("--out " + out + " must end in .mp4", "Wan makes MP4 files");
    }
    UnaryOperator<Services> edit = UnaryOperator.identity();
    if (common.endpoint != null && !common.endpoint.isBlank()) {
      if (!common.endpoint.contains("://")) {
        return run.invalid(
            "--endpoint for `weft video` is the DashScope host URL, got \""
                + common.endpoint
                + "\"",
            "e.g. --endpoint https://dashscope-intl.aliyuncs.com");
      }
      edit = OneShotOptions.withDashScopeHost(common.endpoint.strip());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    putIf(params, "prompt", prompt);
    putIf(params, "model", common.model);
    putIf(params, "negative_prompt", negative);
    putIf(params, "size", size);
    putIf(
        params,
        "resolution",
        resolution == null ? null : resolution.toUpperCase(java.util.Locale.ROOT));
    putIf(params, "duration", duration);
    putIf(params, "seed", seed);
    if (noPromptExtend) {
      params.put("prompt_extend", false);
    }
    if (watermark) {
      params.put("watermark", true);
    }
    common.backendParam().ifPresent(b -> params.put("backend", b));
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    if (image != null) {
      nodes.add(loader("image", LoadImageNode.ID, image, 0));
      edges.add(Edge.of("image", "image", "video", "image"));
    }
    if (audio != null) {
      nodes.add(loader("audio", LoadAudioNode.ID, audio, 160));
      edges.add(Edge.of("audio", "audio", "video", "audio"));
    }
    nodes.add(
        new Node(
            "video", MakeVideoNode.ID, 1, "Make video", Params.of(params), new Position(300, 0)));
    OneShot.Outcome outcome =
        run.run(
            Graph.of(nodes, edges),
            common.projectDir(),
            RunOptions.DEFAULT.withOffline(common.offline),
            edit);
    Optional<NodeOutcome> made = outcome.node("video");
    if (made.isEmpty()) {
      return outcome.exitCode();
    }
    VideoAsset video = (VideoAsset) made.get().output("video");
    String extended = ((TextAsset) made.get().output("prompt")).text();
    Path where = video.file();
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.copy(video.file(), out, StandardCopyOption.REPLACE_EXISTING);
      where = out;
      run.saved("video", out);
    }
    if (!common.json) {
      env.err().println("video: " + video.describe());
      if (!extended.equals(prompt)) {
        env.err().println("extended prompt: " + extended);
      }
      env.out().println(where);
    }
    return outcome.exitCode();
  }

  private static Node loader(String id, String type, Path file, int y) {
    return new Node(
        id,
        type,
        1,
        file.getFileName().toString(),
        Params.of("file", file.toAbsolutePath().toString()),
        new Position(0, y));
  }

  private static void putIf(Map<String, Object> params, String name, Object value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
