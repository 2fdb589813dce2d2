package dev.weft.assets.audio;

import java.io.IOException;

/** Streams decoded audio as interleaved float frames in [-1, 1], piece by piece. */
public interface AudioReader extends AutoCloseable {

  int sampleRate();

  int channels();

  /** Total frames when the container says so, else -1. */
  long frames();

  /**
   * Reads up to {@code maxFrames} frames into {@code into} (interleaved, from index 0); returns the
   * number read, or -1 at the end.
   */
  int read(float[] into, int maxFrames) throws IOException;

  @Override
  void close() throws IOException;
}
