package dev.weft.pipelines.models.asr;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.audio.AudioOps;
import dev.weft.assets.audio.AudioReader;
import dev.weft.assets.audio.Resampler;
import dev.weft.assets.media.DecodeLimits;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Audio as the speech models take it (one channel at 16 kHz), read piece by piece from a file, a
 * video's audio track or an audio asset: channels are averaged and other rates resampled on the fly
 * with the assets module's band-limited resampler, giving the same samples as converting the whole
 * signal at once. Only one piece is held at a time, whatever the length of the audio.
 */
public final class SpeechAudioStream implements AutoCloseable {
  /** Streaming decodes of long files run alongside recognition: allow a day of audio and time. */
  static final DecodeLimits LIMITS =
      new DecodeLimits(32_768, 100_000_000L, 24 * 3600.0, Duration.ofHours(24));

  private static final int CHUNK_FRAMES = 1 << 14;

  private final AudioReader reader;
  private final Resampler resampler;
  private final float[] interleaved;
  private float[] ready = new float[0];
  private int readyAt;
  private boolean ended;
  private long samplesOut;

  private SpeechAudioStream(AudioReader reader) {
    this.reader = reader;
    this.resampler =
        reader.sampleRate() == KaldiFbank.SAMPLE_RATE
            ? null
            : Resampler.create(reader.sampleRate(), KaldiFbank.SAMPLE_RATE, 1);
    this.interleaved = new float[CHUNK_FRAMES * reader.channels()];
  }

  /** Opens an audio file, or the audio track of a video file, for streaming. */
  public static SpeechAudioStream open(Path file) throws IOException {
    return new SpeechAudioStream(AudioFiles.open(file, LIMITS));
  }

  /** Streams whatever a reader decodes. */
  static SpeechAudioStream of(AudioReader reader) {
    return new SpeechAudioStream(reader);
  }

  /** Streams an audio asset already in memory (without copying it whole). */
  public static SpeechAudioStream of(AudioAsset audio) {
    return new SpeechAudioStream(new AssetReader(audio));
  }

  /** The length of the audio, when the source says. */
  public OptionalDouble durationSeconds() {
    long frames = reader.frames();
    return frames > 0
        ? OptionalDouble.of(frames / (double) reader.sampleRate())
        : OptionalDouble.empty();
  }

  /** 16 kHz samples handed out so far. */
  public long samplesRead() {
    return samplesOut;
  }

  public int sourceSampleRate() {
    return reader.sampleRate();
  }

  public int sourceChannels() {
    return reader.channels();
  }

  /** Fills {@code into} with up to its length of 16 kHz mono samples; -1 at the end. */
  public int read(float[] into) throws IOException {
    int got = 0;
    while (got < into.length) {
      if (readyAt == ready.length) {
        if (!refill()) {
          break;
        }
        continue;
      }
      int n = Math.min(into.length - got, ready.length - readyAt);
      System.arraycopy(ready, readyAt, into, got, n);
      readyAt += n;
      got += n;
    }
    samplesOut += got;
    return got == 0 ? -1 : got;
  }

  private boolean refill() throws IOException {
    if (ended) {
      return false;
    }
    int n = reader.read(interleaved, CHUNK_FRAMES);
    if (n <= 0) {
      ended = true;
      ready = resampler == null ? new float[0] : resampler.flush();
    } else {
      float[] mono = AudioOps.downmix(interleaved, 0, n, reader.channels());
      ready = resampler == null ? mono : resampler.process(mono, 0, n);
    }
    readyAt = 0;
    return ready.length > 0 || !ended;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** An audio asset read as a stream of interleaved frames. */
  private static final class AssetReader implements AudioReader {
    private final AudioAsset audio;
    private final FloatBuffer samples;

    AssetReader(AudioAsset audio) {
      this.audio = audio;
      this.samples = audio.samples();
    }

    @Override
    public int sampleRate() {
      return audio.sampleRate();
    }

    @Override
    public int channels() {
      return audio.channels();
    }

    @Override
    public long frames() {
      return audio.frames();
    }

    @Override
    public int read(float[] into, int maxFrames) {
      int frames = Math.min(maxFrames, samples.remaining() / audio.channels());
      if (frames == 0) {
        return -1;
      }
      samples.get(into, 0, frames * audio.channels());
      return frames;
    }

    @Override
    public void close() {}
  }
}
