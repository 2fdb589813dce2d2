package dev.weft.pipelines.models.asr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A direct float buffer handed out again for every model run, grown when a run needs more: a long
 * recording then costs the memory of its largest batch once, instead of one buffer per batch that
 * only the garbage collector gives back. What one run was given is valid until the next.
 */
final class ReusableBuffer {
  private ByteBuffer bytes;

  /** A buffer of exactly {@code floats} floats (its old contents undefined). */
  FloatBuffer take(long floats) {
    long needed = floats * Float.BYTES;
    if (needed > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a batch of " + floats + " floats is beyond the 2 GiB a direct buffer can hold");
    }
    if (bytes == null || bytes.capacity() < needed) {
      long grown = bytes == null ? needed : Math.max(needed, 2L * bytes.capacity());
      bytes =
          ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE, grown))
              .order(ByteOrder.nativeOrder());
    }
    return bytes.asFloatBuffer().slice(0, (int) floats);
  }
}
