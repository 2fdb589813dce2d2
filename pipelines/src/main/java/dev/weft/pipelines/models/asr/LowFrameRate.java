package dev.weft.pipelines.models.asr;

/**
 * Low frame rate stacking ("LFR", m frames every n): output frame i concatenates the input frames
 * {@code i*n - (m-1)/2 ... i*n - (m-1)/2 + m - 1}, with indexes before the start repeating the
 * first frame and past the end repeating the last, giving {@code ceil(T/n)} frames of {@code m*dim}
 * values.
 */
public record LowFrameRate(int window, int shift) {
  public LowFrameRate {
    if (window <= 0 || shift <= 0) {
      throw new IllegalArgumentException(
          "LFR window and shift must be positive, got m=" + window + ", n=" + shift);
    }
  }

  /** Output frames for {@code inputFrames} input frames. */
  public int outputFrames(int inputFrames) {
    return inputFrames == 0 ? 0 : 1 + (inputFrames - 1) / shift;
  }

  /** Stacks row-major {@code [frames][dim]} features into {@code [outputFrames][window*dim]}. */
  public float[] apply(float[] features, int dim) {
    if (features.length % dim != 0) {
      throw new IllegalArgumentException(
          features.length + " values do not split into frames of " + dim);
    }
    int frames = features.length / dim;
    int outFrames = outputFrames(frames);
    int outDim = window * dim;
    float[] out = new float[outFrames * outDim];
    int leftContext = (window - 1) / 2;
    for (int i = 0; i < outFrames; i++) {
      int first = i * shift - leftContext;
      for (int j = 0; j < window; j++) {
        int src = Math.clamp(first + j, 0, frames - 1);
        System.arraycopy(features, src * dim, out, i * outDim + j * dim, dim);
      }
    }
    return out;
  }
}
