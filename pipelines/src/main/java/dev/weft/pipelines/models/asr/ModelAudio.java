package dev.weft.pipelines.models.asr;

import dev.weft.assets.AudioAsset;

/**
 * Brings any audio to what the speech models take: one channel at 16 kHz. Channels are averaged;
 * other rates are resampled, never refused.
 */
final class ModelAudio {
  private ModelAudio() {}

  // Interim band-limited resampler, kept behind this one method until the assets module's
  // resampler lands on main and replaces it.
  private static final int ZERO_CROSSINGS = 16;

  static float[] toMono16k(AudioAsset audio) {
    float[] mono;
    if (audio.channels() == 1) {
      mono = audio.copySamples();
    } else {
      int ch = audio.channels();
      float[] all = audio.copySamples();
      mono = new float[audio.frames()];
      for (int i = 0; i < mono.length; i++) {
        float sum = 0;
        for (int c = 0; c < ch; c++) {
          sum += all[i * ch + c];
        }
        mono[i] = sum / ch;
      }
    }
    if (audio.sampleRate() == KaldiFbank.SAMPLE_RATE) {
      return mono;
    }
    return resample(mono, audio.sampleRate(), KaldiFbank.SAMPLE_RATE);
  }

  /** Windowed-sinc interpolation with a Hann window, cut off below the lower Nyquist rate. */
  static float[] resample(float[] in, int inRate, int outRate) {
    long outLength = (long) Math.floor(in.length * (double) outRate / inRate);
    float[] out = new float[Math.toIntExact(outLength)];
    double ratio = (double) outRate / inRate;
    double cutoff = 0.97 * Math.min(1.0, ratio);
    double halfWidth = ZERO_CROSSINGS / cutoff;
    for (int i = 0; i < out.length; i++) {
      double center = i / ratio;
      int first = (int) Math.ceil(center - halfWidth);
      int last = (int) Math.floor(center + halfWidth);
      double acc = 0;
      for (int j = Math.max(0, first); j <= Math.min(in.length - 1, last); j++) {
        double x = j - center;
        double arg = Math.PI * cutoff * x;
        double sinc = Math.abs(arg) < 1e-12 ? 1.0 : Math.sin(arg) / arg;
        double window = 0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth);
        acc += in[j] * cutoff * sinc * window;
      }
      out[i] = (float) acc;
    }
    return out;
  }
}
