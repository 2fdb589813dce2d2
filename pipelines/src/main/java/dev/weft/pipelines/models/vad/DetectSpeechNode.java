package dev.weft.pipelines.models.vad;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.store.AssetStore;
import dev.weft.assets.store.FileAssetStore;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.local.ModelExecutor;
import dev.weft.pipelines.backends.local.ModelJob;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.models.catalog.CatalogEntry;
import dev.weft.pipelines.models.catalog.InstalledModel;
import dev.weft.pipelines.models.catalog.ModelFile;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import dev.weft.pipelines.models.catalog.ModelStatus;
import dev.weft.pipelines.nodes.Cancellation;
import dev.weft.pipelines.nodes.CheckContext;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeIssue;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.Services;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Detect speech (VAD): audio in, the stretches that hold speech out (a transcript of timed segments
 * with empty text), with Silero VAD running in the model worker.
 */
public final class DetectSpeechNode implements NodeType {
  public static final String ID = "audio.detect-speech";
  static final String DEFAULT_MODEL = "silero-vad-v5";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Detect speech (VAD)")
          .category("Audio")
          .description(
              "Finds where speech is (Silero VAD, on this machine). Each segment has a start and end; use it to split long recordings before transcription.")
          .input(Port.of("audio", PortType.AUDIO))
          .output(Port.of("segments", PortType.TRANSCRIPT))
          .param(
              new ParamSpec.EnumParam(
                  "model",
                  "Model",
                  "Which Silero VAD model to use.",
                  DEFAULT_MODEL,
                  List.of(
                      new ParamSpec.EnumParam.Option("silero-vad-v5", "Silero VAD v5"),
                      new ParamSpec.EnumParam.Option("silero-vad-v6", "Silero VAD v6"),
                      new ParamSpec.EnumParam.Option(
                          "silero-vad-legacy", "Silero VAD v4 (legacy)")),
                  true))
          .param(
              new ParamSpec.FloatParam(
                  "threshold",
                  "Threshold",
                  "Speech probability that starts a segment (it ends 0.15 lower).",
                  0.5,
                  0.05,
                  0.95,
                  0.05,
                  true))
          .param(
              new ParamSpec.IntParam(
                  "minSpeechMs",
                  "Minimum speech (ms)",
                  "Shorter bursts are dropped.",
                  250,
                  0,
                  10_000,
                  10,
                  false))
          .param(
              new ParamSpec.IntParam(
                  "minSilenceMs",
                  "Minimum silence (ms)",
                  "A pause must last this long to end a segment.",
                  100,
                  0,
                  10_000,
                  10,
                  false))
          .param(
              new ParamSpec.IntParam(
                  "speechPadMs",
                  "Padding (ms)",
                  "Added before and after each segment.",
                  30,
                  0,
                  2_000,
                  10,
                  false))
          .param(
              new ParamSpec.FloatParam(
                  "maxSpeechS",
                  "Maximum segment (s)",
                  "Longer segments are split at their quietest point; 0 means no limit.",
                  0,
                  0,
                  3_600,
                  1,
                  false))
          .lane(Lane.CPU)
          .keywords("vad", "voice activity", "silero", "segments", "split", "speech")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public String modelIdentity(Params params, Services services) {
    String id = modelId(params);
    Optional<CatalogEntry> e = services.find(ModelLibrary.class).flatMap(l -> l.catalog().find(id));
    return id
        + e.map(x ->
                "@"
                    + x.files().stream()
                        .map(f -> f.path() + "=" + f.sha256())
                        .collect(Collectors.joining(",")))
            .orElse("");
  }

  private static String modelId(Params params) {
    return params.get("model").map(Object::toString).orElse(DEFAULT_MODEL);
  }

  @Override
  public List<NodeIssue> check(Node node, CheckContext context) {
    Optional<ModelLibrary> lib = context.services().find(ModelLibrary.class);
    if (lib.isEmpty()) {
      return List.of();
    }
    String id = modelId(node.params());
    try {
      ModelStatus s = lib.get().status(id);
      if (!s.isInstalled()) {
        String hint =
            context.offline()
                ? "Weft is offline: fetch it on a machine with network ('weft models pull "
                    + id
                    + "') and copy it here"
                : "download it with 'weft models pull " + id + "' or in the Models dialog";
        return List.of(
            NodeIssue.error(
                "model",
                "the model "
                    + id
                    + " is not installed (missing "
                    + String.join(", ", s.missingFiles())
                    + ")",
                hint));
      }
    } catch (IOException | WeftException e) {
      return List.of(
          NodeIssue.error("model", "cannot check the model " + id + ": " + e.getMessage(), null));
    }
    return List.of();
  }

  @Override
  public void execute(NodeContext context) throws Exception {
    String id = context.string("model");
    ModelLibrary library =
        context
            .services()
            .find(ModelLibrary.class)
            .orElseThrow(() ->
                context.error(
                    "no model manager is configured for this run",
                    "start Weft normally (the model manager comes with it)"));
    ModelExecutor executor =
        context
            .services()
            .find(ModelExecutor.class)
            .orElseThrow(() ->
                context.error(
                    "no local model executor is configured for this run", "start Weft normally"));
    InstalledModel model;
    try {
      model = library.require(id);
    } catch (WeftException e) {
      throw context.paramError("model", e.getMessage(), e.hint().orElse(null));
    }
    AudioAsset audio = context.input("audio", AudioAsset.class);
    AssetStore store = context.store();
    if (!(store instanceof FileAssetStore files)) {
      throw context.error(
          "the model worker needs a project folder's asset store",
          "run the pipeline from a project folder");
    }
    store.put(audio, context.provenance()); // the worker reads it from here, by hash
    Map<String, Object> options = new HashMap<>(SileroVadRunner.toJobOptions(options(context)));
    Map<String, java.nio.file.Path> paths = model.files();
    ModelJob job =
        new ModelJob(
            new ModelJob.ModelRef(SileroVadRunner.ID, id, model.folder(), paths),
            SileroVadRunner.TASK,
            Map.of("audio", audio.hash()),
            options,
            files.root(),
            context.provenance().withModel(id, modelHash(model)).withBackend("local"));
    context.reportBackend("local", id);
    ModelExecutor.RunControl control =
        new ModelExecutor.RunControl(p -> context.progress(p, "detecting speech"));
    try (Cancellation.Registration r = context.cancellation().onCancel(control::cancel)) {
      Map<String, String> out = executor.execute(job, control);
      TranscriptAsset t =
          store
              .get(out.get("segments"))
              .filter(TranscriptAsset.class::isInstance)
              .map(TranscriptAsset.class::cast)
              .orElseThrow(() ->
                  context.error(
                      "the model worker returned no transcript",
                      "run the node again; if it repeats, see the log"));
      context.log(
          t.segments().size()
              + " speech segments, "
              + String.format(java.util.Locale.ROOT, "%.1f", speechSeconds(t))
              + " s of speech");
      context.output("segments", t);
    }
  }

  static VadOptions options(NodeContext c) {
    return new VadOptions(
        c.number("threshold"),
        (int) c.integer("minSpeechMs"),
        (int) c.integer("minSilenceMs"),
        (int) c.integer("speechPadMs"),
        (int) Math.round(c.number("maxSpeechS") * 1000));
  }

  private static String modelHash(InstalledModel m) {
    return m.entry().files().stream()
        .map(ModelFile::sha256)
        .filter(java.util.Objects::nonNull)
        .collect(Collectors.joining("+"));
  }

  private static double speechSeconds(TranscriptAsset t) {
    return t.segments().stream().mapToDouble(TranscriptAsset.Segment::duration).sum();
  }
}
