package dev.weft.pipelines.models.asr;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * CTC greedy search: the best token of every frame, repeats collapsed, blanks dropped, each kept
 * token with the frame it was emitted at.
 */
final class CtcGreedyDecoder {
  private CtcGreedyDecoder() {}

  /** Token ids and the output frame of each. */
  record Path(int[] tokens, int[] frames) {}

  /**
   * @param logits row-major {@code [frames][vocab]} scores, read from absolute positions
   */
  static Path decode(FloatBuffer logits, int frames, int vocab, int blank) {
    int[] tokens = new int[Math.max(frames, 1)];
    int[] at = new int[Math.max(frames, 1)];
    int n = 0;
    int previous = -1;
    float[] row = new float[vocab];
    for (int t = 0; t < frames; t++) {
      logits.get(t * vocab, row);
      int best = argmax(row);
      if (best != blank && best != previous) {
        tokens[n] = best;
        at[n] = t;
        n++;
      }
      previous = best;
    }
    return new Path(Arrays.copyOf(tokens, n), Arrays.copyOf(at, n));
  }

  /** The index of the first maximum, as std::max_element and numpy's argmax pick it. */
  static int argmax(float[] row) {
    int best = 0;
    float max = row[0];
    for (int k = 1; k < row.length; k++) {
      if (row[k] > max) {
        max = row[k];
        best = k;
      }
    }
    return best;
  }
}
