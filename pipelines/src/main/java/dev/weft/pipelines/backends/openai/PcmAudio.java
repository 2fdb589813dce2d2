package dev.weft.pipelines.backends.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Speech as it came from a server: 16-bit little-endian PCM at a sample rate. */
public record PcmAudio(int sampleRate, int channels, byte[] pcm16le) {
  public PcmAudio {
    if (sampleRate <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "bad audio format " + sampleRate + " Hz, " + channels + " ch");
    }
    if (pcm16le.length % (2 * channels) != 0) {
      throw new IllegalArgumentException(
          pcm16le.length + " bytes are not whole 16-bit frames of " + channels + " channel(s)");
    }
  }

  public int frames() {
    return pcm16le.length / (2 * channels);
  }

  public double durationSeconds() {
    return frames() / (double) sampleRate;
  }

  /** Interleaved samples scaled to [-1, 1). */
  public float[] toFloats() {
    ByteBuffer b = ByteBuffer.wrap(pcm16le).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[pcm16le.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getShort() / 32768f;
    }
    return out;
  }
}
