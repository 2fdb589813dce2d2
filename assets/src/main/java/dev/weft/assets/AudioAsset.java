package dev.weft.assets;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Objects;

/** Audio as float PCM in [-1, 1], interleaved by channel, at a sample rate. */
public final class AudioAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "audio/wav";
  private final int sampleRate;
  private final int channels;
  private final float[] samples;

  private AudioAsset(int sampleRate, int channels, float[] samples) {
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.samples = samples;
  }

  /** Wraps a copy of interleaved samples. */
  public static AudioAsset of(int sampleRate, int channels, float[] interleaved) {
    Objects.requireNonNull(interleaved, "interleaved");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }
    if (channels <= 0) {
      throw new IllegalArgumentException("channel count must be positive, got " + channels);
    }
    if (interleaved.length % channels != 0) {
      throw new IllegalArgumentException(
          interleaved.length + " samples do not split evenly into " + channels + " channels");
    }
    return new AudioAsset(sampleRate, channels, interleaved.clone());
  }

  /** Mono audio from a copy of {@code samples}. */
  public static AudioAsset mono(int sampleRate, float[] samples) {
    return of(sampleRate, 1, samples);
  }

  @Override
  String computeHash() {
    return hashOf(sampleRate, channels, samples);
  }

  private static String hashOf(int sampleRate, int channels, float[] samples) {
    ContentHash h = ContentHash.of("audio-f32").update(sampleRate).update(channels);
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer floats = buf.asFloatBuffer();
    for (int off = 0; off < samples.length; ) {
      int n = Math.min(floats.capacity(), samples.length - off);
      floats.clear();
      floats.put(samples, off, n);
      buf.clear().limit(n * 4);
      h.update(buf);
      off += n;
    }
    return h.hex();
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int channels() {
    return channels;
  }

  /** Samples per channel. */
  public int frames() {
    return samples.length / channels;
  }

  public double durationSeconds() {
    return frames() / (double) sampleRate;
  }

  /** A read-only view of the interleaved samples. */
  public FloatBuffer samples() {
    return FloatBuffer.wrap(samples).asReadOnlyBuffer();
  }

  /** A fresh copy of one channel's samples. */
  public float[] channel(int index) {
    Objects.checkIndex(index, channels);
    float[] out = new float[frames()];
    for (int i = 0, j = index; i < out.length; i++, j += channels) {
      out[i] = samples[j];
    }
    return out;
  }

  /** A fresh copy of the interleaved samples. */
  public float[] copySamples() {
    return samples.clone();
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "audio %.2f s, %d Hz, %d ch",
        durationSeconds(),
        sampleRate,
        channels);
  }
}
