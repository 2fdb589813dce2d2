package dev.weft.assets.audio;

import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads RIFF/RF64 WAVE files: PCM 8, 16, 24 and 32 bit, IEEE float 32 and 64, plain or
 * WAVE_FORMAT_EXTENSIBLE. Odd-sized chunks, unknown chunks and a data chunk that claims more bytes
 * than the file has (a recording cut short) are handled; a file without fmt or data is refused.
 */
public final class WavReader implements AudioReader {
  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  private final Path file;
  private final FileChannel channel;
  private final int sampleRate;
  private final int channels;
  private final WavFormat format;
  private final int blockAlign;
  private final long dataFrames;
  private long framesLeft;
  private ByteBuffer bytes;

  private WavReader(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long fileSize = channel.size();
      ByteBuffer header = readAt(0, 12);
      if (header.remaining() < 12) {
        throw new MediaException(file, Reason.TRUNCATED, "the WAV header is incomplete");
      }
      int riff = header.getInt(0);
      boolean rf64 = riff == 0x34364652; // "RF64" little-endian
      if ((riff != 0x46464952 && !rf64) || header.getInt(8) != 0x45564157) {
        throw new MediaException(file, Reason.CORRUPT, "not a RIFF WAVE file");
      }
      long pos = 12;
      int fmtTag = -1;
      int ch = 0;
      int rate = 0;
      int align = 0;
      int bits = 0;
      long dataStart = -1;
      long dataSize = -1;
      long ds64DataSize = -1;
      while (pos + 8 <= fileSize) {
        ByteBuffer chunk = readAt(pos, 8);
        int id = chunk.getInt(0);
        long size = Integer.toUnsignedLong(chunk.getInt(4));
        long body = pos + 8;
        if (id == 0x34367364) { // "ds64"
          ByteBuffer ds = readAt(body, 16);
          if (ds.remaining() >= 16) {
            ds64DataSize = ds.getLong(8);
          }
        } else if (id == 0x20746d66) { // "fmt "
          if (size < 16) {
            throw new MediaException(file, Reason.CORRUPT, "the WAV fmt chunk is too short");
          }
          ByteBuffer f = readAt(body, (int) Math.min(size, 40));
          if (f.remaining() < 16) {
            throw new MediaException(file, Reason.TRUNCATED, "the WAV fmt chunk is cut off");
          }
          fmtTag = f.getShort(0) & 0xFFFF;
          ch = f.getShort(2) & 0xFFFF;
          rate = f.getInt(4);
          align = f.getShort(12) & 0xFFFF;
          bits = f.getShort(14) & 0xFFFF;
          if (fmtTag == FORMAT_EXTENSIBLE && f.remaining() >= 26) {
            fmtTag = f.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
          }
        } else if (id == 0x61746164) { // "data"
          dataStart = body;
          dataSize = (rf64 && size == 0xFFFFFFFFL && ds64DataSize >= 0) ? ds64DataSize : size;
          break;
        }
        pos = body + size + (size & 1);
      }
      if (fmtTag < 0) {
        throw new MediaException(
            file, fileSize <= 44 ? Reason.TRUNCATED : Reason.CORRUPT, "the WAV has no fmt chunk");
      }
      if (dataStart < 0) {
        throw new MediaException(file, Reason.TRUNCATED, "the WAV has no data chunk");
      }
      if (ch <= 0 || ch > 64) {
        throw new MediaException(file, Reason.CORRUPT, "the WAV claims " + ch + " channels");
      }
      if (rate <= 0 || rate > 1_536_000) {
        throw new MediaException(file, Reason.CORRUPT, "the WAV claims a rate of " + rate + " Hz");
      }
      this.format =
          switch (fmtTag) {
            case FORMAT_PCM ->
                switch (bits) {
                  case 8 -> WavFormat.PCM_U8;
                  case 16 -> WavFormat.PCM_S16;
                  case 24 -> WavFormat.PCM_S24;
                  case 32 -> WavFormat.PCM_S32;
                  default ->
                      throw new MediaException(
                          file, Reason.UNSUPPORTED, bits + "-bit integer PCM is not supported");
                };
            case FORMAT_FLOAT ->
                switch (bits) {
                  case 32 -> WavFormat.FLOAT32;
                  case 64 -> WavFormat.FLOAT64;
                  default ->
                      throw new MediaException(
                          file, Reason.UNSUPPORTED, bits + "-bit float PCM is not supported");
                };
            default ->
                throw new MediaException(
                    file,
                    Reason.UNSUPPORTED,
                    String.format(
                        "WAV sample format 0x%04x (compressed) is not supported; convert it to PCM",
                        fmtTag));
          };
      int expectedAlign = format.bytesPerSample() * ch;
      if (align != expectedAlign) {
        align = expectedAlign; // some writers get block align wrong; the sample layout decides
      }
      this.sampleRate = rate;
      this.channels = ch;
      this.blockAlign = align;
      long available = Math.max(0, fileSize - dataStart);
      long usable = Math.min(dataSize, available);
      this.dataFrames = usable / align;
      this.framesLeft = dataFrames;
      channel.position(dataStart);
      this.bytes = ByteBuffer.allocate(align * 8192).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Opens a WAV file and reads its header. */
  public static WavReader open(Path file) throws IOException {
    return new WavReader(file);
  }

  private ByteBuffer readAt(long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      int n = channel.read(b, pos + b.position());
      if (n < 0) {
        break;
      }
    }
    b.flip();
    return b;
  }

