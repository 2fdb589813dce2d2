package dev.weft.pipelines.models.asr;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.weft.assets.TranscriptAsset;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.models.vad.SileroVad;
import dev.weft.pipelines.models.vad.SileroVadStream;
import dev.weft.pipelines.models.vad.StreamingSegmenter;
import dev.weft.pipelines.models.vad.VadOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Transcribes audio of any length in bounded memory: the audio streams in pieces, is cut into
 * utterances of at most {@link Settings#maxUtteranceSeconds()} (where Silero VAD hears speech, or
 * without a VAD at the quietest points), the utterances are recognised a batch at a time, and the
 * results are stitched into one transcript with times counted from the start of the audio. Only the
 * recent audio, one batch and the text so far are held. Cancellation is checked between pieces and
 * batches; a run in flight stops through the model's terminate.
 */
public final class LongFormTranscriber {

  /**
   * How audio is cut and batched.
   *
   * @param maxUtteranceSeconds the longest utterance given to the model (30 s: what SenseVoice and
   *     Paraformer were trained on); longer speech is split at its quietest point
   * @param maxBatch the most utterances in one model call (1 turns batching off)
   * @param maxBatchSeconds the most audio in one call, counting every utterance as long as the
   *     longest (the padded size the model computes over)
   * @param vad how the VAD turns probabilities into speech; its maximum length is set from {@code
   *     maxUtteranceSeconds} and the padding
   */
  public record Settings(
      double maxUtteranceSeconds, int maxBatch, double maxBatchSeconds, VadOptions vad) {
    /**
     * 30 s utterances, up to 4 per call and 60 s of padded audio; speech ends after 0.5 s quiet.
     */
    public static final Settings DEFAULT =
        new Settings(30, 4, 60, new VadOptions(0.5, 250, 500, 100, 0));

    public Settings {
      Objects.requireNonNull(vad, "vad");
      if (!(maxUtteranceSeconds >= 1) || maxBatch < 1 || !(maxBatchSeconds > 0)) {
        throw new IllegalArgumentException(
            "utterances of at least 1 s and batches of at least one are needed, got "
                + maxUtteranceSeconds
                + " s, "
                + maxBatch
                + ", "
                + maxBatchSeconds
                + " s");
      }
      if (2 * vad.speechPadMs() >= maxUtteranceSeconds * 1000) {
        throw new IllegalArgumentException("the VAD padding leaves no room for speech");
      }
    }

    public Settings withMaxBatch(int n) {
      return new Settings(maxUtteranceSeconds, n, maxBatchSeconds, vad);
    }

    public Settings withMaxUtteranceSeconds(double s) {
      return new Settings(s, maxBatch, maxBatchSeconds, vad);
    }

    /** The VAD options with the longest raw span that, padded on both sides, fits an utterance. */
    VadOptions vadWithLimit() {
      int max = (int) Math.floor(maxUtteranceSeconds * 1000) - 2 * vad.speechPadMs();
      return vad.withMaxSpeechMs(max);
    }
  }

  /** How the audio is cut into utterances. */
  public sealed interface Segmentation {
    /** Where Silero VAD hears speech (silence is skipped). */
    record Vad(SileroVad model, OrtEnvironment env) implements Segmentation {}

    /** Everything, cut only where it runs past the maximum length. */
    record Whole() implements Segmentation {}

    static Segmentation vad(SileroVad model, OrtEnvironment env) {
      return new Vad(model, env);
    }

    static Segmentation whole() {
      return new Whole();
    }
  }

  /** How far a transcription is. */
  public record Progress(double seconds, OptionalDouble totalSeconds, int utterances) {
    /** 0..1, or -1 when the length of the audio is unknown. */
    public double fraction() {
      return totalSeconds.isPresent() && totalSeconds.getAsDouble() > 0
          ? Math.min(1, seconds / totalSeconds.getAsDouble())
          : -1;
    }
  }

  /** Receives progress and each utterance's segment as it is recognised. */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void progress(Progress progress) {}

