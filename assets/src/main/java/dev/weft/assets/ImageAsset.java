package dev.weft.assets;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * An image: sRGB pixels with straight (not premultiplied) alpha in row-major order, either 8 bits
 * per channel packed as ARGB ints, or 16 bits per channel as interleaved RGBA shorts (unsigned).
 */
public final class ImageAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "image/png";
  private final int width;
  private final int height;
  private final int[] argb; // 8-bit images; for 16-bit ones, made on first use
  private final short[] rgba16; // null for 8-bit images
  private volatile int[] argbFrom16;

  private ImageAsset(int width, int height, int[] argb, short[] rgba16) {
    this.width = width;
    this.height = height;
    this.argb = argb;
    this.rgba16 = rgba16;
  }

  /** Wraps a copy of {@code argb} (length must be width*height). */
  public static ImageAsset ofArgb(int width, int height, int[] argb) {
    Objects.requireNonNull(argb, "argb");
    checkSize(width, height, argb.length, 1);
    return new ImageAsset(width, height, argb.clone(), null);
  }

  /**
   * A 16-bit image from a copy of {@code rgba}: four unsigned 16-bit values per pixel (red, green,
   * blue, alpha), row-major; length must be width*height*4.
   */
  public static ImageAsset ofRgba16(int width, int height, short[] rgba) {
    Objects.requireNonNull(rgba, "rgba");
    checkSize(width, height, rgba.length, 4);
    return new ImageAsset(width, height, null, rgba.clone());
  }

  private static void checkSize(int width, int height, long length, int perPixel) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + "x" + height);
    }
    long needed = (long) width * height * perPixel;
    if (needed != length) {
      throw new IllegalArgumentException(
          "image " + width + "x" + height + " needs " + needed + " values, got " + length);
    }
  }

  @Override
  String computeHash() {
    return argb != null ? hashOf(width, height, argb) : hashOf16(width, height, rgba16);
  }

  private static String hashOf(int width, int height, int[] argb) {
    ContentHash h = ContentHash.of("image-argb8").update(width).update(height);
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
    IntBuffer ints = buf.asIntBuffer();
    for (int off = 0; off < argb.length; ) {
      int n = Math.min(ints.capacity(), argb.length - off);
      ints.clear();
      ints.put(argb, off, n);
      buf.clear().limit(n * 4);
      h.update(buf);
      off += n;
    }
    return h.hex();
  }

  private static String hashOf16(int width, int height, short[] rgba) {
    ContentHash h = ContentHash.of("image-rgba16").update(width).update(height);
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
    ShortBuffer shorts = buf.asShortBuffer();
    for (int off = 0; off < rgba.length; ) {
      int n = Math.min(shorts.capacity(), rgba.length - off);
      shorts.clear();
      shorts.put(rgba, off, n);
      buf.clear().limit(n * 2);
      h.update(buf);
      off += n;
    }
    return h.hex();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Bits per channel: 8 or 16. */
  public int bitDepth() {
    return rgba16 == null ? 8 : 16;
  }

  /** The pixel at (x, y) as 8-bit ARGB (rounded from 16 bits where the image has them). */
  public int argb(int x, int y) {
    Objects.checkIndex(x, width);
    Objects.checkIndex(y, height);
    return argb8()[y * width + x];
  }

  /**
   * A read-only view of all pixels as 8-bit ARGB, row-major, without copying (16-bit images are
   * converted once and the result kept).
   */
  public IntBuffer pixels() {
    return IntBuffer.wrap(argb8()).asReadOnlyBuffer();
  }

  /** A fresh copy of all pixels as 8-bit ARGB, row-major. */
  public int[] copyPixels() {
    return argb8().clone();
  }

  /**
   * A read-only view of the pixels as interleaved RGBA with 16 bits per channel (unsigned, read
   * with {@code & 0xFFFF}); 8-bit images are widened (v * 257) on each call.
   */
  public ShortBuffer rgba16() {
    if (rgba16 != null) {
      return ShortBuffer.wrap(rgba16).asReadOnlyBuffer();
    }
    short[] wide = new short[argb.length * 4];
    for (int i = 0, j = 0; i < argb.length; i++, j += 4) {
      int p = argb[i];
      wide[j] = (short) (((p >>> 16) & 0xFF) * 257);
      wide[j + 1] = (short) (((p >>> 8) & 0xFF) * 257);
      wide[j + 2] = (short) ((p & 0xFF) * 257);
      wide[j + 3] = (short) ((p >>> 24) * 257);
    }
    return ShortBuffer.wrap(wide).asReadOnlyBuffer();
  }

  /** This image with 8 bits per channel (itself when it already has them). */
  public ImageAsset to8Bit() {
    return rgba16 == null ? this : new ImageAsset(width, height, argb8(), null);
  }

  /** True when every pixel is fully opaque. */
  public boolean isOpaque() {
    if (rgba16 != null) {
      for (int i = 3; i < rgba16.length; i += 4) {
        if (rgba16[i] != (short) 0xFFFF) {
          return false;
        }
      }
      return true;
    }
    for (int p : argb) {
      if ((p >>> 24) != 0xFF) {
        return false;
      }
    }
    return true;
  }

  private int[] argb8() {
    if (argb != null) {
      return argb;
    }
    int[] out = argbFrom16;
    if (out == null) {
      out = new int[width * height];
      for (int i = 0, j = 0; i < out.length; i++, j += 4) {
        out[i] =
            narrow(rgba16[j + 3]) << 24
                | narrow(rgba16[j]) << 16
                | narrow(rgba16[j + 1]) << 8
                | narrow(rgba16[j + 2]);
      }
      argbFrom16 = out;
    }
    return out;
  }

  // Rounds a 16-bit channel to the nearest 8-bit value (v / 257, rounded).
  private static int narrow(short v) {
    return ((v & 0xFFFF) * 255 + 32895) >>> 16;
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public String describe() {
    return "image " + width + "x" + height + (rgba16 == null ? "" : ", 16-bit");
  }
}
