package dev.weft.pipelines.models.asr;

import java.util.Arrays;

/**
 * Global cepstral mean and variance normalisation, stored as the negated means and the inverse
 * standard deviations of each feature dimension: {@code x' = (x + negMean) * invStddev}.
 */
public record Cmvn(float[] negMean, float[] invStddev) {
  public Cmvn {
    if (negMean.length != invStddev.length) {
      throw new IllegalArgumentException(
          "CMVN has " + negMean.length + " means but " + invStddev.length + " scales");
    }
    negMean = negMean.clone();
    invStddev = invStddev.clone();
  }

  @Override
  public float[] negMean() {
    return negMean.clone();
  }

  @Override
  public float[] invStddev() {
    return invStddev.clone();
  }

  public int dim() {
    return negMean.length;
  }

  /** Normalises row-major {@code [frames][dim]} features in place. */
  public void applyInPlace(float[] features) {
    int dim = negMean.length;
    if (features.length % dim != 0) {
      throw new IllegalArgumentException(
          features.length + " values do not split into frames of " + dim);
    }
    for (int i = 0; i < features.length; i += dim) {
      for (int k = 0; k < dim; k++) {
        features[i + k] = (features[i + k] + negMean[k]) * invStddev[k];
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cmvn c
        && Arrays.equals(negMean, c.negMean)
        && Arrays.equals(invStddev, c.invStddev);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(negMean) + Arrays.hashCode(invStddev);
  }

  @Override
  public String toString() {
    return "Cmvn[dim=" + negMean.length + "]";
  }
}
