package dev.weft.assets.audio;

import dev.weft.assets.AudioAsset;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes WAV files as integer PCM (8, 16, 24, 32 bit; optionally with triangular dither at 8 and 16
 * bit) or 32-bit float. Samples k / 2^(bits-1) survive a round trip exactly when not dithered.
 */
public final class WavWriter {
  private WavWriter() {}

  /** Writes without dither. */
  public static void write(AudioAsset audio, Path target, WavFormat format) throws IOException {
    write(audio, target, format, false);
  }

  /** Writes a WAV; {@code dither} adds +-1 LSB triangular noise before rounding to 8 or 16 bits. */
  public static void write(AudioAsset audio, Path target, WavFormat format, boolean dither)
      throws IOException {
    if (format == WavFormat.FLOAT64) {
      throw new IllegalArgumentException("64-bit float WAV is read-only; use FLOAT32");
    }
    int ch = audio.channels();
    long samples = (long) audio.frames() * ch;
    long dataBytes = samples * format.bytesPerSample();
    if (dataBytes + 36 > 0xFFFFFFFFL) {
      throw new IOException(target + ": audio too long for a WAV file (over 4 GiB)");
    }
    boolean extensible = ch > 2 || format.bits() > 16;
    int fmtSize = extensible ? 40 : 16;
    ByteBuffer h = ByteBuffer.allocate(20 + fmtSize + 8).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0x46464952).putInt((int) (4 + 8 + fmtSize + 8 + dataBytes + (dataBytes & 1)));
    h.putInt(0x45564157).putInt(0x20746d66).putInt(fmtSize);
    int tag = format.isFloat() ? 3 : 1;
    h.putShort((short) (extensible ? 0xFFFE : tag));
    h.putShort((short) ch).putInt(audio.sampleRate());
    h.putInt(audio.sampleRate() * ch * format.bytesPerSample());
    h.putShort((short) (ch * format.bytesPerSample())).putShort((short) format.bits());
    if (extensible) {
      h.putShort((short) 22).putShort((short) format.bits());
      h.putInt(ch == 1 ? 0x4 : ch == 2 ? 0x3 : 0); // channel mask: mono = centre, stereo = L+R
      // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {0000000X-0000-0010-8000-00aa00389b71}
      h.putShort((short) tag).putShort((short) 0).putShort((short) 0).putShort((short) 0x10);
      h.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xaa, 0, 0x38, (byte) 0x9b, 0x71});
    }
    h.putInt(0x61746164).putInt((int) dataBytes);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
      out.write(h.array(), 0, h.position());
      FloatBuffer src = audio.samples();
      ByteBuffer block =
          ByteBuffer.allocate(format.bytesPerSample() * 8192).order(ByteOrder.LITTLE_ENDIAN);
      long seed = 0x9E3779B97F4A7C15L;
      while (src.hasRemaining()) {
        block.clear();
        while (block.remaining() >= format.bytesPerSample() && src.hasRemaining()) {
          float v = src.get();
          switch (format) {
            case PCM_U8 -> {
              seed = next(seed);
              block.put((byte) (quantise(v, 128, dither ? seed : 0) + 128));
            }
            case PCM_S16 -> {
              seed = next(seed);
              block.putShort((short) quantise(v, 32768, dither ? seed : 0));
            }
            case PCM_S24 -> {
              int q = (int) Math.max(-8388608, Math.min(8388607, Math.round(clamp(v) * 8388608.0)));
              block.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
            }
            case PCM_S32 ->
                block.putInt(
                    (int)
                        Math.max(
                            -2147483648L,
                            Math.min(2147483647L, Math.round(clamp(v) * 2147483648.0))));
            case FLOAT32 -> block.putFloat(v);
            case FLOAT64 -> throw new AssertionError();
          }
        }
        out.write(block.array(), 0, block.position());
      }
      if ((dataBytes & 1) == 1) {
        out.write(0);
      }
    }
  }

  private static double clamp(float v) {
    return v > 1f ? 1.0 : (v < -1f ? -1.0 : v);
  }

  // Rounds, with triangular dither of +-1 LSB when rnd != 0, so quiet passages stay noise, not
  // distortion.
  private static int quantise(float v, int scale, long rnd) {
    double d = rnd == 0 ? 0 : ((rnd >>> 40) & 0xFFFF) / 65536.0 - ((rnd >>> 16) & 0xFFFF) / 65536.0;
    long q = Math.round(clamp(v) * scale + d);
    return (int) Math.max(-scale, Math.min(scale - 1, q));
  }

  private static long next(long x) {
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    return x;
  }
}
