package dev.weft.pipelines.models.asr;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioReader;
import dev.weft.assets.store.AssetStore;
import dev.weft.assets.store.StoredRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads an audio asset from the asset store piece by piece, straight from its stored file (raw
 * little-endian float32, interleaved, with rate and channels in the sidecar), so the model worker
 * does not hold a second copy of a long recording. Falls back to decoding the asset whole when the
 * store keeps it some other way.
 */
final class StoredAudioReader implements AudioReader {
  private final FileChannel channel;
  private final int sampleRate;
  private final int channels;
  private final long frames;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

  private StoredAudioReader(FileChannel channel, int sampleRate, int channels, long frames) {
    this.channel = channel;
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.frames = frames;
    buffer.limit(0);
  }

  /** A stream over the stored audio asset {@code hash}. */
  static SpeechAudioStream open(AssetStore store, String hash) throws IOException {
    Optional<StoredRecord> record = store.record(hash);
    Optional<Path> file = store.fileOf(hash);
    if (record.isPresent() && file.isPresent() && isRawFloat(record.get())) {
      int rate = ((Number) record.get().attributes().get("sampleRate")).intValue();
      int ch = ((Number) record.get().attributes().get("channels")).intValue();
      FileChannel c = FileChannel.open(file.get(), StandardOpenOption.READ);
      long size = c.size();
      if (rate > 0 && ch > 0 && size % (4L * ch) == 0) {
        return SpeechAudioStream.of(new StoredAudioReader(c, rate, ch, size / (4L * ch)));
      }
      c.close();
    }
    AudioAsset audio =
        store
            .get(hash)
            .filter(AudioAsset.class::isInstance)
            .map(AudioAsset.class::cast)
            .orElseThrow(() -> new IOException("the asset store holds no audio " + hash));
    return SpeechAudioStream.of(audio);
  }

  private static boolean isRawFloat(StoredRecord r) {
    return r.kind().equals("audio")
        && r.file().endsWith(".f32")
        && r.attributes().get("sampleRate") instanceof Number
        && r.attributes().get("channels") instanceof Number;
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
    return frames;
  }

  @Override
  public int read(float[] into, int maxFrames) throws IOException {
    int want = Math.min(maxFrames, into.length / channels) * channels;
    int got = 0;
    while (got < want) {
      if (buffer.remaining() < 4) {
        buffer.compact();
        int n = channel.read(buffer);
        buffer.flip();
        if (n < 0 && buffer.remaining() < 4) {
          break;
        }
        continue;
      }
      int n = Math.min(want - got, buffer.remaining() / 4);
      buffer.asFloatBuffer().get(into, got, n);
      buffer.position(buffer.position() + 4 * n);
      got += n;
    }
    int whole = got / channels;
    return whole == 0 ? -1 : whole;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
