package dev.weft.pipelines.models.asr;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
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
   * A model's scores held NaN or an infinity: a damaged weight file, or a precision the device
   * cannot run. Decoding them would quietly give an empty or wrong transcript, so it stops.
   */
  static final class NonFiniteScores extends RuntimeException {
    final int frame;

    NonFiniteScores(int frame) {
      super("the model's scores at output frame " + frame + " are NaN or infinite");
      this.frame = frame;
    }

    /** The error a person sees, naming the model file. */
    WeftException toError(String modelFile) {
      return new WeftException(
          getMessage() + ", so no transcript can be trusted",
          Location.file(modelFile),
          "check the file (weft models verify), or use the fp32 or int8 variant rather than fp16"
              + " on this device",
          this);
    }
  }

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
      if (best < 0) {
        throw new NonFiniteScores(t);
      }
      if (best != blank && best != previous) {
        tokens[n] = best;
        at[n] = t;
        n++;
      }
      previous = best;
    }
    return new Path(Arrays.copyOf(tokens, n), Arrays.copyOf(at, n));
  }

  /**
   * The index of the first maximum, as std::max_element and numpy's argmax pick it; -1 when the row
   * holds NaN or an infinity.
   */
  static int argmax(float[] row) {
    int best = 0;
    float max = row[0];
    float poison = row[0] * 0f; // stays 0 unless some score is NaN or infinite
    for (int k = 1; k < row.length; k++) {
      float v = row[k];
      poison += v * 0f;
      if (v > max) {
        max = v;
        best = k;
      }
    }
    return poison == 0f ? best : -1;
  }
}
