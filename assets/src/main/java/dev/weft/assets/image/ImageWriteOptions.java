package dev.weft.assets.image;

/**
 * Format options for saving an image; the target's extension picks the format.
 *
 * @param png options used when the target is a PNG
 * @param jpegQuality JPEG quality from 0 to 1, used when the target is a JPEG
 */
public record ImageWriteOptions(PngOptions png, float jpegQuality) {
  public static final ImageWriteOptions DEFAULT = new ImageWriteOptions(PngOptions.DEFAULT, 0.92f);

  public ImageWriteOptions {
    if (png == null) {
      png = PngOptions.DEFAULT;
    }
    if (!(jpegQuality >= 0f && jpegQuality <= 1f)) {
      throw new IllegalArgumentException("JPEG quality must be in [0, 1], got " + jpegQuality);
    }
  }
}
