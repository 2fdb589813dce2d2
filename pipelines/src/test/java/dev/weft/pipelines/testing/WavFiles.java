package dev.weft.pipelines.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * 16-bit PCM mono WAV files for test fixtures (written and read the way sherpa-onnx reads them).
 */
public final class WavFiles {
  private WavFiles() {}

  /** Samples as int16 / 32768, as sherpa-onnx's readWave returns them. */
  public static float[] readPcm16Mono(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new IOException(file + " is not a RIFF/WAVE file");
    }
    int pos = 12;
    int channels = -1;
    int bits = -1;
    while (pos + 8 <= b.limit()) {
      int id = b.getInt(pos);
      int size = b.getInt(pos + 4);
      if (id == 0x20746d66) { // "fmt "
        channels = b.getShort(pos + 10);
        bits = b.getShort(pos + 22);
      } else if (id == 0x61746164) { // "data"
        if (channels != 1 || bits != 16) {
          throw new IOException(
              file + ": expected 16-bit mono, got " + bits + "-bit " + channels + " ch");
        }
        int n = Math.min(size, b.limit() - pos - 8) / 2;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
          out[i] = b.getShort(pos + 8 + 2 * i) / 32768f;
        }
        return out;
      }
      pos += 8 + size + (size & 1);
    }
    throw new IOException(file + " has no data chunk");
  }

  /** Writes samples in [-1, 1] as 16-bit PCM mono (rounded, clipped). */
  public static Path writePcm16Mono(Path file, float[] samples, int rate) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36 + samples.length * 2).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.putInt(0x61746164).putInt(samples.length * 2);
    for (float s : samples) {
      b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32768))));
    }
    Files.write(file, b.array());
    return file;
  }
}
