package dev.weft.assets.audio;

/** Test signals and measurements of them. */
final class Signals {
  private Signals() {}

  static float[] sine(int rate, double freq, double amplitude, double seconds) {
    int n = (int) Math.round(rate * seconds);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate));
    }
    return out;
  }

  static float[] interleave(float[] left, float[] right) {
    float[] out = new float[left.length * 2];
    for (int i = 0; i < left.length; i++) {
      out[2 * i] = left[i];
      out[2 * i + 1] = right[i];
    }
    return out;
  }

  /** RMS over the middle of a signal, leaving out a margin at each end. */
  static double rms(float[] x, int margin) {
    double sum = 0;
    int n = 0;
    for (int i = margin; i < x.length - margin; i++) {
      sum += (double) x[i] * x[i];
      n++;
    }
    return Math.sqrt(sum / n);
  }

  /** Frequency from interpolated upward zero crossings over the middle of a signal. */
  static double frequency(float[] x, int rate, int margin) {
    double first = -1;
    double last = -1;
    int count = 0;
    for (int i = margin; i < x.length - margin - 1; i++) {
      if (x[i] <= 0 && x[i + 1] > 0) {
        double t = i + x[i] / (double) (x[i] - x[i + 1]);
        if (first < 0) {
          first = t;
        }
        last = t;
        count++;
      }
    }
    return (count - 1) / ((last - first) / rate);
  }

  static double db(double ratio) {
    return 20 * Math.log10(ratio);
  }
}
