package dev.weft.assets.audio;

import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.Ffmpeg;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the audio track of anything FFmpeg reads (FLAC, MP3, Ogg Vorbis/Opus, AAC in MP4, the
 * audio of a video) into float frames at the file's own rate and channel count.
 */
public final class FfmpegAudioReader implements AudioReader {
  private final Path file;
  private final FFmpegFrameGrabber grabber;
  private final DecodeLimits.Deadline deadline;
  private final int sampleRate;
  private final int channels;
  private final long frames;
  private FloatBuffer pending;
  private boolean ended;

  private FfmpegAudioReader(Path file, DecodeLimits limits) throws IOException {
    Ffmpeg.ensureLoaded();
    this.file = file;
    this.deadline = limits.startDeadline(file);
    this.grabber = new FFmpegFrameGrabber(file.toFile());
    grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      closeQuietly();
      throw Ffmpeg.openFailure(file, "audio", e);
    }
    if (!grabber.hasAudio() || grabber.getAudioChannels() <= 0) {
      closeQuietly();
      throw new MediaException(file, Reason.NO_STREAM, "it has no audio stream");
    }
    this.sampleRate = grabber.getSampleRate();
    this.channels = grabber.getAudioChannels();
    long micros = grabber.getLengthInTime();
    this.frames = micros > 0 ? Math.round(micros / 1e6 * sampleRate) : -1;
    if (micros > 0 && micros / 1e6 > limits.maxAudioSeconds()) {
      closeQuietly();
      throw new MediaException(
          file,
          Reason.TOO_LARGE,
          String.format(
              "the audio lasts %.0f s, beyond the limit of %.0f s",
              micros / 1e6, limits.maxAudioSeconds()));
    }
  }

  /** Opens a file and its first audio stream. */
  public static FfmpegAudioReader open(Path file, DecodeLimits limits) throws IOException {
    return new FfmpegAudioReader(file, limits);
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

  /** The codec FFmpeg decodes with, e.g. "flac" or "mp3float". */
  public String codecName() {
    return grabber.getAudioCodecName();
  }

  @Override
  public int read(float[] into, int maxFrames) throws IOException {
    int want = Math.min(maxFrames, into.length / channels) * channels;
    int got = 0;
    while (got < want) {
      if (pending == null || !pending.hasRemaining()) {
        if (ended || !nextFrame()) {
          break;
        }
        continue;
      }
      int n = Math.min(want - got, pending.remaining());
      pending.get(into, got, n);
      got += n;
    }
    if (got == 0) {
      return -1;
    }
    return got / channels;
  }

  private boolean nextFrame() throws IOException {
    deadline.check();
    Frame f;
    try {
      f = grabber.grabSamples();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new MediaException(
          file, Reason.CORRUPT, "decoding the audio failed (" + e.getMessage() + ")", e);
    }
    if (f == null) {
      ended = true;
      return false;
    }
    if (f.samples == null || f.samples.length == 0) {
      pending = null;
      return true;
    }
    if (f.samples.length != 1 || !(f.samples[0] instanceof FloatBuffer fb)) {
      throw new MediaException(
          file, Reason.UNSUPPORTED, "FFmpeg returned planar or non-float samples");
    }
    pending = fb.duplicate();
    return true;
  }

  private void closeQuietly() throws IOException {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception e) {
      throw new IOException(file + ": closing the decoder failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    closeQuietly();
  }
}
