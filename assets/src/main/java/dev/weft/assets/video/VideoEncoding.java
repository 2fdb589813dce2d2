package dev.weft.assets.video;

import dev.weft.assets.media.EmbeddedProvenance;
import java.util.Optional;

/**
 * How frames are encoded to an MP4: H.264 (the LGPL build's OpenH264 encoder) in yuv420p, with AAC
 * audio when audio is given.
 *
 * @param width frame width (even)
 * @param height frame height (even)
 * @param fps frames per second
 * @param quality picks the bitrate from the frame size and rate when {@code videoBitrate} is 0
 * @param videoBitrate bits per second, or 0 to derive it from {@code quality}
 * @param keyframeSeconds seconds between keyframes
 * @param audioBitrate AAC bits per second
 * @param embedded the pipeline and provenance written into the MP4's metadata, if any
 */
public record VideoEncoding(
    int width,
    int height,
    double fps,
    Quality quality,
    int videoBitrate,
    double keyframeSeconds,
    int audioBitrate,
    Optional<EmbeddedProvenance> embedded) {

  /** Bits per pixel per frame; H.264 looks good around 0.1 for natural footage. */
  public enum Quality {
    DRAFT(0.04),
    STANDARD(0.10),
    HIGH(0.20),
    MASTER(0.40);

    private final double bitsPerPixel;

    Quality(double bitsPerPixel) {
      this.bitsPerPixel = bitsPerPixel;
    }

    public double bitsPerPixel() {
      return bitsPerPixel;
    }
  }

  public VideoEncoding {
    if (width <= 0
        || height <= 0
        || width % 2 != 0
        || height % 2 != 0
        || width > 8192
        || height > 8192) {
      throw new IllegalArgumentException(
          "H.264 in yuv420p needs an even size up to 8192, got " + width + "x" + height);
    }
    if (!(fps > 0 && fps <= 240)) {
      throw new IllegalArgumentException("fps must be in (0, 240], got " + fps);
    }
    if (quality == null) {
      quality = Quality.STANDARD;
    }
    if (videoBitrate < 0 || audioBitrate < 0) {
      throw new IllegalArgumentException("bitrates must not be negative");
    }
    if (!(keyframeSeconds > 0)) {
      throw new IllegalArgumentException("keyframe interval must be positive");
    }
    embedded = embedded == null ? Optional.empty() : embedded;
  }

  /** Standard quality, a keyframe every 2 s, 160 kbit/s AAC. */
  public static VideoEncoding of(int width, int height, double fps) {
    return new VideoEncoding(
        width, height, fps, Quality.STANDARD, 0, 2.0, 160_000, Optional.empty());
  }

  public VideoEncoding withQuality(Quality q) {
    return new VideoEncoding(width, height, fps, q, 0, keyframeSeconds, audioBitrate, embedded);
  }

  public VideoEncoding withVideoBitrate(int bitrate) {
    return new VideoEncoding(
        width, height, fps, quality, bitrate, keyframeSeconds, audioBitrate, embedded);
  }

  public VideoEncoding withEmbedded(EmbeddedProvenance e) {
    return new VideoEncoding(
        width, height, fps, quality, videoBitrate, keyframeSeconds, audioBitrate, Optional.of(e));
  }

  /** The bitrate the encoder is asked for. */
  public int effectiveVideoBitrate() {
    return videoBitrate > 0
        ? videoBitrate
        : (int) Math.min(100_000_000, Math.round(width * height * fps * quality.bitsPerPixel()));
  }

  public int gopFrames() {
    return Math.max(1, (int) Math.round(fps * keyframeSeconds));
  }
}
