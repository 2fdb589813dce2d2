package dev.weft.assets.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.image.ImageTransforms;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.media.Ffmpeg;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import dev.weft.assets.media.MediaFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads video files through FFmpeg: MP4, MOV, WebM and MKV (anything FFmpeg's LGPL build decodes).
 * Probes, decodes frames at a chosen rate and size, takes thumbnails, extracts the audio track and
 * reads the provenance Weft wrote into an MP4.
 */
public final class VideoFiles {
  private VideoFiles() {}

  /** Reads a video's facts from its headers. */
  public static VideoInfo probe(Path file) throws IOException {
    return probe(file, DecodeLimits.DEFAULT);
  }

  public static VideoInfo probe(Path file, DecodeLimits limits) throws IOException {
    try (FFmpegFrameGrabber g = openGrabber(file, limits, null)) {
      return infoOf(g);
    } catch (FrameGrabber.Exception e) {
      throw new MediaException(file, Reason.CORRUPT, "closing the decoder failed", e);
    }
  }

  /** Describes a video file as an asset (hash over its bytes). */
  public static VideoAsset open(Path file) throws IOException {
    VideoInfo info = probe(file);
    String mediaType =
        MediaFormat.byExtension(file)
            .filter(f -> f.kind() == MediaFormat.Kind.VIDEO)
            .map(f -> mediaTypeFor(file, f))
            .orElse(VideoAsset.MEDIA_TYPE);
    return VideoAsset.ofFile(
        file,
        mediaType,
        info.width(),
        info.height(),
        info.fps(),
        info.durationSeconds(),
        info.hasAudio());
  }

  private static String mediaTypeFor(Path file, MediaFormat f) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".webm")) {
      return "video/webm";
    }
    if (name.endsWith(".mov")) {
      return "video/quicktime";
    }
    return f.mediaType();
  }

  /**
   * Decodes frames and hands each to {@code sink} with its time in seconds; returns how many were
   * delivered. Frames are scaled by FFmpeg (bicubic) and come as 8-bit ARGB.
   */
  public static int decodeFrames(
      Path file, FrameOptions options, DecodeLimits limits, FrameSink sink) throws IOException {
    DecodeLimits.Deadline deadline = limits.startDeadline(file);
    // RAW: the grabber hands over decoded pictures as they are; only kept frames are converted.
    try (FFmpegFrameGrabber g =
        openGrabber(file, limits, gr -> gr.setImageMode(FrameGrabber.ImageMode.RAW))) {
      int rotation = rotationOf(g);
      boolean sideways = rotation == 90 || rotation == 270;
      int shownW = sideways ? g.getImageHeight() : g.getImageWidth();
      int shownH = sideways ? g.getImageWidth() : g.getImageHeight();
      int[] out = outputSize(shownW, shownH, options);
      limits.checkImageSize(file, out[0], out[1]);
      int orientation = orientationFor(rotation);
      if (options.startSeconds() > 0) {
        g.setVideoTimestamp(Math.round(options.startSeconds() * 1e6));
      }
      double step = options.fps() > 0 ? 1.0 / options.fps() : 0;
      double next = options.startSeconds();
      double srcFrame = g.getVideoFrameRate() > 0 ? 1.0 / g.getVideoFrameRate() : 1.0 / 30;
      int delivered = 0;
      try (BgraConverter converter =
          new BgraConverter(sideways ? out[1] : out[0], sideways ? out[0] : out[1])) {
        for (Frame f; (f = g.grabFrame(false, true, true, false, false)) != null; ) {
          deadline.check();
          if (!(f.opaque instanceof AVFrame picture) || picture.width() <= 0) {
            continue;
          }
          double t = g.getTimestamp() / 1e6;
          if (t + 1e-9 < options.startSeconds()) {
            continue;
          }
          if (options.endSeconds() > 0 && t >= options.endSeconds()) {
            break;
          }
          if (step > 0 && t + srcFrame / 2 < next) {
            continue; // not yet at the next sample time
          }
          ImageAsset image = converter.convert(picture);
          sink.accept(orientation == 1 ? image : ImageTransforms.orient(image, orientation), t);
          delivered++;
          if (options.maxFrames() > 0 && delivered >= options.maxFrames()) {
            break;
          }
          if (step > 0) {
            // The next sample time after this frame; skipped sample times are not repeated.
            next += step * Math.max(1, Math.floor((t + srcFrame / 2 - next) / step) + 1);
          }
        }
      } catch (IllegalStateException e) {
        throw new MediaException(file, Reason.UNSUPPORTED, e.getMessage(), e);
      }
      return delivered;
    } catch (FrameGrabber.Exception e) {
      throw new MediaException(
          file, Reason.CORRUPT, "decoding the video failed (" + e.getMessage() + ")", e);
    }
  }

  /** The output size: as asked, with a 0 side following the aspect ratio, or the video's own. */
  static int[] outputSize(int w, int h, FrameOptions o) {
    int width = o.width();
    int height = o.height();
    if (width == 0 && height == 0) {
      return new int[] {w, h};
    }
    if (width == 0) {
      width = Math.max(1, (int) Math.round(w * (height / (double) h)));
    }
    if (height == 0) {
      height = Math.max(1, (int) Math.round(h * (width / (double) w)));
    }
    return new int[] {width, height};
  }

  /** Decodes the chosen frames into a list. */
  public static List<ImageAsset> extractFrames(Path file, FrameOptions options, DecodeLimits limits)
      throws IOException {
    List<ImageAsset> frames = new ArrayList<>();
    decodeFrames(file, options, limits, (image, t) -> frames.add(image));
    return frames;
  }

  /**
   * The frame at (or just after) {@code atSeconds}, scaled so its longer side is at most {@code
   * maxSide}.
   */
  public static ImageAsset thumbnail(Path file, double atSeconds, int maxSide) throws IOException {
    VideoInfo info = probe(file);
    double at = Math.max(0, Math.min(atSeconds, Math.max(0, info.durationSeconds() - 0.05)));
    double scale = Math.min(1.0, maxSide / (double) Math.max(info.width(), info.height()));
    int w = Math.max(2, (int) Math.round(info.width() * scale) & ~1);
    int h = Math.max(2, (int) Math.round(info.height() * scale) & ~1);
    List<ImageAsset> one =
        extractFrames(file, new FrameOptions(0, w, h, 1, at, 0), DecodeLimits.DEFAULT);
    if (one.isEmpty()) {
      one = extractFrames(file, new FrameOptions(0, w, h, 1, 0, 0), DecodeLimits.DEFAULT);
    }
    if (one.isEmpty()) {
      throw new MediaException(file, Reason.CORRUPT, "no frame could be decoded");
    }
    return one.getFirst();
  }

  /** Decodes the audio track (at its own rate and channels). */
  public static AudioAsset extractAudio(Path file, DecodeLimits limits) throws IOException {
    return AudioFiles.read(file, limits);
  }

  /** The pipeline and provenance an MP4 written by Weft carries, or empty when it has none. */
  public static Optional<EmbeddedProvenance> readEmbedded(Path file) throws IOException {
    Map<String, String> meta = probe(file).metadata();
    String pipeline = meta.get(EmbeddedProvenance.PIPELINE_KEY);
    String provenance = meta.get(EmbeddedProvenance.PROVENANCE_KEY);
    if (pipeline == null && provenance == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(EmbeddedProvenance.fromTexts(pipeline, provenance));
    } catch (JsonProcessingException e) {
      throw new MediaException(
          file, Reason.CORRUPT, "its embedded provenance is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Receives decoded frames. */
  @FunctionalInterface
  public interface FrameSink {
    void accept(ImageAsset frame, double seconds) throws IOException;
  }

  // ---------------------------------------------------------------- internals

  static FFmpegFrameGrabber openGrabber(
      Path file, DecodeLimits limits, Consumer<FFmpegFrameGrabber> configure) throws IOException {
    MediaFormat format = MediaFormat.detect(file, MediaFormat.Kind.VIDEO);
    Ffmpeg.ensureLoaded();
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
    if (configure != null) {
      configure.accept(g);
    }
    try {
      g.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      closeQuietly(g, e);
      throw Ffmpeg.openFailure(file, format + " video", e);
    }
    if (!g.hasVideo() || g.getImageWidth() <= 0) {
      closeQuietly(g, null);
      throw new MediaException(
          file,
          Reason.NO_STREAM,
          "it has no video stream" + (g.hasAudio() ? " (only audio; load it as audio)" : ""));
    }
    try {
      limits.checkImageSize(file, g.getImageWidth(), g.getImageHeight());
    } catch (MediaException e) {
      closeQuietly(g, e);
      throw e;
    }
    return g;
  }

  private static void closeQuietly(FFmpegFrameGrabber g, Exception primary) {
    try {
      g.close();
    } catch (FrameGrabber.Exception e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }

  static VideoInfo infoOf(FFmpegFrameGrabber g) {
    double fps = g.getVideoFrameRate() > 0 ? g.getVideoFrameRate() : g.getFrameRate();
    double duration = Math.max(0, g.getLengthInTime() / 1e6);
    long frames = g.getLengthInVideoFrames();
    if (frames <= 0) {
      frames = Math.round(duration * fps);
    }
    Map<String, String> meta = new HashMap<>(g.getMetadata());
    int rotation = rotationOf(g);
    boolean sideways = rotation == 90 || rotation == 270;
    return new VideoInfo(
        sideways ? g.getImageHeight() : g.getImageWidth(),
        sideways ? g.getImageWidth() : g.getImageHeight(),
        fps,
        duration,
        frames,
        String.valueOf(g.getVideoCodecName()),
        g.hasAudio() && g.getAudioChannels() > 0,
        g.hasAudio() ? g.getSampleRate() : 0,
        g.hasAudio() ? g.getAudioChannels() : 0,
        String.valueOf(g.getFormat()),
        meta,
        rotation);
  }

  /** The display rotation, counter-clockwise, rounded to a quarter turn. */
  static int rotationOf(FFmpegFrameGrabber g) {
    double r = g.getDisplayRotation();
    if (!Double.isFinite(r)) {
      return 0;
    }
    int quarter = (int) Math.round(r / 90.0);
    return Math.floorMod(quarter, 4) * 90;
  }

  // EXIF orientations that turn a picture counter-clockwise by 90, 180 and 270 degrees.
  private static int orientationFor(int rotation) {
    return switch (rotation) {
      case 90 -> 8;
      case 180 -> 3;
      case 270 -> 6;
      default -> 1;
    };
  }
}
