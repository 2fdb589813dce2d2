package dev.weft.assets.audio;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.Ffmpeg;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import dev.weft.assets.media.MediaFormat;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Reads audio files (WAV in Java; FLAC, MP3, Ogg Vorbis/Opus and the audio of MP4/MKV/WebM through
 * FFmpeg) and writes WAV, FLAC, MP3, Opus and AAC.
 */
public final class AudioFiles {
  private static final int CHUNK = 1 << 16;

  private AudioFiles() {}

  /** Opens a streaming reader, choosing the decoder from the file's bytes. */
  public static AudioReader open(Path file, DecodeLimits limits) throws IOException {
    MediaFormat format = MediaFormat.detect(file, MediaFormat.Kind.AUDIO);
    if (format == MediaFormat.WAV) {
      WavReader r = WavReader.open(file);
      if (r.frames() == 0) {
        r.close();
        throw new MediaException(file, Reason.TRUNCATED, "the WAV holds no samples");
      }
      if (r.frames() / (double) r.sampleRate() > limits.maxAudioSeconds()) {
        r.close();
        throw new MediaException(
            file,
            Reason.TOO_LARGE,
            String.format(
                Locale.ROOT,
                "the audio lasts %.0f s, beyond the limit of %.0f s",
                r.frames() / (double) r.sampleRate(),
                limits.maxAudioSeconds()));
      }
      return r;
    }
    return FfmpegAudioReader.open(file, limits);
  }

  public static AudioAsset read(Path file) throws IOException {
    return read(file, DecodeLimits.DEFAULT);
  }

  /** Decodes the whole file at its own rate and channel count. */
  public static AudioAsset read(Path file, DecodeLimits limits) throws IOException {
    return read(file, 0, false, limits);
  }

  /**
   * Decodes the whole file, converting on the fly: to {@code rate} Hz (0 keeps the file's rate) and
   * to mono when asked, without holding the full-rate signal in memory.
   */
  public static AudioAsset read(Path file, int rate, boolean mono, DecodeLimits limits)
      throws IOException {
    DecodeLimits.Deadline deadline = limits.startDeadline(file);
    try (AudioReader in = open(file, limits)) {
      int ch = in.channels();
      int outCh = mono ? 1 : ch;
      int outRate = rate == 0 ? in.sampleRate() : rate;
      Resampler resampler =
          outRate == in.sampleRate() ? null : Resampler.create(in.sampleRate(), outRate, outCh);
      long expected = in.frames() > 0 ? in.frames() : 0;
      long expectedOut = resampler == null ? expected : resampler.outputFrames(expected);
      Growable out =
          new Growable((int) Math.min(Integer.MAX_VALUE - 16, expectedOut * outCh + 1024));
      float[] buf = new float[CHUNK * ch];
      long total = 0;
      for (int n; (n = in.read(buf, CHUNK)) > 0; ) {
        deadline.check();
        total += n;
        if (total / (double) in.sampleRate() > limits.maxAudioSeconds()) {
          throw new MediaException(
              file,
              Reason.TOO_LARGE,
              "the audio runs past the limit of " + limits.maxAudioSeconds() + " s");
        }
        float[] piece = mono && ch > 1 ? AudioOps.downmix(buf, 0, n, ch) : buf;
        if (resampler != null) {
          out.add(resampler.process(piece, 0, n));
        } else {
          out.add(piece, n * outCh);
        }
      }
      if (total == 0) {
        throw new MediaException(file, Reason.TRUNCATED, "it decodes to no samples");
      }
      if (resampler != null) {
        out.add(resampler.flush());
      }
      return AudioAsset.of(outRate, outCh, out.toArray());
    }
  }

  /** Writes in the format the encoding names. */
  public static void write(AudioAsset audio, Path target, AudioEncoding encoding)
      throws IOException {
    switch (encoding.codec()) {
      case WAV -> WavWriter.write(audio, target, encoding.wavFormat(), encoding.dither());
      case FLAC, MP3, OPUS, AAC -> writeWithFfmpeg(audio, target, encoding);
    }
  }

  /** Writes in the format the target's extension names, with default settings. */
  public static void write(AudioAsset audio, Path target) throws IOException {
    String name = target.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      throw new MediaException(
          target, Reason.UNSUPPORTED, "no extension to tell the format (wav, flac, mp3, opus)");
    }
    write(audio, target, AudioEncoding.forExtension(name.substring(dot + 1)));
  }

  private static void writeWithFfmpeg(AudioAsset audio, Path target, AudioEncoding enc)
      throws IOException {
    Ffmpeg.ensureLoaded();
    int rate = audio.sampleRate();
    int outRate = rate;
    String container;
    int codec;
    switch (enc.codec()) {
      case FLAC -> {
        container = "flac";
        codec = avcodec.AV_CODEC_ID_FLAC;
      }
      case MP3 -> {
        container = "mp3";
        codec = avcodec.AV_CODEC_ID_MP3;
        outRate =
            nearest(rate, new int[] {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000});
      }
      case OPUS -> {
        container = "ogg";
        codec = avcodec.AV_CODEC_ID_OPUS;
        outRate = 48_000; // Opus always runs at 48 kHz inside
      }
      case AAC -> {
        container = "mp4";
        codec = avcodec.AV_CODEC_ID_AAC;
      }
      default -> throw new AssertionError(enc.codec());
    }
    AudioAsset source = outRate == rate ? audio : AudioOps.resample(audio, outRate);
    if (audio.channels() > 2 && enc.codec() == AudioEncoding.Codec.MP3) {
      throw new MediaException(target, Reason.UNSUPPORTED, "MP3 holds at most two channels");
    }
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(target.toFile(), audio.channels())) {
      rec.setFormat(container);
      rec.setAudioCodec(codec);
      rec.setSampleRate(outRate);
      rec.setAudioChannels(audio.channels());
      if (enc.codec() == AudioEncoding.Codec.FLAC) {
        rec.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        rec.setAudioOption("compression_level", Integer.toString(enc.flacLevel()));
      } else {
        rec.setAudioBitrate(enc.bitrate());
      }
      rec.start();
      FloatBuffer all = source.samples();
      int ch = source.channels();
      float[] chunk = new float[CHUNK * ch];
      for (int f = 0; f < source.frames(); f += CHUNK) {
        int n = Math.min(CHUNK, source.frames() - f);
        all.get(f * ch, chunk, 0, n * ch);
        rec.recordSamples(outRate, ch, FloatBuffer.wrap(chunk, 0, n * ch));
      }
      rec.stop();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new MediaException(
          target,
          Reason.WRITE_FAILED,
          "encoding " + enc.codec() + " failed (" + e.getMessage() + ")",
          e);
    }
  }

  private static int nearest(int rate, int[] allowed) {
    for (int a : allowed) {
      if (a >= rate) {
        return a;
      }
    }
    return allowed[allowed.length - 1];
  }

  /** A float array that grows by doubling. */
  private static final class Growable {
    private float[] data;
    private int size;

    Growable(int capacity) {
      data = new float[Math.max(16, capacity)];
    }

    void add(float[] src) {
      add(src, src.length);
    }

    void add(float[] src, int n) {
      if (size + n > data.length) {
        data = Arrays.copyOf(data, Math.max(size + n, data.length * 2));
      }
      System.arraycopy(src, 0, data, size, n);
      size += n;
    }

    float[] toArray() {
      return size == data.length ? data : Arrays.copyOf(data, size);
    }
  }
}
