package dev.weft.pipelines.models.asr;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.store.AssetStore;
import dev.weft.assets.store.FileAssetStore;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.BackendChoice;
import dev.weft.pipelines.backends.BackendParams;
import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.dashscope.FileTranscriptionClient;
import dev.weft.pipelines.backends.dashscope.PendingTasks;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.backends.local.ModelExecutor;
import dev.weft.pipelines.backends.local.ModelJob;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import dev.weft.pipelines.nodes.Cancellation;
import dev.weft.pipelines.nodes.CheckContext;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeIssue;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.ParamSpec.EnumParam.Option;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.DashScopeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Transcribe speech (Fun-ASR): audio (or a video's sound, or a file read in pieces) in, a timed
 * transcript out, recognised on this machine by SenseVoice or Paraformer in the model worker (long
 * audio cut by Silero VAD into utterances of at most 30 s), or by DashScope's recorded-file
 * transcription from a public URL of the same audio. Auto runs locally when the model is installed,
 * else in the cloud when a key and a URL are set.
 */
public final class TranscribeSpeechNode implements NodeType {
  public static final String ID = "asr.transcribe";
  static final String DEFAULT_MODEL = "sensevoice-small-int8";
  static final String DEFAULT_VAD = "silero-vad-v5";
  static final List<String> LANGUAGES = List.of("auto", "zh", "en", "yue", "ja", "ko");
  static final List<String> EXTENSIONS =
      List.of(
          "wav", "flac", "mp3", "ogg", "opus", "m4a", "aac", "mp4", "mov", "mkv", "webm", "m4v");

  /** How long a cloud transcription may take before the node gives up waiting (it can resume). */
  static final Duration CLOUD_TIMEOUT = Duration.ofHours(3);

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Transcribe speech (Fun-ASR)")
          .category("Audio")
          .description(
              "Speech to timed text with language, emotion and sound events: SenseVoice or"
                  + " Paraformer on this machine (long recordings are split at pauses), or"
                  + " DashScope in the cloud from a public URL of the same audio.")
          .input(
              Port.optional("audio", PortType.AUDIO)
                  .describedAs("Audio", "The speech to transcribe."))
          .input(
              Port.optional("video", PortType.VIDEO)
                  .describedAs("Video", "A video whose sound track is transcribed."))
          .output(
              Port.of("transcript", PortType.TRANSCRIPT)
                  .describedAs("Transcript", "Text with segments, words and token times."))
          .param(
              new ParamSpec.FileParam(
                  "file",
                  "File",
                  "An audio or video file read in pieces, for long recordings; used when neither"
                      + " input is connected.",
                  "",
                  EXTENSIONS,
                  ParamSpec.FileParam.Mode.OPEN,
                  false))
          .param(BackendParams.backend())
          .param(
              new ParamSpec.ModelParam(
                  "model",
                  "Model",
                  "A SenseVoice or Paraformer model from the catalog, or a folder holding an"
                      + " export (sherpa-onnx or FunASR layout).",
                  DEFAULT_MODEL,
                  "asr",
                  "speech-recognition",
                  true))
          .param(
              new ParamSpec.EnumParam(
                  "language",
                  "Language",
                  "The spoken language; Auto lets the model tell (SenseVoice) or detect (cloud).",
                  "auto",
                  List.of(
                      new Option("auto", "Auto"),
                      new Option("zh", "Chinese (Mandarin)"),
                      new Option("en", "English"),
                      new Option("yue", "Cantonese"),
                      new Option("ja", "Japanese"),
                      new Option("ko", "Korean")),
                  true))
          .param(
              new ParamSpec.BoolParam(
                  "itn",
                  "Punctuation and numbers",
                  "Inverse text normalisation: punctuation, digits for numbers (SenseVoice).",
                  true,
                  false))
          .param(
              new ParamSpec.BoolParam(
                  "vad",
                  "Split at pauses (VAD)",
                  "Cut long audio where Silero VAD hears speech end, and skip silence. Off: the"
                      + " whole audio, cut only every 30 s at its quietest point.",
                  true,
                  false))
          .param(
              new ParamSpec.ModelParam(
                  "vad_model",
                  "VAD model",
                  "The Silero VAD model that finds the pauses.",
                  DEFAULT_VAD,
                  "vad",
                  "voice-activity-detection",
                  false))
          .param(
              new ParamSpec.StringParam(
                  "audio_url",
                  "Audio URL (cloud)",
                  "A public http(s) URL of the same audio: DashScope's file API downloads it and"
                      + " cannot take a local file.",
                  "",
                  false))
          .param(
              new ParamSpec.StringParam(
                  "cloud_model",
                  "Cloud model",
                  "The DashScope model (blank: the one in Settings, fun-asr unless changed).",
                  "",
                  false))
          .param(
              new ParamSpec.BoolParam(
                  "diarization",
                  "Speakers (cloud)",
                  "Tell speakers apart; each segment names its speaker.",
                  false,
                  false))
          .lane(Lane.CPU)
          .keywords(
              "asr",
              "speech",
              "transcribe",
              "subtitles",
              "sensevoice",
              "paraformer",
              "funasr",
              "dictation",
              "voice")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  // ---- backend choice ----

  /** Why a backend cannot run, and how to fix it (may be null). */
  record Blocker(String message, String hint) {}

  /** Where a node with these parameters would run, and why not elsewhere. */
  record Choice(
      Optional<String> backend, Optional<Blocker> localProblem, Optional<Blocker> cloudProblem) {}

  private static String param(Params params, String name, String fallback) {
    return params.get(name).map(Object::toString).orElse(fallback);
  }

  private static boolean flag(Params params, String name, boolean fallback) {
    return params.get(name).map(v -> v instanceof Boolean b ? b : fallback).orElse(fallback);
  }

  static Choice choose(
      Params params,
      BackendPolicy runPolicy,
      Path pipelineDir,
      Services services,
      boolean offline) {
    BackendPolicy policy =
        BackendParams.policy(param(params, "backend", BackendParams.DEFAULT), runPolicy, services);
    Optional<Blocker> local =
        policy == BackendPolicy.CLOUD
            ? Optional.empty()
            : localProblem(params, pipelineDir, services, offline);
    Optional<Blocker> cloud =
        policy == BackendPolicy.LOCAL ? Optional.empty() : cloudProblem(params, services, offline);
    Optional<String> backend =
        switch (policy) {
          case LOCAL -> local.isEmpty() ? Optional.of("local") : Optional.empty();
          case CLOUD -> cloud.isEmpty() ? Optional.of("cloud") : Optional.empty();
          case AUTO ->
              local.isEmpty()
                  ? Optional.of("local")
                  : cloud.isEmpty() ? Optional.of("cloud") : Optional.empty();
        };
    return new Choice(backend, local, cloud);
  }

  private static Optional<Blocker> localProblem(
      Params params, Path pipelineDir, Services services, boolean offline) {
    if (services.find(ModelExecutor.class).isEmpty()) {
      return Optional.of(
          new Blocker(
              "no local model executor is configured",
              "start Weft normally (it brings the worker)"));
    }
    Optional<ModelLibrary> lib = services.find(ModelLibrary.class);
    Optional<Blocker> model =
        SpeechModelRef.problem(param(params, "model", DEFAULT_MODEL), pipelineDir, lib, offline);
    if (model.isPresent()) {
      return model;
    }
    if (flag(params, "vad", true)) {
      String vad = param(params, "vad_model", DEFAULT_VAD);
      try {
        if (!SpeechModelRef.isPath(vad, pipelineDir, lib)) {
          if (!lib.get().status(vad).isInstalled()) {
            return Optional.of(
                new Blocker(
                    "the VAD model " + vad + " is not installed",
                    offline
                        ? "fetch it on a machine with network ('weft models pull " + vad + "')"
                        : "download it with 'weft models pull " + vad + "', or turn VAD off"));
          }
        } else {
          SpeechModelRef.resolve(vad, pipelineDir, lib, false);
        }
      } catch (WeftException e) {
        return Optional.of(new Blocker(e.getMessage(), e.hint().orElse(null)));
      } catch (IOException e) {
        return Optional.of(new Blocker("cannot check the VAD model: " + e.getMessage(), null));
      }
    }
    return Optional.empty();
  }

  private static Optional<Blocker> cloudProblem(Params params, Services services, boolean offline) {
    Optional<CloudClients> clients = services.find(CloudClients.class);
    if (offline && !clients.map(TranscribeSpeechNode::dashScopeOnThisMachine).orElse(false)) {
      return Optional.of(
          new Blocker(
              "Weft is Offline, so nothing may leave this machine, and DashScope is not on it",
              "turn Offline off, or install the local model"));
    }
    if (clients.isEmpty() || !clients.get().dashScopeConfigured()) {
      return Optional.of(
          new Blocker(
              "no DashScope API key is set",
              "add one in Settings > Cloud, or set DASHSCOPE_API_KEY"));
    }
    String url = param(params, "audio_url", "").strip();
    if (url.isEmpty()) {
      return Optional.of(
          new Blocker(
              "the cloud needs a public http(s) URL of the audio: DashScope's file API downloads"
                  + " it and cannot take a local file",
              "set Audio URL to where the same audio can be fetched (your own bucket or server),"
                  + " or install the local model"));
    }
    try {
      FileTranscriptionClient.check(url);
    } catch (WeftException e) {
      return Optional.of(new Blocker(e.getMessage(), e.hint().orElse(null)));
    }
    return Optional.empty();
  }

  /** Whether the DashScope the settings name is a loopback server (the protocol test server). */
  private static boolean dashScopeOnThisMachine(CloudClients clients) {
    try {
      String host = clients.dashScopeEndpoints(DashScopeService.ASR).host();
      return new BackendChoice.DashScope(DashScopeService.ASR, host).onThisMachine();
    } catch (WeftException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public List<NodeIssue> check(Node node, CheckContext context) {
    Choice c =
        choose(
            node.params(),
            context.backendPolicy(),
            context.pipelineDir(),
            context.services(),
            BackendParams.offline(context.services(), context.offline()));
    List<NodeIssue> issues = new ArrayList<>();
    if (c.backend().isPresent()) {
      if (c.backend().get().equals("cloud") && c.localProblem().isPresent()) {
        issues.add(
            NodeIssue.warning(
                "model",
                "will run in the cloud: " + c.localProblem().get().message(),
                c.localProblem().get().hint()));
      }
      return issues;
    }
    c.localProblem()
        .ifPresent(p -> issues.add(NodeIssue.error(localParam(p), p.message(), p.hint())));
    c.cloudProblem()
        .ifPresent(p -> issues.add(NodeIssue.error(cloudParam(p), p.message(), p.hint())));
    return issues;
  }

  private static String localParam(Blocker b) {
    return b.message().contains("VAD") ? "vad_model" : "model";
  }

  private static String cloudParam(Blocker b) {
    return b.message().contains("URL") || b.message().contains("url") ? "audio_url" : "backend";
  }

  @Override
  public Lane lane(Params params) {
    return param(params, "backend", "auto").equals("cloud") ? Lane.NETWORK : Lane.CPU;
  }

  /**
   * The files read from disk: the file parameter, and a model or VAD model given as a folder or
   * file (their sizes and modification times, so replacing one invalidates cached results).
   */
  @Override
  public String fingerprint(Params params, Path pipelineDir) {
    List<String> parts = new ArrayList<>();
    String file = param(params, "file", "");
    if (!file.isBlank()) {
      parts.add("file=" + stamp(pipelineDir.resolve(file).toAbsolutePath().normalize()));
    }
    String model = param(params, "model", DEFAULT_MODEL);
    if (SpeechModelRef.isPath(model) || Files.exists(SpeechModelRef.pathOf(model, pipelineDir))) {
      parts.add("model=" + pathIdentity(model, pipelineDir, true));
    }
    String vad = param(params, "vad_model", DEFAULT_VAD);
    if (flag(params, "vad", true)
        && (SpeechModelRef.isPath(vad) || Files.exists(SpeechModelRef.pathOf(vad, pipelineDir)))) {
      parts.add("vad=" + pathIdentity(vad, pipelineDir, false));
    }
    return String.join(";", parts);
  }

  private static String pathIdentity(String value, Path pipelineDir, boolean speech) {
    try {
      return SpeechModelRef.identity(
          SpeechModelRef.resolve(value, pipelineDir, Optional.empty(), speech));
    } catch (IOException | WeftException e) {
      return value + "|unresolved";
    }
  }

  private static String stamp(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return p + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return p + "|missing";
    }
  }

  /**
   * The catalog models used (their ids, the catalog's hashes and the installed files' sizes and
   * times; folders are covered by {@link #fingerprint}), and the cloud model when the node may run
   * in the cloud.
   */
  @Override
  public String modelIdentity(Params params, Services services) {
    List<String> parts = new ArrayList<>();
    String backend = param(params, "backend", "auto");
    Optional<ModelLibrary> lib = services.find(ModelLibrary.class);
    if (!backend.equals("cloud")) {
      parts.add(catalogIdentity(param(params, "model", DEFAULT_MODEL), lib, true));
      if (flag(params, "vad", true)) {
        parts.add("vad=" + catalogIdentity(param(params, "vad_model", DEFAULT_VAD), lib, false));
      }
    }
    if (!backend.equals("local")) {
      parts.add("cloud=dashscope:" + cloudModel(params, services));
    }
    return String.join(";", parts);
  }

  private static String catalogIdentity(String value, Optional<ModelLibrary> lib, boolean speech) {
    if (SpeechModelRef.isPath(value) || lib.isEmpty()) {
      return value;
    }
    try {
      return SpeechModelRef.identity(SpeechModelRef.resolve(value, Path.of(""), lib, speech));
    } catch (IOException | WeftException e) {
      return value + "|not installed";
    }
  }

  private static String cloudModel(Params params, Services services) {
    String m = param(params, "cloud_model", "").strip();
    if (!m.isEmpty()) {
      return m;
    }
    return services
        .find(CloudClients.class)
        .map(c -> c.settings().models().asr().defaultModel())
        .orElse("fun-asr");
  }

  // ---- execution ----

  /** Where the audio comes from: exactly one of the two inputs or the file. */
  private sealed interface Source {
    record Audio(AudioAsset audio) implements Source {}

    record File(Path file) implements Source {}
  }

  private static Source source(NodeContext context) {
    List<String> given = new ArrayList<>();
    if (context.hasInput("audio")) {
      given.add("the audio input");
    }
    if (context.hasInput("video")) {
      given.add("the video input");
    }
    Optional<Path> file = context.path("file");
    if (file.isPresent()) {
      given.add("the file " + file.get().getFileName());
    }
    if (given.isEmpty()) {
      throw context.error(
          "there is no speech to transcribe", "connect an audio or video input, or choose a file");
    }
    if (given.size() > 1) {
      throw context.error(
          "the speech comes from " + String.join(" and ", given) + "; give only one", null);
    }
    if (context.hasInput("audio")) {
      return new Source.Audio(context.input("audio", AudioAsset.class));
    }
    if (context.hasInput("video")) {
      VideoAsset v = context.input("video", VideoAsset.class);
      if (!v.hasAudio()) {
        throw context.error(
            "the video has no sound track, so there is no speech to transcribe",
            "connect a video with sound");
      }
      return new Source.File(v.file());
    }
    Path f = file.get();
    if (!Files.isRegularFile(f)) {
      throw context.paramError("file", "the file " + f + " does not exist", "choose a file");
    }
    return new Source.File(f);
  }

  @Override
  public void execute(NodeContext context) throws Exception {
    Params params = context.node().params();
    Choice c =
        choose(
            params,
            context.backendPolicy(),
            context.pipelineDir(),
            context.services(),
            BackendParams.offline(context.services(), context.offline()));
    if (c.backend().isEmpty()) {
      List<String> why = new ArrayList<>();
      List<String> fixes = new ArrayList<>();
      c.localProblem().ifPresent(p -> add(why, fixes, "on this machine: ", p));
      c.cloudProblem().ifPresent(p -> add(why, fixes, "in the cloud: ", p));
      throw context.error(
          "speech cannot be transcribed " + String.join("; ", why),
          fixes.isEmpty() ? null : String.join("; or ", fixes));
    }
    TranscriptAsset t =
        c.backend().get().equals("local") ? runLocal(context) : runCloud(context, params);
    context.log(
        t.segments().size()
            + " segments, "
            + String.format(Locale.ROOT, "%.1f", speechSeconds(t))
            + " s of speech"
            + t.language().map(l -> ", language " + l).orElse(""));
    context.output("transcript", t);
  }

  private static void add(List<String> why, List<String> fixes, String where, Blocker b) {
    why.add(where + b.message());
    if (b.hint() != null) {
      fixes.add(b.hint());
    }
  }

  private TranscriptAsset runLocal(NodeContext context) throws Exception {
    Services services = context.services();
    ModelExecutor executor = services.get(ModelExecutor.class);
    Optional<ModelLibrary> lib = services.find(ModelLibrary.class);
    SpeechModelRef.Resolved model;
    try {
      model = SpeechModelRef.resolve(context.string("model"), context.pipelineDir(), lib, true);
    } catch (WeftException e) {
      throw context.paramError("model", e.getMessage(), e.hint().orElse(null));
    }
    Source source = source(context);
    AssetStore store = context.store();
    if (!(store instanceof FileAssetStore files)) {
      throw context.error(
          "the model worker needs a project folder's asset store",
          "run the pipeline from a project folder");
    }
    Map<String, Object> options = new HashMap<>();
    options.put("language", context.string("language"));
    options.put("itn", context.bool("itn"));
    if (context.bool("vad")) {
      SpeechModelRef.Resolved vad;
      try {
        vad =
            SpeechModelRef.resolve(context.string("vad_model"), context.pipelineDir(), lib, false);
      } catch (WeftException e) {
        throw context.paramError("vad_model", e.getMessage(), e.hint().orElse(null));
      }
      options.put(
          "vadModel",
          vad.onnx()
              .orElseThrow(
                  () -> context.paramError("vad_model", "the VAD model has no .onnx file", null))
              .toString());
    }
    Map<String, String> inputs = new HashMap<>();
    switch (source) {
      case Source.Audio a -> {
        if (a.audio().frames() == 0) {
          throw context.error("the audio is empty (0 samples)", "check that the file holds sound");
        }
        store.put(a.audio(), context.provenance()); // the worker reads it from here, by hash
        inputs.put("audio", a.audio().hash());
      }
      case Source.File f -> options.put("file", f.file().toAbsolutePath().toString());
    }
    String runner = model.runner().filter(AsrModelRunner.ids()::contains).orElse(AsrModelRunner.ID);
    ModelJob job =
        new ModelJob(
            new ModelJob.ModelRef(runner, model.id(), model.folder(), model.files()),
            AsrModelRunner.TASK,
            inputs,
            options,
            files.root(),
            context
                .provenance()
                .withModel(model.id(), SpeechModelRef.identity(model))
                .withBackend("local"));
    context.reportBackend("local", model.id());
    context.progress(0, "transcribing");
    ModelExecutor.RunControl control =
        new ModelExecutor.RunControl(p -> context.progress(p, "transcribing"));
    try (Cancellation.Registration r = context.cancellation().onCancel(control::cancel)) {
      Map<String, String> out = executor.execute(job, control);
      return store
          .get(out.get("transcript"))
          .filter(TranscriptAsset.class::isInstance)
          .map(TranscriptAsset.class::cast)
          .orElseThrow(() ->
              context.error(
                  "the model worker returned no transcript",
                  "run the node again; if it repeats, see the log"));
    }
  }

  private TranscriptAsset runCloud(NodeContext context, Params params) {
    Services services = context.services();
    CloudClients clients = services.get(CloudClients.class);
    FileTranscriptionClient client = clients.fileTranscription();
    String model = cloudModel(params, services);
    String language = context.string("language");
    FileTranscriptionClient.Request request =
        new FileTranscriptionClient.Request(
            model,
            List.of(context.string("audio_url").strip()),
            language.equals("auto") ? List.of() : List.of(language),
            context.bool("diarization"));
    PendingTasks journal = PendingTasks.in(context.projectStateDir());
    String host = clients.dashScopeEndpoints(DashScopeService.ASR).host();
    String key = PendingTasks.keyOf("asr", host, client.body(request).toString());
    context.reportBackend("cloud:dashscope", model);
    CancelSignal cancel = new CancelSignal();
    try (Cancellation.Registration r = context.cancellation().onCancel(cancel::cancel)) {
      Optional<PendingTasks.Pending> known = journal.find(key, Instant.now());
      List<FileTranscriptionClient.FileResult> results = null;
      while (results == null) {
        String taskId;
        if (known.isPresent()) {
          taskId = known.get().taskId();
          context.log(
              "resuming transcription task " + taskId + " (created " + known.get().created() + ")");
        } else {
          context.progress(-1, "creating the transcription task");
          taskId = client.submit(request, cancel);
          journal.record(
              key, new PendingTasks.Pending(taskId, host, "transcription task", Instant.now()));
          context.log("created transcription task " + taskId);
        }
        try {
          results =
              client.await(
                  taskId,
                  CLOUD_TIMEOUT,
                  (s, elapsed) ->
                      context.progress(
                          -1,
                          "task "
                              + s.status().name().toLowerCase(Locale.ROOT)
                              + ", "
                              + elapsed.toSeconds()
                              + " s"),
                  cancel);
        } catch (CloudException e) {
          boolean taskGone =
              e.kind() == CloudException.Kind.TASK_CANCELED
                  || e.kind() == CloudException.Kind.TASK_UNKNOWN;
          boolean mayResume =
              e.kind() == CloudException.Kind.TIMEOUT
                  || e.kind() == CloudException.Kind.TRANSPORT
                  || e.kind() == CloudException.Kind.UNAVAILABLE;
          if (!mayResume) {
            journal.forget(key); // the task ended: a later run must not wait for it again
          }
          if (known.isPresent() && taskGone && !cancel.isCancelled()) {
            // an earlier run's task was cancelled or has expired: this run needs a new one
            context.log("task " + taskId + " is no longer running; creating a new one");
            known = Optional.empty();
            continue;
          }
          throw located(context, e);
        }
      }
      journal.forget(key);
      FileTranscriptionClient.Transcription transcription;
      try {
        transcription = client.fetch(results.getFirst(), cancel);
      } catch (CloudException e) {
        throw located(context, e);
      }
      return CloudTranscripts.toAsset(transcription, language.equals("auto") ? null : language);
    }
  }

  private static WeftException located(NodeContext context, CloudException e) {
    return new WeftException(
        e.getMessage(),
        dev.weft.pipelines.Location.node(context.node().id(), context.node().displayTitle()),
        e.hint().orElse(null),
        e);
  }

  private static double speechSeconds(TranscriptAsset t) {
    return t.segments().stream().mapToDouble(TranscriptAsset.Segment::duration).sum();
  }
}
