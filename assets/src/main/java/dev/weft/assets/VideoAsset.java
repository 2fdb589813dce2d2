package dev.weft.assets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A video kept in a file (usually an MP4 in the asset store), with the facts about it that nodes
 * and previews need; frames are decoded on demand by the video codecs.
 */
public final class VideoAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "video/mp4";
  private final Path file;
  private final String mediaType;
  private final int width;
  private final int height;
  private final double fps;
  private final double durationSeconds;
  private final boolean hasAudio;

  private VideoAsset(
      String hash,
      Path file,
      String mediaType,
      int width,
      int height,
      double fps,
      double durationSeconds,
      boolean hasAudio) {
    super(hash);
    this.file = file;
    this.mediaType = mediaType;
    this.width = width;
    this.height = height;
    this.fps = fps;
    this.durationSeconds = durationSeconds;
    this.hasAudio = hasAudio;
  }

  /** Describes a video file; the hash is over the file's bytes. */
  public static VideoAsset ofFile(
      Path file,
      String mediaType,
      int width,
      int height,
      double fps,
      double durationSeconds,
      boolean hasAudio)
      throws IOException {
    Objects.requireNonNull(file, "file");
    String hash = ContentHash.of("video-file").update(ContentHash.ofFile(file)).hex();
    return new VideoAsset(hash, file, mediaType, width, height, fps, durationSeconds, hasAudio);
  }

  /**
   * A video whose content hash is already known, such as one in the asset store, whose file name is
   * its hash: reading it back then does not read the whole file again.
   */
  public static VideoAsset ofKnownHash(
      String hash,
      Path file,
      String mediaType,
      int width,
      int height,
      double fps,
      double durationSeconds,
      boolean hasAudio) {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(file, "file");
    return new VideoAsset(hash, file, mediaType, width, height, fps, durationSeconds, hasAudio);
  }

  /** The same video at another path with the same bytes (used when the store takes a copy). */
  public VideoAsset movedTo(Path newFile) {
    return new VideoAsset(
        hash(), newFile, mediaType, width, height, fps, durationSeconds, hasAudio);
  }

  public Path file() {
    return file;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public double fps() {
    return fps;
  }

  public double durationSeconds() {
    return durationSeconds;
  }

  public boolean hasAudio() {
    return hasAudio;
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "video %dx%d, %.2f s at %.3g fps%s",
        width,
        height,
        durationSeconds,
        fps,
        hasAudio ? ", with audio" : "");
  }
}
