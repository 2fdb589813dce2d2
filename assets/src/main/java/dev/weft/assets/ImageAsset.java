package dev.weft.assets;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Objects;

/**
 * An image: sRGB pixels with alpha, 8 bits per channel, not premultiplied, packed as ARGB ints in
 * row-major order.
 */
public final class ImageAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "image/png";
  private final int width;
  private final int height;
  private final int[] argb;

  private ImageAsset(int width, int height, int[] argb) {
    super(hashOf(width, height, argb));
    this.width = width;
    this.height = height;
    this.argb = argb;
  }

  /** Wraps a copy of {@code argb} (length must be width*height). */
  public static ImageAsset ofArgb(int width, int height, int[] argb) {
    Objects.requireNonNull(argb, "argb");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + "x" + height);
    }
    if ((long) width * height != argb.length) {
      throw new IllegalArgumentException(
          "image "
              + width
              + "x"
              + height
              + " needs "
              + (long) width * height
              + " pixels, got "
              + argb.length);
    }
    return new ImageAsset(width, height, argb.clone());
  }

  private static String hashOf(int width, int height, int[] argb) {
    ContentHash h = ContentHash.of("image-argb8").update(width).update(height);
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
    for (int px : argb) {
      if (buf.remaining() < 4) {
        buf.flip();
        h.update(buf);
        buf.clear();
      }
      buf.putInt(px);
    }
    buf.flip();
    h.update(buf);
    return h.hex();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixel at (x, y) as ARGB. */
  public int argb(int x, int y) {
    return argb[y * width + x];
  }

  /** A read-only view of all pixels, row-major ARGB. */
  public IntBuffer pixels() {
    return IntBuffer.wrap(argb).asReadOnlyBuffer();
  }

  /** A fresh copy of all pixels, row-major ARGB. */
  public int[] copyPixels() {
    return argb.clone();
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public String describe() {
    return "image " + width + "x" + height;
  }
}
