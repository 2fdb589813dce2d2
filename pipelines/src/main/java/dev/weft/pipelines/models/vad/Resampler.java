package dev.weft.pipelines.models.vad;

/**
 * Sample-rate conversion for speech models: a windowed-sinc interpolator whose cut-off sits below
 * the lower of the two Nyquist rates, so downsampling does not fold noise into the speech band.
 */
final class Resampler {
  private static final int HALF_TAPS = 16;

  private Resampler() {}

  static float[] resample(float[] in, int from, int to) {
    if (from == to) {
      return in.clone();
    }
    long outLen = (long) Math.floor(in.length * (double) to / from);
    float[] out = new float[(int) outLen];
    double ratio = (double) from / to;
    double cutoff = Math.min(1.0, (double) to / from) * 0.95; // as a fraction of the input Nyquist
    double scale = cutoff;
    int half = (int) Math.ceil(HALF_TAPS / cutoff);
    for (int i = 0; i < out.length; i++) {
      double center = i * ratio;
      int lo = (int) Math.floor(center) - half + 1;
      int hi = (int) Math.floor(center) + half;
      double sum = 0;
      double wsum = 0;
      for (int j = lo; j <= hi; j++) {
        if (j < 0 || j >= in.length) {
          continue;
        }
        double t = (j - center) * cutoff;
        double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
        double w = 0.5 + 0.5 * Math.cos(Math.PI * (j - center) / (half + 1)); // Hann window
        double k = sinc * w * scale;
        sum += in[j] * k;
        wsum += k;
      }
      out[i] = (float) (wsum != 0 ? sum / wsum : 0);
    }
    return out;
  }
}
