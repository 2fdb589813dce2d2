package dev.weft.assets.image;

import dev.weft.assets.ImageAsset;

/**
 * Geometric operations on images that keep their bit depth: EXIF orientation, crop, pad and a
 * Lanczos-3 resize with premultiplied alpha (so transparent edges do not bleed dark fringes).
 */
public final class ImageTransforms {
  private ImageTransforms() {}

  /** Applies an EXIF orientation (1 to 8) so the result displays upright. */
  public static ImageAsset orient(ImageAsset image, int orientation) {
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("EXIF orientation must be 1 to 8, got " + orientation);
    }
    if (orientation == 1) {
      return image;
    }
    int w = image.width();
    int h = image.height();
    boolean swap = orientation >= 5;
    int dw = swap ? h : w;
    int dh = swap ? w : h;
    int[] map = new int[dw * dh]; // destination index -> source index
    for (int y = 0, i = 0; y < dh; y++) {
      for (int x = 0; x < dw; x++, i++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          }
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          }
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          }
          case 5 -> {
            sx = y;
            sy = x;
          }
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          }
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          }
          default -> { // 8
            sx = w - 1 - y;
            sy = x;
          }
        }
        map[i] = sy * w + sx;
      }
    }
    return remap(image, dw, dh, map);
  }

  /** The rectangle at (x, y) of size width x height, which must lie inside the image. */
  public static ImageAsset crop(ImageAsset image, int x, int y, int width, int height) {
    if (width <= 0
        || height <= 0
        || x < 0
        || y < 0
        || (long) x + width > image.width()
        || (long) y + height > image.height()) {
      throw new IllegalArgumentException(
          "crop "
              + width
              + "x"
              + height
              + " at ("
              + x
              + ", "
              + y
              + ") does not fit in an image of "
              + image.width()
              + "x"
              + image.height());
    }
    int[] map = new int[width * height];
    for (int j = 0, i = 0; j < height; j++) {
      for (int k = 0; k < width; k++, i++) {
        map[i] = (y + j) * image.width() + x + k;
      }
    }
    return remap(image, width, height, map);
  }

  /** Adds borders of the given widths filled with an ARGB colour. */
  public static ImageAsset pad(
      ImageAsset image, int top, int right, int bottom, int left, int argbFill) {
    if (top < 0 || right < 0 || bottom < 0 || left < 0) {
      throw new IllegalArgumentException("padding must not be negative");
    }
    int w = image.width() + left + right;
    int h = image.height() + top + bottom;
    int[] map = new int[w * h];
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i++) {
        int sx = x - left;
        int sy = y - top;
        map[i] =
            sx >= 0 && sy >= 0 && sx < image.width() && sy < image.height()
                ? sy * image.width() + sx
                : -1;
      }
    }
    return remap(image, w, h, map, argbFill);
  }

  private static ImageAsset remap(ImageAsset image, int w, int h, int[] map) {
    return remap(image, w, h, map, 0);
  }

  private static ImageAsset remap(ImageAsset image, int w, int h, int[] map, int argbFill) {
    if (image.bitDepth() == 8) {
      var src = image.pixels();
      int[] out = new int[w * h];
      for (int i = 0; i < out.length; i++) {
        out[i] = map[i] < 0 ? argbFill : src.get(map[i]);
      }
      return ImageAsset.ofArgb(w, h, out);
    }
    var src = image.rgba16();
    short[] fill = {
      (short) (((argbFill >>> 16) & 0xFF) * 257),
      (short) (((argbFill >>> 8) & 0xFF) * 257),
      (short) ((argbFill & 0xFF) * 257),
      (short) ((argbFill >>> 24) * 257)
    };
    short[] out = new short[w * h * 4];
    for (int i = 0; i < map.length; i++) {
      for (int c = 0; c < 4; c++) {
        out[i * 4 + c] = map[i] < 0 ? fill[c] : src.get(map[i] * 4 + c);
      }
    }
    return ImageAsset.ofRgba16(w, h, out);
  }

  /**
   * Resizes to exactly width x height with a Lanczos-3 filter (widened when shrinking, so it
   * averages instead of skipping pixels).
   */
  public static ImageAsset resize(ImageAsset image, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "target size must be positive, got " + width + "x" + height);
    }
    if (width == image.width() && height == image.height()) {
      return image;
    }
    int sw = image.width();
    int sh = image.height();
    float[] planes = toPremultipliedPlanes(image); // 4 planes of sw*sh
    float[] horizontal = new float[4 * width * sh];
    Weights wx = Weights.of(sw, width);
    for (int c = 0; c < 4; c++) {
      int so = c * sw * sh;
      int d = c * width * sh;
      for (int y = 0; y < sh; y++) {
        int row = so + y * sw;
        for (int x = 0; x < width; x++) {
          float acc = 0;
          int start = wx.start[x];
          int base = x * wx.taps;
          for (int k = 0; k < wx.count[x]; k++) {
            acc += wx.weight[base + k] * planes[row + start + k];
          }
          horizontal[d + y * width + x] = acc;
        }
      }
    }
    Weights wy = Weights.of(sh, height);
    float[] out = new float[4 * width * height];
    for (int c = 0; c < 4; c++) {
      int so = c * width * sh;
      int d = c * width * height;
      for (int y = 0; y < height; y++) {
        int start = wy.start[y];
        int base = y * wy.taps;
        for (int x = 0; x < width; x++) {
          float acc = 0;
          for (int k = 0; k < wy.count[y]; k++) {
            acc += wy.weight[base + k] * horizontal[so + (start + k) * width + x];
          }
          out[d + y * width + x] = acc;
        }
      }
    }
    return fromPremultipliedPlanes(out, width, height, image.bitDepth());
  }

  private static float[] toPremultipliedPlanes(ImageAsset image) {
    int n = image.width() * image.height();
    float[] p = new float[4 * n];
    if (image.bitDepth() == 8) {
      var px = image.pixels();
      for (int i = 0; i < n; i++) {
        int v = px.get(i);
        float a = (v >>> 24) / 255f;
        p[i] = ((v >>> 16) & 0xFF) / 255f * a;
        p[n + i] = ((v >>> 8) & 0xFF) / 255f * a;
        p[2 * n + i] = (v & 0xFF) / 255f * a;
        p[3 * n + i] = a;
      }
    } else {
      var px = image.rgba16();
      for (int i = 0; i < n; i++) {
        float a = (px.get(i * 4 + 3) & 0xFFFF) / 65535f;
        p[i] = (px.get(i * 4) & 0xFFFF) / 65535f * a;
        p[n + i] = (px.get(i * 4 + 1) & 0xFFFF) / 65535f * a;
        p[2 * n + i] = (px.get(i * 4 + 2) & 0xFFFF) / 65535f * a;
        p[3 * n + i] = a;
      }
    }
    return p;
  }

  private static ImageAsset fromPremultipliedPlanes(float[] p, int w, int h, int bitDepth) {
    int n = w * h;
    if (bitDepth == 8) {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        float a = clamp01(p[3 * n + i]);
        float inv = a > 0 ? 1f / a : 0f;
        out[i] =
            Math.round(a * 255f) << 24
                | Math.round(clamp01(p[i] * inv) * 255f) << 16
                | Math.round(clamp01(p[n + i] * inv) * 255f) << 8
                | Math.round(clamp01(p[2 * n + i] * inv) * 255f);
      }
      return ImageAsset.ofArgb(w, h, out);
    }
    short[] out = new short[4 * n];
    for (int i = 0; i < n; i++) {
      float a = clamp01(p[3 * n + i]);
      float inv = a > 0 ? 1f / a : 0f;
      out[i * 4] = (short) Math.round(clamp01(p[i] * inv) * 65535f);
      out[i * 4 + 1] = (short) Math.round(clamp01(p[n + i] * inv) * 65535f);
      out[i * 4 + 2] = (short) Math.round(clamp01(p[2 * n + i] * inv) * 65535f);
      out[i * 4 + 3] = (short) Math.round(a * 65535f);
    }
    return ImageAsset.ofRgba16(w, h, out);
  }

  private static float clamp01(float v) {
    return v < 0f ? 0f : (v > 1f ? 1f : v);
  }

  /** Normalised Lanczos-3 weights for each output position along one axis. */
  private record Weights(int taps, int[] start, int[] count, float[] weight) {
    static Weights of(int in, int out) {
      double scale = (double) out / in;
      double support = 3.0 * Math.max(1.0, 1.0 / scale);
      double stretch = Math.max(1.0, 1.0 / scale);
      int taps = (int) Math.ceil(2 * support) + 1;
      int[] start = new int[out];
      int[] count = new int[out];
      float[] weight = new float[out * taps];
      for (int o = 0; o < out; o++) {
        double centre = (o + 0.5) / scale - 0.5;
        int first = Math.max(0, (int) Math.floor(centre - support) + 1);
        int last = Math.min(in - 1, (int) Math.floor(centre + support));
        double sum = 0;
        int n = 0;
        for (int i = first; i <= last && n < taps; i++, n++) {
          double wgt = lanczos3((i - centre) / stretch);
          weight[o * taps + n] = (float) wgt;
          sum += wgt;
        }
        if (n == 0) { // a target far larger than the source: nearest pixel
          first = Math.clamp(Math.round(centre), 0, in - 1);
          weight[o * taps] = 1f;
          n = 1;
          sum = 1;
        }
        for (int k = 0; k < n; k++) {
          weight[o * taps + k] /= (float) sum;
        }
        start[o] = first;
        count[o] = n;
      }
      return new Weights(taps, start, count, weight);
    }

    private static double lanczos3(double x) {
      double ax = Math.abs(x);
      if (ax < 1e-9) {
        return 1;
      }
      if (ax >= 3) {
        return 0;
      }
      double px = Math.PI * x;
      return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
    }
  }
}
