package dev.weft.assets.video;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.audio.AudioOps;
import dev.weft.assets.media.Ffmpeg;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes frames, and optionally an audio track, into an H.264/AAC MP4. The file is written under a
 * temporary name beside the target and renamed into place by {@link #close()}, so a reader never
 * sees half a video; {@link #abort()} (or a failure) removes it instead.
 */
public final class VideoEncoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VideoEncoder.class);
  private static final int AUDIO_CHUNK = 4096;

  private final Path target;
  private final Path part;
  private final VideoEncoding encoding;
  private final FFmpegFrameRecorder recorder;
  // Frames are converted to YUV 4:2:0 on the caller's thread and encoded on this one, so the two
  // overlap; at most POOL frames are in flight.
  private static final int POOL = 3;
  private final ExecutorService encoderThread;
  private final BlockingQueue<Frame> free = new ArrayBlockingQueue<>(POOL);
  private final Deque<Future<?>> pending = new ArrayDeque<>();
  private final AudioAsset audio;
  private final YuvConverter converter;
  private int audioFramesWritten;
  private long frames;
  private boolean closed;

  private VideoEncoder(Path target, VideoEncoding encoding, Optional<AudioAsset> audioTrack)
      throws IOException {
    Ffmpeg.ensureLoaded();
    this.target = target.toAbsolutePath();
    Path dir = this.target.getParent();
    Files.createDirectories(dir);
    this.part = dir.resolve("." + this.target.getFileName() + "." + UUID.randomUUID() + ".part");
    this.encoding = encoding;
    this.audio = audioTrack.map(a -> a.channels() > 2 ? AudioOps.toMono(a) : a).orElse(null);
    this.recorder =
        new FFmpegFrameRecorder(
            part.toFile(),
            encoding.width(),
            encoding.height(),
            audio == null ? 0 : audio.channels());
    recorder.setFormat("mp4");
    recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(encoding.fps());
    recorder.setVideoBitrate(encoding.effectiveVideoBitrate());
    recorder.setGopSize(encoding.gopFrames());
    // faststart: the index goes first, so players start at once; use_metadata_tags: our keys.
    recorder.setOption("movflags", "+faststart+use_metadata_tags");
    recorder.setMetadata("comment", "Made with Weft Studio");
    for (Map.Entry<String, String> e :
        encoding.embedded().map(x -> x.toEntries()).orElse(Map.of()).entrySet()) {
      recorder.setMetadata(e.getKey(), e.getValue());
    }
    if (audio != null) {
      recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
      recorder.setSampleRate(audio.sampleRate());
      recorder.setAudioChannels(audio.channels());
      recorder.setAudioBitrate(encoding.audioBitrate());
    }
    try {
      recorder.start();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      closeRecorder();
      Files.deleteIfExists(part);
      throw new MediaException(
          target,
          Reason.WRITE_FAILED,
          "the H.264 encoder did not start (" + e.getMessage() + ")",
          e);
    }
    this.converter = new YuvConverter(encoding.width(), encoding.height());
    for (int i = 0; i < POOL; i++) {
      free.add(yuvFrame(encoding.width(), encoding.height()));
    }
    this.encoderThread =
        Executors.newSingleThreadExecutor(r ->
            Thread.ofPlatform()
                .name("weft-h264-" + this.target.getFileName())
                .daemon()
                .unstarted(r));
  }

  private static Frame yuvFrame(int w, int h) {
    Frame f = new Frame();
    f.imageWidth = w;
    f.imageHeight = h;
    f.imageDepth = Frame.DEPTH_UBYTE;
    f.imageChannels = 1;
    f.imageStride = w; // the Y plane's stride; the chroma planes follow, w/2 wide, unpadded
    f.image = new java.nio.Buffer[] {ByteBuffer.allocateDirect(w * h * 3 / 2)};
    return f;
  }

  /** Starts an MP4 without audio. */
  public static VideoEncoder open(Path target, VideoEncoding encoding) throws IOException {
    return new VideoEncoder(target, encoding, Optional.empty());
  }

  /** Starts an MP4 whose audio track is {@code audio} (cut or left short to the video's length). */
  public static VideoEncoder open(Path target, VideoEncoding encoding, AudioAsset audio)
      throws IOException {
    return new VideoEncoder(target, encoding, Optional.of(audio));
  }

  /** Appends a frame; it must have the encoding's size. */
  public void addFrame(ImageAsset image) throws IOException {
    if (closed) {
      throw new IllegalStateException("the encoder is closed");
    }
    if (image.width() != encoding.width() || image.height() != encoding.height()) {
      throw new IllegalArgumentException(
          "frame "
              + frames
              + " is "
              + image.width()
              + "x"
              + image.height()
              + " but the video is "
              + encoding.width()
              + "x"
              + encoding.height()
              + "; resize it first");
    }
    rethrowFailures(false);
    Frame frame;
    try {
      frame = free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new MediaException(target, Reason.WRITE_FAILED, "interrupted while encoding", e);
    }
    converter.convert(image, (ByteBuffer) frame.image[0]);
    long index = ++frames;
    pending.add(
        encoderThread.submit(() -> {
          try {
            recorder.record(frame, avutil.AV_PIX_FMT_YUV420P);
            if (audio != null) {
              writeAudioUpTo(index / encoding.fps());
            }
          } finally {
            free.add(frame);
          }
          return null;
        }));
  }

  // Throws the first encoding failure; with wait, waits for every submitted frame first.
  private void rethrowFailures(boolean waitForAll) throws IOException {
    while (!pending.isEmpty() && (waitForAll || pending.peek().isDone())) {
      Future<?> f = pending.poll();
      try {
        f.get();
      } catch (ExecutionException e) {
        abort();
        Throwable cause = e.getCause();
        throw new MediaException(
            target, Reason.WRITE_FAILED, "encoding failed (" + cause.getMessage() + ")", cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort();
        throw new MediaException(target, Reason.WRITE_FAILED, "interrupted while encoding", e);
      }
    }
  }

  /** Frames added so far. */
  public long frames() {
    return frames;
  }

  private void writeAudioUpTo(double seconds) throws FrameRecorder.Exception {
    int ch = audio.channels();
    int until = (int) Math.min(audio.frames(), Math.round(seconds * audio.sampleRate()));
    FloatBuffer all = audio.samples();
    float[] chunk = new float[AUDIO_CHUNK * ch];
    while (audioFramesWritten < until) {
      int n = Math.min(AUDIO_CHUNK, until - audioFramesWritten);
      all.get(audioFramesWritten * ch, chunk, 0, n * ch);
      recorder.recordSamples(audio.sampleRate(), ch, FloatBuffer.wrap(chunk, 0, n * ch));
      audioFramesWritten += n;
    }
  }

  /** Finishes the file and moves it into place. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    if (frames == 0) {
      abort();
      throw new MediaException(target, Reason.WRITE_FAILED, "no frames were given to encode");
    }
    rethrowFailures(true); // aborts and throws if any frame failed
    closed = true;
    try {
      encoderThread.shutdown();
      recorder.stop();
      closeRecorder();
      try {
        Files.move(
            part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new MediaException(
          target, Reason.WRITE_FAILED, "finishing the MP4 failed (" + e.getMessage() + ")", e);
    } finally {
      encoderThread.shutdownNow();
      closeRecorder();
      converter.close();
      Files.deleteIfExists(part);
    }
  }

  /** Stops without producing a file. */
  public void abort() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    encoderThread.shutdownNow();
    try {
      if (!encoderThread.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("the encoder thread for {} did not stop within 30 s", target);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeRecorder();
    converter.close();
    Files.deleteIfExists(part);
  }

  private void closeRecorder() {
    try {
      recorder.release();
    } catch (FrameRecorder.Exception e) {
      // Releasing after a failure can fail again; the first failure is what gets reported.
      LOG.debug("releasing the encoder for {} failed", target, e);
    }
  }
}
