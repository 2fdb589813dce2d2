package dev.weft.pipelines.models.asr;

/** Time values as the reference computes them (float seconds), shown without float noise. */
final class Times {
  private Times() {}

  /**
   * A float time (as the reference computes it, e.g. {@code 0.06f * 11 = 0.65999997f}) to the
   * nearest microsecond (0.66), which keeps every digit the reference prints.
   */
  static double ofFloat(float seconds) {
    return round(seconds);
  }

  /** Rounds a sum of times to microseconds, which hides binary noise but keeps every real digit. */
  static double round(double seconds) {
    return Math.round(seconds * 1e6) / 1e6;
  }
}
