package dev.weft.pipelines.models.vision;

import dev.weft.assets.TextAsset;
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
import dev.weft.pipelines.nodes.media.LoadImageNode;
import dev.weft.pipelines.settings.EndpointType;
import java.nio.file.Path;
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
import picocli.CommandLine.Parameters;

/** {@code weft look IMAGE... --prompt TEXT}: asks Qwen3-VL about images, answer on stdout. */
@Command(
    name = "look",
    description =
        "Asks Qwen3-VL about one or more images and prints the answer as it streams. Exit status:"
            + " 0 done, 1 the call failed, 2 invalid arguments, 130 cancelled.",
    mixinStandardHelpOptions = true)
public final class LookCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "The images to look at.")
  List<Path> images = new ArrayList<>();

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The question.")
  String prompt;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt.")
  String system;

  @Option(names = "--thinking", description = "Let the model think first (printed to stderr).")
  boolean thinking;

  @Option(names = "--max-tokens", paramLabel = "N", description = "The longest answer.")
  Long maxTokens;

  @Option(names = "--temperature", paramLabel = "T", description = "0 to 2 (default 0.7).")
  Double temperature;

  @Option(
      names = "--pixel-budget",
      paramLabel = "PIXELS",
      description = "The most pixels sent per image (default 1048576).")
  Long pixelBudget;

  @Option(names = "--as-video", description = "The images are frames of one video, in order.")
  boolean asVideo;

  @Option(names = "--fps", paramLabel = "F", description = "Frames per second, with --as-video.")
  Double fps;

  @Mixin OneShotOptions common;

  LookCommand(CliEnvironment env) {
    this.env = env;
  }

  /** Registers {@code weft look}. */
  public static final class Provider implements CommandProvider {
    @Override
    public String name() {
      return "look";
    }

    @Override
    public Object create(CliEnvironment environment) {
      return new LookCommand(environment);
    }
  }

  @Override
  public Integer call() throws Exception {
    OneShot run = new OneShot(env, common.json, "look", true);
    for (Path image : images) {
      Optional<String> missing = OneShot.missing(image);
      if (missing.isPresent()) {
        return run.invalid(missing.get(), "name an image file (PNG, JPEG, WebP or BMP)");
      }
    }
    Services services = env.context().services();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("prompt", prompt);
    UnaryOperator<Services> edit = UnaryOperator.identity();
    try {
      switch (common.endpoint(services, EndpointType.OPENAI)) {
        case OneShotOptions.Endpoint.None n -> {}
        case OneShotOptions.Endpoint.Named n -> params.put("endpoint", n.name());
        case OneShotOptions.Endpoint.Url u -> {
          params.put("endpoint", u.endpoint().name());
          edit = OneShotOptions.withEndpoint(u.endpoint());
        }
      }
    } catch (IllegalArgumentException e) {
      return run.invalid(e.getMessage(), "give http://host:port/v1 or a name from Settings");
    }
    putIf(params, "model", common.model);
    putIf(params, "system", system);
    putIf(params, "max_tokens", maxTokens);
    putIf(params, "temperature", temperature);
    putIf(params, "pixel_budget", pixelBudget);
    putIf(params, "fps", fps);
    common.backendParam().ifPresent(b -> params.put("backend", b));
    if (thinking) {
      params.put("thinking", true);
    }
    if (asVideo) {
      params.put("as_video", true);
    }
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      String id = "image" + (i + 1);
      nodes.add(
          new Node(
              id,
              LoadImageNode.ID,
              1,
              images.get(i).getFileName().toString(),
              Params.of("file", images.get(i).toAbsolutePath().toString()),
              new Position(0, i * 160)));
      edges.add(Edge.of(id, "image", "look", "images"));
    }
    nodes.add(new Node("look", LookNode.ID, 1, "Look", Params.of(params), new Position(300, 0)));
    OneShot.Outcome outcome =
        run.run(
            Graph.of(nodes, edges),
            common.projectDir(),
            RunOptions.DEFAULT.withOffline(common.offline),
            edit);
    Optional<NodeOutcome> look = outcome.node("look");
    if (thinking && !common.json && look.isPresent()) {
      String reasoning = ((TextAsset) look.get().output("thinking")).text();
      if (!reasoning.isBlank()) {
        env.err().println("thinking: " + reasoning.strip());
      }
    }
    return outcome.exitCode();
  }

  static void putIf(Map<String, Object> params, String name, Object value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
