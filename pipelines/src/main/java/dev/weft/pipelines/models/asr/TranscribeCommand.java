package dev.weft.pipelines.models.asr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.io.AtomicFiles;
import dev.weft.assets.subtitle.Subtitles;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.cli.CliEnvironment;
import dev.weft.pipelines.cli.CommandProvider;
import dev.weft.pipelines.cli.CtrlC;
import dev.weft.pipelines.cli.ExitCodes;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunRequest;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.format.SourceMap;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft transcribe}: each audio (or video) file through a one-node pipeline holding
 * "Transcribe speech (Fun-ASR)", run by the engine like any other; prints the text, or one JSON
 * object per file per line, and writes SRT or WebVTT subtitles. An http(s) URL instead of a file is
 * transcribed by the cloud, which takes URLs only.
 */
@Command(
    name = "transcribe",
    description =
        "Transcribes speech in audio or video files (SenseVoice or Paraformer on this machine, or"
            + " DashScope for http(s) URLs). Exit status: 0 done, 1 a file failed, 2 invalid"
            + " arguments or a missing model or key, 130 cancelled.",
    mixinStandardHelpOptions = true)
public final class TranscribeCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Registers the command with {@code weft}. */
  public static final class Provider implements CommandProvider {
    @Override
    public String name() {
      return "transcribe";
    }

    @Override
    public Object create(CliEnvironment environment) {
      return new TranscribeCommand(environment);
    }
  }

  private final CliEnvironment env;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  @Parameters(
      arity = "1..*",
      paramLabel = "AUDIO",
      description = "Audio or video files, or http(s) URLs for the cloud.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--model",
      paramLabel = "ID|DIR",
      description =
          "A catalog model id (default ${DEFAULT-VALUE}) or a folder with a SenseVoice or"
              + " Paraformer export, used as it is.")
  String model = TranscribeSpeechNode.DEFAULT_MODEL;

  @Option(
      names = "--backend",
      paramLabel = "auto|local|cloud",
      description = "Where to transcribe (default ${DEFAULT-VALUE}).")
  String backend = "auto";

  @Option(
      names = "--lang",
      paramLabel = "auto|zh|en|yue|ja|ko",
      description = "The spoken language (default ${DEFAULT-VALUE}).")
  String language = "auto";

  @Option(
      names = "--itn",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Punctuation and digits for numbers (on unless --no-itn).")
  boolean itn = true;

  @Option(
      names = "--vad",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Split long audio at pauses with Silero VAD (on unless --no-vad).")
  boolean vad = true;

  @Option(names = "--diarization", description = "Tell speakers apart (cloud).")
  boolean diarization;

  @Option(names = "--json", description = "Print one JSON object per file per line.")
  boolean json;

  @Option(
      names = "--srt",
      paramLabel = "FILE",
      description = "Write SubRip subtitles (a folder when several files are given).")
  Path srt;

  @Option(
      names = "--vtt",
      paramLabel = "FILE",
      description = "Write WebVTT subtitles (a folder when several files are given).")
  Path vtt;

  @Option(names = "--offline", description = "Make no network call at all.")
  boolean offline;

  TranscribeCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    BackendPolicy policy = parseBackend();
    if (!TranscribeSpeechNode.LANGUAGES.contains(language)) {
      throw invalid(
          "args.lang",
          "--lang",
          "unknown language \"" + language + "\"",
          "use one of " + String.join(", ", TranscribeSpeechNode.LANGUAGES));
    }
    for (Path out : new Path[] {srt, vtt}) {
      if (out != null && inputs.size() > 1 && Files.isRegularFile(out)) {
        throw invalid(
            "args.subtitles",
            out.toString(),
            "several files are given, so " + out + " must be a folder, not a file",
            "give a folder; each file's subtitles are written there under its own name");
      }
    }
    WeftContext context = env.context();
    Path here = Path.of("").toAbsolutePath();
    Project project = context.engine().project(projectFolder(context));
    int failed = 0;
    for (String input : inputs) {
      Optional<TranscriptAsset> t = transcribe(context, project, here, input, policy);
      if (t.isEmpty()) {
        if (cancelled.get()) {
          return ExitCodes.CANCELLED;
        }
        failed++;
        continue;
      }
      print(input, t.get());
      writeSubtitles(input, t.get());
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.NODE_FAILED;
  }

  private BackendPolicy parseBackend() {
    try {
      return BackendPolicy.parse(backend);
    } catch (IllegalArgumentException e) {
      throw invalid("args.backend", "--backend", e.getMessage(), "use auto, local or cloud");
    }
  }

  private static InvalidPipelineException invalid(
      String code, String where, String message, String hint) {
    return InvalidPipelineException.of(Problem.error(code, message, Location.of(where), hint));
  }

  /** Transcripts are cached like any run's results, in a project of Weft's own cache. */
  private static Path projectFolder(WeftContext context) {
    return context
        .services()
        .find(PlatformDirs.class)
        .map(d -> d.cache().resolve("transcribe"))
        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "weft-transcribe"));
  }

  private static boolean isUrl(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://");
  }

  private Graph graph(String input, Path here) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (isUrl(input)) {
      params.put("audio_url", input);
    } else {
      params.put("file", here.resolve(input).toAbsolutePath().normalize().toString());
    }
    params.put("backend", backend.toLowerCase(Locale.ROOT));
    params.put("model", model);
    params.put("language", language);
    params.put("itn", itn);
    params.put("vad", vad);
    params.put("diarization", diarization);
    Node node =
        Node.of("transcribe", TranscribeSpeechNode.ID)
            .withTitle("Transcribe " + Path.of(input).getFileName())
            .withParams(Params.of(params))
            .withPosition(new Position(0, 0));
    return Graph.of(List.of(node), List.of());
  }

  /** Runs one input; empty when it failed or was cancelled (already reported). */
  private Optional<TranscriptAsset> transcribe(
      WeftContext context, Project project, Path here, String input, BackendPolicy policy)
      throws Exception {
    if (isUrl(input) && policy == BackendPolicy.LOCAL) {
      throw invalid(
          "args.input",
          input,
          "local transcription needs the audio on this machine, not a URL",
          "download the file and give its path, or use --backend cloud");
    }
    if (!isUrl(input) && !Files.isRegularFile(here.resolve(input))) {
      throw invalid("args.input", input, "no such file: " + input, "give an audio or video file");
    }
    if (!isUrl(input) && policy == BackendPolicy.CLOUD) {
      throw invalid(
          "args.input",
          input,
          "DashScope's file transcription takes public http(s) URLs only, not a local file",
          "put the audio where the service can fetch it (your own bucket or web server) and give"
              + " its URL instead of the path, or transcribe here with --backend local");
    }
    Graph graph = graph(input, here);
    ParsedPipeline parsed =
        new ParsedPipeline(
            graph,
            "weft transcribe",
            Optional.of(here.resolve("transcribe.weft.json")),
            SourceMap.EMPTY,
            Map.of("transcribe", 0),
            List.of());
    RunOptions options = RunOptions.DEFAULT.withOffline(offline);
    RunRequest request =
        new RunRequest(parsed, project, project.defaultOutputDir(), options, Optional.empty());
    Progress progress = new Progress(input);
    RunHandle handle = context.engine().start(request, progress::event);
    Optional<RunResult> ended = CtrlC.await(env, handle, cancelled);
    if (ended.isEmpty()) {
      return Optional.empty();
    }
    RunResult result = ended.get();
    if (result.status() == RunStatus.CANCELLED) {
      cancelled.set(true);
      return Optional.empty();
    }
    NodeOutcome outcome = result.node("transcribe").orElseThrow();
    if (!outcome.succeeded()) {
      return Optional.empty();
    }
    return Optional.of((TranscriptAsset) outcome.output("transcript"));
  }

  private void print(String input, TranscriptAsset t) throws IOException {
    if (json) {
      env.out().println(JSON.writeValueAsString(toJson(input, t)));
    } else if (inputs.size() > 1) {
      env.out().println(input + ": " + t.text());
    } else {
      env.out().println(t.text());
    }
    env.out().flush();
  }

  /**
   * The JSON line for one file: its text, tags, tokens as sherpa-onnx reports them (a SentencePiece
   * word marker shown as a space) with one time each, and the segments.
   */
  static ObjectNode toJson(String input, TranscriptAsset t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("file", input);
    o.put("text", t.text());
    o.put("lang", t.language().orElse(""));
    o.put("emotion", t.emotion().orElse(""));
    o.put("event", t.event().orElse(""));
    ArrayNode tokens = o.putArray("tokens");
    ArrayNode times = o.putArray("timestamps");
    for (TranscriptAsset.Token tok : t.tokens()) {
      tokens.add(tok.piece());
      times.add(tok.time());
    }
    ArrayNode segments = o.putArray("segments");
    for (TranscriptAsset.Segment s : t.segments()) {
      ObjectNode seg = segments.addObject();
      seg.put("start", s.start());
      seg.put("end", s.end());
      seg.put("text", s.text());
      s.speakerName().ifPresent(sp -> seg.put("speaker", sp));
      ArrayNode words = seg.putArray("words");
      for (TranscriptAsset.Word w : s.words()) {
        ObjectNode word = words.addObject();
        word.put("start", w.start());
        word.put("end", w.end());
        word.put("text", w.text());
      }
    }
    o.put("duration", t.durationSeconds());
    return o;
  }

  private void writeSubtitles(String input, TranscriptAsset t) throws IOException {
    if (srt != null) {
      write(target(srt, input, "srt"), Subtitles.toSrt(t));
    }
    if (vtt != null) {
      write(target(vtt, input, "vtt"), Subtitles.toVtt(t));
    }
  }

  private Path target(Path given, String input, String extension) throws IOException {
    if (inputs.size() == 1 && !Files.isDirectory(given)) {
      return given;
    }
    Files.createDirectories(given);
    String name =
        Path.of(isUrl(input) ? input.replaceAll("[?#].*$", "") : input).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return given.resolve((dot > 0 ? name.substring(0, dot) : name) + "." + extension);
  }

  private void write(Path target, String text) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    AtomicFiles.writeString(target, text);
    if (!json) {
      env.err().println("wrote " + target);
    }
  }

  /** Progress and problems of one file's run, on standard error so standard output stays clean. */
  private final class Progress {
    private final String input;
    private long lastNanos;
    private int lastPercent = -1;

    Progress(String input) {
      this.input = input;
    }

    void event(RunEvent e) {
      switch (e) {
        case RunEvent.NodeBackend b ->
            env.err()
                .println(
                    input + ": " + b.backend() + (b.model() == null ? "" : " (" + b.model() + ")"));
        case RunEvent.NodeProgress p -> progress(p);
        case RunEvent.NodeCached c -> env.err().println(input + ": cached");
        case RunEvent.NodeFailed f ->
            env.err()
                .println(
                    "error: "
                        + input
                        + ": "
                        + f.message()
                        + (f.hint() == null ? "" : ". Fix: " + f.hint()));
        case RunEvent.NodeLog l -> {
          if (l.level() == RunEvent.NodeLog.Level.WARNING || env.verbose()) {
            env.err().println(input + ": " + l.message());
          }
        }
        default -> {}
      }
    }

    private void progress(RunEvent.NodeProgress p) {
      long now = System.nanoTime();
      int percent = p.fraction() < 0 ? -1 : (int) Math.round(p.fraction() * 100);
      if (now - lastNanos < 1_000_000_000L && percent - lastPercent < 10 && percent != 100) {
        return;
      }
      lastNanos = now;
      lastPercent = percent;
      env.err()
          .println(
              input
                  + ": "
                  + (percent < 0 ? "" : percent + "% ")
                  + (p.message().isBlank() ? "" : p.message()));
    }
  }
}
