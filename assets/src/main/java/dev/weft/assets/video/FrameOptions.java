package dev.weft.assets.video;

/**
 * Which frames to take from a video and at what size.
 *
 * @param fps frames per second to sample (0 takes every decoded frame)
 * @param width output width (0: from height and the aspect ratio, or the video's own)
 * @param height output height (0: from width and the aspect ratio, or the video's own)
 * @param maxFrames stop after this many frames (0: no limit)
 * @param startSeconds skip frames before this time
 * @param endSeconds stop at this time (0: the end of the video)
 */
public record FrameOptions(
    double fps, int width, int height, int maxFrames, double startSeconds, double endSeconds) {
  /** Every frame, at the video's own size. */
  public static final FrameOptions ALL = new FrameOptions(0, 0, 0, 0, 0, 0);

  public FrameOptions {
    if (!(fps >= 0) || fps > 1000) {
      throw new IllegalArgumentException("fps must be 0 (every frame) to 1000, got " + fps);
    }
    if (width < 0 || height < 0 || width > 16384 || height > 16384) {
      throw new IllegalArgumentException(
          "frame size must be 0 (keep) to 16384, got " + width + "x" + height);
    }
    if (maxFrames < 0) {
      throw new IllegalArgumentException("max frames must not be negative, got " + maxFrames);
    }
    if (!(startSeconds >= 0)
        || !(endSeconds >= 0)
        || (endSeconds > 0 && endSeconds <= startSeconds)) {
      throw new IllegalArgumentException(
          "need 0 <= start < end (end 0 = to the end), got " + startSeconds + " to " + endSeconds);
    }
  }

  /** Frames sampled at {@code fps}, at the video's own size. */
  public static FrameOptions atFps(double fps) {
    return new FrameOptions(fps, 0, 0, 0, 0, 0);
  }

  public FrameOptions withSize(int newWidth, int newHeight) {
    return new FrameOptions(fps, newWidth, newHeight, maxFrames, startSeconds, endSeconds);
  }

  public FrameOptions withMaxFrames(int max) {
    return new FrameOptions(fps, width, height, max, startSeconds, endSeconds);
  }

  public FrameOptions withRange(double start, double end) {
    return new FrameOptions(fps, width, height, maxFrames, start, end);
  }
}