  public WavFormat format() {
    return format;
  }

  @Override
  public int sampleRate() {
    return sampleRate;
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public long frames() {
    return dataFrames;
  }

  @Override
  public int read(float[] into, int maxFrames) throws IOException {
    if (framesLeft <= 0) {
      return -1;
    }
    int want = (int) Math.min(maxFrames, framesLeft);
    want = Math.min(want, into.length / channels);
    int needBytes = want * blockAlign;
    if (bytes.capacity() < needBytes) {
      bytes = ByteBuffer.allocate(needBytes).order(ByteOrder.LITTLE_ENDIAN);
    }
    bytes.clear().limit(needBytes);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes) < 0) {
        break;
      }
    }
    bytes.flip();
    int frames = bytes.remaining() / blockAlign;
    if (frames == 0) {
      framesLeft = 0;
      return -1;
    }
    decode(bytes, into, frames * channels);
    framesLeft -= frames;
    return frames;
  }

  private void decode(ByteBuffer b, float[] out, int samples) {
    switch (format) {
      case PCM_U8 -> {
        for (int i = 0; i < samples; i++) {
          out[i] = ((b.get(i) & 0xFF) - 128) / 128f;
        }
      }
      case PCM_S16 -> {
        var s = b.asShortBuffer();
        for (int i = 0; i < samples; i++) {
          out[i] = s.get(i) * (1f / 32768f);
        }
      }
      case PCM_S24 -> {
        for (int i = 0, o = 0; i < samples; i++, o += 3) {
          int v = (b.get(o) & 0xFF) | (b.get(o + 1) & 0xFF) << 8 | b.get(o + 2) << 16;
          out[i] = v * (1f / 8388608f);
        }
      }
      case PCM_S32 -> {
        var s = b.asIntBuffer();
        for (int i = 0; i < samples; i++) {
          out[i] = (float) (s.get(i) * (1.0 / 2147483648.0));
        }
      }
      case FLOAT32 -> b.asFloatBuffer().get(out, 0, samples);
      case FLOAT64 -> {
        var s = b.asDoubleBuffer();
        for (int i = 0; i < samples; i++) {
          out[i] = (float) s.get(i);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "WAV " + file + " (" + format + ", " + sampleRate + " Hz, " + channels + " ch)";
  }
}
