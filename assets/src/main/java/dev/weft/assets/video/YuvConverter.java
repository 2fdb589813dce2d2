package dev.weft.assets.video;

import dev.weft.assets.ImageAsset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * ARGB images to planar YUV 4:2:0 (BT.601, limited range) with swscale's SIMD code, on the caller's
 * thread, so the encoder thread only encodes.
 */
final class YuvConverter implements AutoCloseable {
  private final int width;
  private final int height;
  private final SwsContext context;
  private final BytePointer bgra;
  private final IntBuffer bgraInts;
  private final PointerPointer<BytePointer> srcPlanes;
  private final IntPointer srcStrides;
  private final IntPointer dstStrides;
  private boolean closed;

  YuvConverter(int width, int height) {
    this.width = width;
    this.height = height;
    this.context =
        swscale.sws_getContext(
            width,
            height,
            avutil.AV_PIX_FMT_BGRA,
            width,
            height,
            avutil.AV_PIX_FMT_YUV420P,
            swscale.SWS_BILINEAR,
            null,
            null,
            (DoublePointer) null);
    if (context == null) {
      throw new IllegalStateException(
          "swscale cannot convert BGRA to YUV 4:2:0 at " + width + "x" + height);
    }
    long bytes = (long) width * height * 4;
    this.bgra = new BytePointer(avutil.av_malloc(bytes)).capacity(bytes);
    this.bgraInts = bgra.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    this.srcPlanes = new PointerPointer<>(bgra, null, null, null);
    this.srcStrides = new IntPointer(width * 4, 0, 0, 0);
    this.dstStrides = new IntPointer(width, width / 2, width / 2, 0);
  }

  /** Fills {@code yuv} (a direct buffer of width*height*3/2 bytes: Y, then U, then V). */
  void convert(ImageAsset image, ByteBuffer yuv) {
    bgraInts.clear();
    bgraInts.put(image.pixels()); // a little-endian int of ARGB is the bytes B, G, R, A
    long y = (long) width * height;
    long c = y / 4;
    try (BytePointer base = new BytePointer(yuv);
        PointerPointer<BytePointer> dst =
            new PointerPointer<>(
                new BytePointer(base).position(0),
                new BytePointer(base).position(y),
                new BytePointer(base).position(y + c),
                null)) {
      swscale.sws_scale(context, srcPlanes, srcStrides, 0, height, dst, dstStrides);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    swscale.sws_freeContext(context);
    avutil.av_free(bgra);
    srcPlanes.close();
    srcStrides.close();
    dstStrides.close();
  }
}
