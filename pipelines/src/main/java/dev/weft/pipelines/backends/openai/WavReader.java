package dev.weft.pipelines.backends.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the WAV files servers send back (vLLM-Omni's speech): RIFF/WAVE with PCM 16-bit, 24-bit,
 * 32-bit or IEEE float 32-bit samples, converted to 16-bit PCM.
 */
public final class WavReader {
  private WavReader() {}

  /** Whether bytes start like a WAV file. */
  public static boolean looksLikeWav(byte[] b) {
    return b.length >= 12
        && b[0] == 'R'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == 'F'
        && b[8] == 'W'
        && b[9] == 'A'
        && b[10] == 'V'
        && b[11] == 'E';
  }

  /**
   * Decodes a whole WAV file.
   *
   * @throws IllegalArgumentException naming what is wrong with the file
   */
  public static PcmAudio read(byte[] wav) {
    if (!looksLikeWav(wav)) {
      throw new IllegalArgumentException("the audio is not a WAV file (no RIFF/WAVE header)");
    }
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    b.position(12);
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (b.remaining() >= 8) {
      String id = new String(wav, b.position(), 4, StandardCharsets.US_ASCII);
      b.position(b.position() + 4);
      long size = Integer.toUnsignedLong(b.getInt());
      int start = b.position();
      // streamed WAVs put 0 or 0xFFFFFFFF as the data size: the data runs to the end
      long available = wav.length - start;
      int len = (int) Math.min(size == 0 || size == 0xFFFFFFFFL ? available : size, available);
      if (id.equals("fmt ")) {
        if (len < 16) {
          throw new IllegalArgumentException("the WAV format chunk is too short");
        }
        format = b.getShort(start) & 0xFFFF;
        channels = b.getShort(start + 2) & 0xFFFF;
        rate = b.getInt(start + 4);
        bits = b.getShort(start + 14) & 0xFFFF;
        if (format == 0xFFFE && len >= 26) {
          format = b.getShort(start + 24) & 0xFFFF; // WAVE_FORMAT_EXTENSIBLE: the sub-format
        }
      } else if (id.equals("data")) {
        if (format < 0) {
          throw new IllegalArgumentException("the WAV data comes before its format chunk");
        }
        return new PcmAudio(rate, channels, toPcm16(wav, start, len, format, bits, channels));
      }
      b.position(start + len + (len & 1));
    }
    throw new IllegalArgumentException("the WAV file has no data chunk");
  }

  private static byte[] toPcm16(byte[] wav, int off, int len, int format, int bits, int ch) {
    int bytesPer = bits / 8;
    if (ch <= 0 || bytesPer <= 0) {
      throw new IllegalArgumentException(
          "the WAV file declares " + ch + " channels of " + bits + " bits");
    }
    int frameBytes = bytesPer * ch;
    int frames = len / frameBytes;
    byte[] out = new byte[frames * ch * 2];
    ByteBuffer in = ByteBuffer.wrap(wav, off, frames * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames * ch; i++) {
      short s;
      if (format == 1 && bits == 16) {
        s = in.getShort();
      } else if (format == 1 && bits == 24) {
        int v = (in.get() & 0xFF) | ((in.get() & 0xFF) << 8) | (in.get() << 16);
        s = (short) (v >> 8);
      } else if (format == 1 && bits == 32) {
        s = (short) (in.getInt() >> 16);
      } else if (format == 3 && bits == 32) {
        float f = Math.max(-1f, Math.min(1f, in.getFloat()));
        s = (short) Math.round(f * 32767f);
      } else {
        throw new IllegalArgumentException(
            "the WAV file uses format "
                + format
                + " with "
                + bits
                + "-bit samples; only PCM"
                + " 16/24/32-bit and float 32-bit are read");
      }
      o.putShort(s);
    }
    return out;
  }
}
