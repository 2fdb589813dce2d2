package dev.weft.pipelines.models.asr;

import java.util.Arrays;

/**
 * The recent stretch of a long signal, addressed by absolute sample index: samples are appended at
 * the end and dropped from the front once nothing needs them, so memory follows what is held, not
 * how long the signal has run.
 */
final class SampleWindow {
  private float[] data = new float[1 << 16];
  private long first; // absolute index of data[0]
  private int size;

  /** The absolute index one past the last sample. */
  long end() {
    return first + size;
  }

  long first() {
    return first;
  }

  int size() {
    return size;
  }

  void append(float[] samples, int length) {
    if (size + length > data.length) {
      data = Arrays.copyOf(data, Math.max(size + length, data.length * 2));
    }
    System.arraycopy(samples, 0, data, size, length);
    size += length;
  }

  /** A copy of {@code [from, to)}; the range must be held. */
  float[] copy(long from, long to) {
    if (from < first || to > end() || from > to) {
      throw new IllegalArgumentException(
          "samples " + from + ".." + to + " are not held (holding " + first + ".." + end() + ")");
    }
    return Arrays.copyOfRange(data, (int) (from - first), (int) (to - first));
  }

  /** The sample at absolute index {@code at}. */
  float get(long at) {
    return data[(int) (at - first)];
  }

  /** Forgets everything before {@code from}. */
  void dropBefore(long from) {
    int drop = (int) Math.min(size, Math.max(0, from - first));
    if (drop == 0) {
      return;
    }
    System.arraycopy(data, drop, data, 0, size - drop);
    size -= drop;
    first += drop;
    if (data.length > (1 << 16) && size < data.length / 4) {
      data = Arrays.copyOf(data, Math.max(1 << 16, data.length / 2));
    }
  }
}
