package dev.weft.assets.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Bounds a decoder checks before it allocates or while it runs: image dimensions, audio length and
 * wall-clock time. They guard against decompression bombs and hostile or broken files.
 *
 * @param maxDimension the largest width or height accepted, in pixels
 * @param maxPixels the largest width * height accepted
 * @param maxAudioSeconds the longest audio decoded into memory
 * @param timeout how long one decode may take before it is abandoned
 */
public record DecodeLimits(
    int maxDimension, long maxPixels, double maxAudioSeconds, Duration timeout) {

  /** Generous limits for desktop use: 32768 px sides, 100 megapixels, 6 h of audio, 10 min. */
  public static final DecodeLimits DEFAULT =
      new DecodeLimits(32_768, 100_000_000L, 6 * 3600.0, Duration.ofMinutes(10));

  public DecodeLimits {
    if (maxDimension <= 0 || maxPixels <= 0 || !(maxAudioSeconds > 0)) {
      throw new IllegalArgumentException("decode limits must be positive");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a decode timeout must be positive, got " + timeout);
    }
  }

  public DecodeLimits withTimeout(Duration newTimeout) {
    return new DecodeLimits(maxDimension, maxPixels, maxAudioSeconds, newTimeout);
  }

  public DecodeLimits withMaxPixels(long newMaxPixels) {
    return new DecodeLimits(maxDimension, newMaxPixels, maxAudioSeconds, timeout);
  }

  /** Refuses an image of this size before a single pixel is allocated. */
  public void checkImageSize(Path file, long width, long height) throws MediaException {
    if (width <= 0 || height <= 0) {
      throw new MediaException(
          file,
          MediaException.Reason.CORRUPT,
          "the image claims a size of " + width + "x" + height + " pixels");
    }
    if (width > maxDimension || height > maxDimension || width * height > maxPixels) {
      throw new MediaException(
          file,
          MediaException.Reason.TOO_LARGE,
          "the image is "
              + width
              + "x"
              + height
              + " pixels, beyond the limit of "
              + maxDimension
              + " px a side and "
              + maxPixels
              + " pixels in all; refused before decoding");
    }
  }

  /** A deadline that starts now. */
  public Deadline startDeadline(Path file) {
    return new Deadline(file, timeout);
  }

  /** A wall-clock deadline a decoding loop checks between steps. */
  public static final class Deadline {
    private final Path file;
    private final Duration timeout;
    private final long endNanos;

    Deadline(Path file, Duration timeout) {
      this.file = file;
      this.timeout = timeout;
      this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    public boolean expired() {
      return System.nanoTime() - endNanos > 0;
    }

    /** Throws when the time is up. */
    public void check() throws MediaException {
      if (expired()) {
        throw new MediaException(
            file,
            MediaException.Reason.TIMED_OUT,
            "decoding took longer than the limit of "
                + timeout.toSeconds()
                + " s and was stopped; the file may be broken, or raise the decode timeout");
      }
    }
  }
}
