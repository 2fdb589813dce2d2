package dev.weft.pipelines.models.vad;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.pipelines.backends.local.ModelJob;
import dev.weft.pipelines.backends.local.ModelRunner;
import dev.weft.pipelines.backends.local.RunContext;
import dev.weft.pipelines.backends.local.RunnerServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model runner for Silero VAD, registered through ServiceLoader: task {@value #TASK} reads
 * input {@code audio}, writes output {@code segments} (a transcript of timed, empty segments).
 * Options: {@code threshold}, {@code minSpeechMs}, {@code minSilenceMs}, {@code speechPadMs},
 * {@code maxSpeechMs}.
 */
public final class SileroVadRunner implements ModelRunner {
  public static final String ID = "silero-vad";
  public static final String TASK = "detect-speech";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public LoadedModel load(ModelJob.ModelRef model, RunnerServices services) throws Exception {
    Path onnx =
        model.files().values().stream()
            .filter(p -> p.getFileName().toString().endsWith(".onnx"))
            .findFirst()
            .orElseThrow(() ->
                new IOException(
                    model.modelId() + " has no .onnx file among " + model.files().keySet()));
    SileroVad vad = SileroVad.open(services.ort(), onnx);
    long bytes = Files.size(onnx) * 4; // weights plus ORT's working memory, roughly
    return new Loaded(vad, bytes);
  }

  /** Options of a job as VAD options, falling back to Silero's defaults. */
  public static VadOptions options(ModelJob job) {
    VadOptions d = VadOptions.DEFAULTS;
    return new VadOptions(
        job.doubleOption("threshold", d.threshold()),
        job.intOption("minSpeechMs", d.minSpeechMs()),
        job.intOption("minSilenceMs", d.minSilenceMs()),
        job.intOption("speechPadMs", d.speechPadMs()),
        job.intOption("maxSpeechMs", d.maxSpeechMs()));
  }

  /** The job options for these VAD options. */
  public static Map<String, Object> toJobOptions(VadOptions o) {
    return Map.of(
        "threshold", o.threshold(),
        "minSpeechMs", o.minSpeechMs(),
        "minSilenceMs", o.minSilenceMs(),
        "speechPadMs", o.speechPadMs(),
        "maxSpeechMs", o.maxSpeechMs());
  }

  private record Loaded(SileroVad vad, long memoryBytes) implements LoadedModel {
    @Override
    public Map<String, String> run(ModelJob job, RunContext ctx) throws Exception {
      if (!job.task().equals(TASK)) {
        throw new IllegalArgumentException(
            "Silero VAD runs task '" + TASK + "', not '" + job.task() + "'");
      }
      AudioAsset audio = ctx.input(job.input("audio"), AudioAsset.class);
      TranscriptAsset t =
          TranscriptAsset.ofSegments(
              vad.segments(audio, options(job), ctx.cancelled(), ctx.progress()));
      ctx.store().put(t, job.provenance());
      return Map.of("segments", t.hash());
    }

    @Override
    public void terminate() {
      vad.session().terminate();
    }

    @Override
    public void close() {
      vad.close();
    }
  }
}