    /** The utterances of the batch just recognised, with absolute times. */
    default void recognised(List<Utterance> utterances, List<Double> offsets) {}
  }

  private static final int PIECE_SAMPLES = KaldiFbank.SAMPLE_RATE; // one second at a time

  private final LocalTranscriber asr;
  private final Settings settings;

  public LongFormTranscriber(LocalTranscriber asr, Settings settings) {
    this.asr = Objects.requireNonNull(asr, "asr");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Transcribes the whole stream.
   *
   * @throws WeftException when the audio holds no samples or the VAD model fails
   * @throws CancellationException when {@code cancelled} turned true
   */
  public TranscriptAsset transcribe(
      SpeechAudioStream audio,
      Segmentation segmentation,
      SenseVoiceRunner.Options options,
      Listener listener,
      BooleanSupplier cancelled)
      throws IOException {
    List<Utterance> utterances = new ArrayList<>();
    List<Double> offsets = new ArrayList<>();
    try (UtteranceSplitter splitter = splitter(segmentation)) {
      Batcher batcher = new Batcher(options, listener, utterances, offsets);
      float[] piece = new float[PIECE_SAMPLES];
      for (int n; (n = audio.read(piece)) > 0; ) {
        throwIfCancelled(cancelled);
        for (UtteranceSplitter.Piece p : splitter.accept(piece, n)) {
          batcher.add(p, cancelled);
        }
        listener.progress(progress(audio, utterances.size()));
      }
      if (audio.samplesRead() == 0) {
        throw new WeftException(
            "the audio is empty (0 samples)",
            Location.of("audio"),
            "check that the file holds sound");
      }
      throwIfCancelled(cancelled);
      for (UtteranceSplitter.Piece p : splitter.finish()) {
        batcher.add(p, cancelled);
      }
      batcher.flush(cancelled);
    }
    listener.progress(progress(audio, utterances.size()));
    return TranscriptAssembler.assemble(utterances, offsets);
  }

  private static Progress progress(SpeechAudioStream audio, int utterances) {
    return new Progress(
        audio.samplesRead() / (double) KaldiFbank.SAMPLE_RATE, audio.durationSeconds(), utterances);
  }

  private UtteranceSplitter splitter(Segmentation segmentation) {
    return switch (segmentation) {
      case Segmentation.Whole w -> new QuietPointSplitter(settings.maxUtteranceSeconds());
      case Segmentation.Vad v -> {
        SileroVadStream stream;
        try {
          stream = new SileroVadStream(v.model(), v.env(), KaldiFbank.SAMPLE_RATE);
        } catch (OrtException e) {
          throw new WeftException(
              "the voice activity model cannot start: " + e.getMessage(),
              Location.of("vad model"),
              null,
              e);
        }
        yield new VadUtteranceSplitter(
            stream,
            new StreamingSegmenter(
                stream.frameSamples(), KaldiFbank.SAMPLE_RATE, settings.vadWithLimit()));
      }
    };
  }

  private static void throwIfCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("speech recognition cancelled");
    }
  }

  /** Collects utterances into batches within the budget and recognises each full batch. */
  private final class Batcher {
    private final SenseVoiceRunner.Options options;
    private final Listener listener;
    private final List<Utterance> utterances;
    private final List<Double> offsets;
    private final List<UtteranceSplitter.Piece> batch = new ArrayList<>();
    private double longest;

    Batcher(
        SenseVoiceRunner.Options options,
        Listener listener,
        List<Utterance> utterances,
        List<Double> offsets) {
      this.options = options;
      this.listener = listener;
      this.utterances = utterances;
      this.offsets = offsets;
    }

    void add(UtteranceSplitter.Piece piece, BooleanSupplier cancelled) {
      int max = asr.model().batchable() ? settings.maxBatch() : 1;
      double longer = Math.max(longest, piece.seconds());
      if (!batch.isEmpty()
          && (batch.size() >= max || longer * (batch.size() + 1) > settings.maxBatchSeconds())) {
        flush(cancelled);
        longer = piece.seconds();
      }
      batch.add(piece);
      longest = longer;
    }

    void flush(BooleanSupplier cancelled) {
      if (batch.isEmpty()) {
        return;
      }
      throwIfCancelled(cancelled);
      List<float[]> samples = batch.stream().map(UtteranceSplitter.Piece::samples).toList();
      List<Utterance> heard = asr.recognize(samples, options);
      List<Double> at = batch.stream().map(UtteranceSplitter.Piece::startSeconds).toList();
      utterances.addAll(heard);
      offsets.addAll(at);
      listener.recognised(heard, at);
      batch.clear();
      longest = 0;
    }
  }
}
