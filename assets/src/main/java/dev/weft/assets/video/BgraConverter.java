package dev.weft.assets.video;

import dev.weft.assets.ImageAsset;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded frames (in the codec's pixel format) to ARGB images of a chosen size with
 * swscale, only for the frames a caller keeps: skipped frames cost a decode, not a conversion.
 */
final class BgraConverter implements AutoCloseable {
  private final int outWidth;
  private final int outHeight;
  private final BytePointer buffer;
  private final PointerPointer<BytePointer> planes;
  private final IntPointer strides;
  private SwsContext context;

  BgraConverter(int outWidth, int outHeight) {
    this.outWidth = outWidth;
    this.outHeight = outHeight;
    this.buffer = new BytePointer(avutil.av_malloc((long) outWidth * outHeight * 4));
    this.planes = new PointerPointer<>(buffer, null, null, null);
    this.strides = new IntPointer(outWidth * 4, 0, 0, 0);
  }

  ImageAsset convert(AVFrame picture) {
    int flags =
        (outWidth < picture.width() || outHeight < picture.height())
            ? swscale.SWS_AREA // averages when shrinking, so fine detail does not alias
            : swscale.SWS_BICUBIC;
    context =
        swscale.sws_getCachedContext(
            context,
            picture.width(),
            picture.height(),
            picture.format(),
            outWidth,
            outHeight,
            avutil.AV_PIX_FMT_BGRA,
            flags | swscale.SWS_ACCURATE_RND | swscale.SWS_FULL_CHR_H_INT,
            null,
            null,
            (DoublePointer) null);
    if (context == null) {
      throw new IllegalStateException(
          "swscale cannot convert pixel format " + picture.format() + " to BGRA");
    }
    swscale.sws_scale(
        context, picture.data(), picture.linesize(), 0, picture.height(), planes, strides);
    int[] px = new int[outWidth * outHeight];
    buffer
        .capacity((long) outWidth * outHeight * 4)
        .asByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN)
        .asIntBuffer()
        .get(px);
    return ImageAsset.ofArgb(outWidth, outHeight, px);
  }

  @Override
  public void close() {
    if (context != null) {
      swscale.sws_freeContext(context);
      context = null;
    }
    avutil.av_free(buffer);
    planes.close();
    strides.close();
  }
}
