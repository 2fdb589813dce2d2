package dev.weft.pipelines.models.asr;

import dev.weft.assets.TranscriptAsset;
import dev.weft.nativelibs.onnx.ModelLoadException;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.local.ModelJob;
import dev.weft.pipelines.backends.local.ModelRunner;
import dev.weft.pipelines.backends.local.RunContext;
import dev.weft.pipelines.backends.local.RunnerServices;
import dev.weft.pipelines.models.vad.SileroVad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model runner for local speech recognition (SenseVoice and Paraformer exports in either
 * layout), registered through ServiceLoader under the catalog's runner ids. Task {@value #TASK}
 * reads the audio from input {@code audio} (an audio asset in the store) or option {@code file} (an
 * audio or video file, streamed), cuts it with Silero VAD (option {@code vadModel}, the model file)
 * or at quiet points, and writes output {@code transcript}. Options: {@code language}, {@code itn},
 * {@code maxBatch}, {@code maxUtteranceSeconds}.
 */
public class AsrModelRunner implements ModelRunner {
  /** Handles both families; folders of unknown family go here. */
  public static final String ID = "fun-asr";

  public static final String TASK = "transcribe";

  /** The catalog's runner id for SenseVoice models. */
  public static final class SenseVoice extends AsrModelRunner {
    public static final String ID = "sensevoice";

    @Override
    public String id() {
      return ID;
    }
  }

  /** The catalog's runner id for Paraformer models. */
  public static final class Paraformer extends AsrModelRunner {
    public static final String ID = "paraformer";

    @Override
    public String id() {
      return ID;
    }
  }

  @Override
  public String id() {
    return ID;
  }

  /** The runner ids this runner answers to, for nodes choosing one. */
  public static List<String> ids() {
    return List.of(ID, SenseVoice.ID, Paraformer.ID);
  }

  @Override
  public LoadedModel load(ModelJob.ModelRef model, RunnerServices services) throws Exception {
    Path path = modelPath(model);
    AsrModel asr = AsrModel.open(services.ort(), path, ModelVariant.AUTO, SessionPolicy.defaults());
    long bytes = 2 * Files.size(asr.files().model());
    return new Loaded(asr, services.ort(), bytes);
  }

  /** The one .onnx file the reference names, else its folder (the variant is picked there). */
  static Path modelPath(ModelJob.ModelRef model) {
    List<Path> onnx =
        model.files().values().stream()
            .filter(p -> p.getFileName().toString().endsWith(".onnx"))
            .toList();
    if (onnx.size() == 1) {
      return onnx.getFirst();
    }
    return Objects.requireNonNull(model.folder(), "the model reference names no folder");
  }

  /** A loaded speech model, with the VAD models its jobs asked for. */
  private static final class Loaded implements LoadedModel {
    private final AsrModel asr;
    private final OrtRuntime ort;
    private final long memoryBytes;
    private final Map<Path, SileroVad> vads = new HashMap<>();
    private volatile SileroVad running;

    Loaded(AsrModel asr, OrtRuntime ort, long memoryBytes) {
      this.asr = asr;
      this.ort = ort;
      this.memoryBytes = memoryBytes;
    }

    @Override
    public long memoryBytes() {
      return memoryBytes;
    }

    @Override
    public Map<String, String> run(ModelJob job, RunContext ctx) throws Exception {
      if (!job.task().equals(TASK)) {
        throw new IllegalArgumentException(
            "the speech recogniser runs task '" + TASK + "', not '" + job.task() + "'");
      }
      SenseVoiceRunner.Options options =
          new SenseVoiceRunner.Options(
              String.valueOf(job.options().getOrDefault("language", "auto")),
              !Boolean.FALSE.equals(job.options().get("itn")));
      LongFormTranscriber.Settings settings =
          LongFormTranscriber.Settings.DEFAULT
              .withMaxBatch(
                  job.intOption("maxBatch", LongFormTranscriber.Settings.DEFAULT.maxBatch()))
              .withMaxUtteranceSeconds(
                  job.doubleOption(
                      "maxUtteranceSeconds",
                      LongFormTranscriber.Settings.DEFAULT.maxUtteranceSeconds()));
      LongFormTranscriber.Segmentation segmentation = LongFormTranscriber.Segmentation.whole();
      Object vadModel = job.options().get("vadModel");
      if (vadModel != null && !String.valueOf(vadModel).isBlank()) {
        SileroVad vad = vad(Path.of(String.valueOf(vadModel)));
        running = vad;
        segmentation = LongFormTranscriber.Segmentation.vad(vad, ort.environment());
      }
      TranscriptAsset transcript;
      try (SpeechAudioStream audio = open(job, ctx)) {
        transcript =
            new LongFormTranscriber(new LocalTranscriber(asr), settings)
                .transcribe(
                    audio,
                    segmentation,
                    options,
                    new LongFormTranscriber.Listener() {
                      @Override
                      public void progress(LongFormTranscriber.Progress p) {
                        if (p.fraction() >= 0) {
                          ctx.progress().accept(p.fraction());
                        }
                      }
                    },
                    ctx.cancelled());
      } finally {
        running = null;
      }
      ctx.store().put(transcript, job.provenance());
      return Map.of("transcript", transcript.hash());
    }

    private SileroVad vad(Path file) throws ModelLoadException, ai.onnxruntime.OrtException {
      synchronized (vads) {
        SileroVad v = vads.get(file);
        if (v == null) {
          v = SileroVad.open(ort, file);
          vads.put(file, v);
        }
        return v;
      }
    }

    private static SpeechAudioStream open(ModelJob job, RunContext ctx) throws IOException {
      Object file = job.options().get("file");
      if (file != null && !String.valueOf(file).isBlank()) {
        Path p = Path.of(String.valueOf(file));
        try {
          return SpeechAudioStream.open(p);
        } catch (IOException e) {
          throw new WeftException(
              "cannot read the audio: " + e.getMessage(),
              Location.file(p.toString()),
              "choose an audio or video file with a sound track",
              e);
        }
      }
      return StoredAudioReader.open(ctx.store(), job.input("audio"));
    }

    @Override
    public void terminate() {
      asr.terminate();
      SileroVad v = running;
      if (v != null) {
        v.session().terminate();
      }
    }

    @Override
    public void close() {
      synchronized (vads) {
        vads.values().forEach(SileroVad::close);
        vads.clear();
      }
      asr.close();
    }
  }
}
