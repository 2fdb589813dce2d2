package dev.weft.pipelines.models.omni;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.pipelines.cli.CliEnvironment;
import dev.weft.pipelines.cli.CommandProvider;
import dev.weft.pipelines.cli.ExitCodes;
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
import dev.weft.pipelines.nodes.media.LoadVideoNode;
import dev.weft.pipelines.settings.EndpointType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code weft talk --prompt TEXT [--image|--audio|--video FILE] [--speech-out FILE.wav]}: talks
 * with Qwen3-Omni; the written answer streams to stdout, the spoken one goes to a file.
 */
@Command(
    name = "talk",
    description =
        "Talks with Qwen3-Omni: the written answer streams to the terminal, the spoken answer"
            + " goes to --speech-out. Exit status: 0 done, 1 the call failed, 2 invalid arguments,"
            + " 130 cancelled.",
    mixinStandardHelpOptions = true)
public final class TalkCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "What to say.")
  String prompt;

  /** At most one medium (spec A.5). */
  static final class Medium {
    @Option(names = "--image", paramLabel = "FILE", description = "An image to talk about.")
    Path image;

    @Option(names = "--audio", paramLabel = "FILE", description = "Speech or sound to answer.")
    Path audio;

    @Option(names = "--video", paramLabel = "FILE", description = "A video to talk about.")
    Path video;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Medium medium;

  @Option(
      names = "--speech-out",
      paramLabel = "FILE.wav",
      description = "Where to write the spoken answer (.wav, .flac, .mp3, .opus or .m4a).")
  Path speechOut;

  @Option(names = "--voice", paramLabel = "NAME", description = "e.g. Cherry or Ethan.")
  String voice;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt.")
  String system;

  @Option(names = "--no-speech", description = "Ask for text only.")
  boolean noSpeech;

  @Option(names = "--max-tokens", paramLabel = "N", description = "The longest answer.")
  Long maxTokens;

  @Option(names = "--temperature", paramLabel = "T", description = "0 to 2 (default 0.7).")
  Double temperature;

  @Mixin OneShotOptions common;

  TalkCommand(CliEnvironment env) {
    this.env = env;
  }

  /** Registers {@code weft talk}. */
  public static final class Provider implements CommandProvider {
    @Override
    public String name() {
      return "talk";
    }

    @Override
    public Object create(CliEnvironment environment) {
      return new TalkCommand(environment);
    }
  }

  @Override
  public Integer call() throws Exception {
    OneShot run = new OneShot(env, common.json, "talk", true);
    String port = null;
    String loaderType = null;
    Path file = null;
    if (medium != null) {
      if (medium.image != null) {
        port = "image";
        loaderType = LoadImageNode.ID;
        file = medium.image;
      } else if (medium.audio != null) {
        port = "audio";
        loaderType = LoadAudioNode.ID;
        file = medium.audio;
      } else if (medium.video != null) {
        port = "video";
        loaderType = LoadVideoNode.ID;
        file = medium.video;
      }
    }
    if (file != null && OneShot.missing(file).isPresent()) {
      return run.invalid(OneShot.missing(file).get(), "name an existing file");
    }
    if (speechOut != null) {
      try {
        String name = speechOut.getFileName().toString();
        int dot = name.lastIndexOf('.');
        dev.weft.assets.audio.AudioEncoding.forExtension(dot < 0 ? "" : name.substring(dot + 1));
      } catch (IllegalArgumentException e) {
        return run.invalid("--speech-out " + speechOut + ": " + e.getMessage(), null);
      }
      if (noSpeech) {
        return run.invalid("--speech-out and --no-speech contradict each other", null);
      }
    }
    Services services = env.context().services();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("prompt", prompt);
    UnaryOperator<Services> edit = UnaryOperator.identity();
    try {
      switch (common.endpoint(services, EndpointType.VLLM_OMNI)) {
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
    putIf(params, "voice", voice);
    putIf(params, "system", system);
    putIf(params, "max_tokens", maxTokens);
    putIf(params, "temperature", temperature);
    if (noSpeech) {
      params.put("speech", false);
    }
    common.backendParam().ifPresent(b -> params.put("backend", b));
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    if (file != null) {
      nodes.add(
          new Node(
              port,
              loaderType,
              1,
              file.getFileName().toString(),
              Params.of("file", file.toAbsolutePath().toString()),
              Position.ORIGIN));
      edges.add(Edge.of(port, port, "talk", port));
    }
    nodes.add(new Node("talk", TalkNode.ID, 1, "Talk", Params.of(params), new Position(300, 0)));
    OneShot.Outcome outcome =
        run.run(
            Graph.of(nodes, edges),
            common.projectDir(),
            RunOptions.DEFAULT.withOffline(common.offline),
            edit);
    Optional<NodeOutcome> talked = outcome.node("talk");
    if (talked.isEmpty()) {
      return outcome.exitCode();
    }
    AudioAsset speech = (AudioAsset) talked.get().output("speech");
    if (speechOut != null) {
      if (speech.frames() == 0) {
        env.err().println("warning: the answer has no speech; " + speechOut + " is not written");
        return outcome.exitCode();
      }
      try {
        Path parent = speechOut.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        AudioFiles.write(speech, speechOut);
      } catch (java.io.IOException e) {
        env.err()
            .println("error: the speech cannot be written to " + speechOut + ": " + e.getMessage());
        return ExitCodes.NODE_FAILED;
      }
      run.saved("speech", speechOut);
    } else if (!noSpeech && !common.json && speech.frames() > 0) {
      env.err()
          .println(
              String.format(
                  Locale.ROOT,
                  "speech: %.1f s (save it with --speech-out FILE.wav)",
                  speech.durationSeconds()));
    }
    return outcome.exitCode();
  }

  private static void putIf(Map<String, Object> params, String name, Object value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
