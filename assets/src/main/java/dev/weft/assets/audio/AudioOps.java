package dev.weft.assets.audio;

import dev.weft.assets.AudioAsset;

/** Channel, level and length operations on audio: downmix, gain, normalisation, trim, resample. */
public final class AudioOps {
  private static final int CHUNK_FRAMES = 1 << 16;

  private AudioOps() {}

  /** The mean of all channels (itself when already mono). */
  public static AudioAsset toMono(AudioAsset audio) {
    if (audio.channels() == 1) {
      return audio;
    }
    int ch = audio.channels();
    var src = audio.samples();
    float[] out = new float[audio.frames()];
    float[] chunk = new float[CHUNK_FRAMES * ch];
    for (int f = 0; f < out.length; f += CHUNK_FRAMES) {
      int n = Math.min(CHUNK_FRAMES, out.length - f);
      src.get(f * ch, chunk, 0, n * ch);
      float[] mono = downmix(chunk, 0, n, ch);
      System.arraycopy(mono, 0, out, f, n);
    }
    return AudioAsset.mono(audio.sampleRate(), out);
  }

  /** Averages interleaved channels into one; a fresh array. */
  public static float[] downmix(float[] interleaved, int channels) {
    return downmix(interleaved, 0, interleaved.length / channels, channels);
  }

  /** Averages {@code frames} interleaved frames from {@code offset} frames into mono. */
  public static float[] downmix(float[] interleaved, int offset, int frames, int channels) {
    float[] out = new float[frames];
    if (channels == 1) {
      System.arraycopy(interleaved, offset, out, 0, frames);
      return out;
    }
    if (channels == 2) {
      for (int i = 0, j = offset * 2; i < frames; i++, j += 2) {
        out[i] = (interleaved[j] + interleaved[j + 1]) * 0.5f;
      }
      return out;
    }
    float scale = 1f / channels;
    for (int i = 0, j = offset * channels; i < frames; i++) {
      float s = 0;
      for (int c = 0; c < channels; c++) {
        s += interleaved[j++];
      }
      out[i] = s * scale;
    }
    return out;
  }

  /** Multiplies every sample by 10^(dB/20); samples may exceed [-1, 1] until clipped on output. */
  public static AudioAsset gain(AudioAsset audio, double db) {
    if (!Double.isFinite(db)) {
      throw new IllegalArgumentException("gain must be finite, got " + db);
    }
    float g = (float) Math.pow(10, db / 20);
    float[] s = audio.copySamples();
    for (int i = 0; i < s.length; i++) {
      s[i] *= g;
    }
    return AudioAsset.of(audio.sampleRate(), audio.channels(), s);
  }

  /** The largest absolute sample value. */
  public static float peak(AudioAsset audio) {
    var s = audio.samples();
    float p = 0;
    for (int i = 0, n = s.limit(); i < n; i++) {
      p = Math.max(p, Math.abs(s.get(i)));
    }
    return p;
  }

  /** Root mean square over all samples. */
  public static double rms(AudioAsset audio) {
    var s = audio.samples();
    double sum = 0;
    for (int i = 0; i < s.limit(); i++) {
      sum += (double) s.get(i) * s.get(i);
    }
    return s.limit() == 0 ? 0 : Math.sqrt(sum / s.limit());
  }

  /** Scales so the peak sits at {@code dbfs} (e.g. -1); silence is returned unchanged. */
  public static AudioAsset normalisePeak(AudioAsset audio, double dbfs) {
    float p = peak(audio);
    if (p == 0) {
      return audio;
    }
    return gain(audio, dbfs - 20 * Math.log10(p));
  }

  /**
   * Scales so the RMS level sits at {@code dbfs} (e.g. -20), but never so far that the peak passes
   * {@code peakCeilingDbfs}; silence is returned unchanged.
   */
  public static AudioAsset normaliseRms(AudioAsset audio, double dbfs, double peakCeilingDbfs) {
    double r = rms(audio);
    if (r == 0) {
      return audio;
    }
    double g = dbfs - 20 * Math.log10(r);
    double peakAfter = 20 * Math.log10(peak(audio)) + g;
    if (peakAfter > peakCeilingDbfs) {
      g -= peakAfter - peakCeilingDbfs;
    }
    return gain(audio, g);
  }

  /** The part from {@code startSeconds} to {@code endSeconds} (clamped to the audio's length). */
  public static AudioAsset trim(AudioAsset audio, double startSeconds, double endSeconds) {
    if (!(startSeconds >= 0) || !(endSeconds > startSeconds)) {
      throw new IllegalArgumentException(
          "trim needs 0 <= start < end, got " + startSeconds + " to " + endSeconds);
    }
    int from = (int) Math.min(audio.frames(), Math.round(startSeconds * audio.sampleRate()));
    int to = (int) Math.min(audio.frames(), Math.round(endSeconds * audio.sampleRate()));
    if (to <= from) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "trim from %.3f s is past the end of %.3f s of audio",
              startSeconds,
              audio.durationSeconds()));
    }
    int ch = audio.channels();
    float[] out = new float[(to - from) * ch];
    audio.samples().get(from * ch, out);
    return AudioAsset.of(audio.sampleRate(), ch, out);
  }

  /** Converts to another rate with the band-limited {@link Resampler}. */
  public static AudioAsset resample(AudioAsset audio, int rate, Resampler.Quality quality) {
    if (rate == audio.sampleRate()) {
      return audio;
    }
    int ch = audio.channels();
    Resampler r = Resampler.create(audio.sampleRate(), rate, ch, quality);
    float[] out = new float[(int) r.outputFrames(audio.frames()) * ch];
    var src = audio.samples();
    float[] chunk = new float[CHUNK_FRAMES * 4 * ch];
    int written = 0;
    for (int f = 0; f < audio.frames(); f += CHUNK_FRAMES * 4) {
      int n = Math.min(CHUNK_FRAMES * 4, audio.frames() - f);
      src.get(f * ch, chunk, 0, n * ch);
      float[] piece = r.process(chunk, 0, n);
      System.arraycopy(piece, 0, out, written, piece.length);
      written += piece.length;
    }
    float[] tail = r.flush();
    System.arraycopy(tail, 0, out, written, tail.length);
    return AudioAsset.of(rate, ch, out);
  }

  public static AudioAsset resample(AudioAsset audio, int rate) {
    return resample(audio, rate, Resampler.Quality.HIGH);
  }
}
