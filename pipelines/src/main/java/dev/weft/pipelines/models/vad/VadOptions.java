package dev.weft.pipelines.models.vad;

/**
 * How speech probabilities become segments: the probability that starts speech ({@code threshold};
 * speech ends below {@code threshold - 0.15}), the shortest speech kept, the silence that must pass
 * before a segment ends, the padding added on each side, and the longest segment (longer ones are
 * split at their quietest frame; 0 means no limit). Durations in milliseconds.
 */
public record VadOptions(
    double threshold, int minSpeechMs, int minSilenceMs, int speechPadMs, int maxSpeechMs) {

  /** Silero's own defaults. */
  public static final VadOptions DEFAULTS = new VadOptions(0.5, 250, 100, 30, 0);

  public VadOptions {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be between 0 and 1, got " + threshold);
    }
    if (minSpeechMs < 0 || minSilenceMs < 0 || speechPadMs < 0 || maxSpeechMs < 0) {
      throw new IllegalArgumentException(
          "durations must not be negative (min speech "
              + minSpeechMs
              + ", min silence "
              + minSilenceMs
              + ", padding "
              + speechPadMs
              + ", max speech "
              + maxSpeechMs
              + ")");
    }
  }

  /** Where speech ends: 0.15 below the threshold, as Silero does, but not below 0.01. */
  public double negativeThreshold() {
    return Math.max(0.01, threshold - 0.15);
  }

  public VadOptions withThreshold(double t) {
    return new VadOptions(t, minSpeechMs, minSilenceMs, speechPadMs, maxSpeechMs);
  }

  public VadOptions withMaxSpeechMs(int ms) {
    return new VadOptions(threshold, minSpeechMs, minSilenceMs, speechPadMs, ms);
  }
}
