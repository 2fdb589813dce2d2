package dev.weft.pipelines.models.asr;

import java.util.Objects;

/**
 * Turns 16 kHz mono samples in [-1, 1] into the features SenseVoice and Paraformer take: fbank (on
 * samples scaled to the int16 range unless the model says its input is normalised), then LFR
 * stacking, then CMVN.
 */
public final class AsrFrontEnd {
  /** Stacked, normalised features, row-major {@code [frames][dim]}. */
  public record Features(float[] data, int frames, int dim) {
    public Features {
      Objects.requireNonNull(data, "data");
      if (data.length != (long) frames * dim) {
        throw new IllegalArgumentException(
            data.length + " values for " + frames + " frames of " + dim);
      }
    }
  }

  private final KaldiFbank fbank;
  private final LowFrameRate lfr;
  private final Cmvn cmvn;
  private final boolean normalizedSamples;

  /**
   * @param normalizedSamples true when the model takes samples in [-1, 1] (sherpa-onnx metadata
   *     {@code normalize_samples=1}); false (the usual case) scales them by 32768 first
   */
  public AsrFrontEnd(int melBins, LowFrameRate lfr, Cmvn cmvn, boolean normalizedSamples) {
    this.fbank = new KaldiFbank(melBins);
    this.lfr = Objects.requireNonNull(lfr, "lfr");
    this.cmvn = Objects.requireNonNull(cmvn, "cmvn");
    this.normalizedSamples = normalizedSamples;
    if (cmvn.dim() != melBins * lfr.window()) {
      throw new IllegalArgumentException(
          "CMVN has "
              + cmvn.dim()
              + " dimensions but "
              + melBins
              + " mel bins stacked "
              + lfr.window()
              + " times make "
              + melBins * lfr.window());
    }
  }

  public LowFrameRate lfr() {
    return lfr;
  }

  public int dim() {
    return cmvn.dim();
  }

  /** The number of feature frames {@code samples} samples give. */
  public int frames(long samples) {
    return lfr.outputFrames(fbank.frameCount(samples));
  }

  public Features compute(float[] samples16kMono) {
    float[] scaled = samples16kMono;
    if (!normalizedSamples) {
      scaled = new float[samples16kMono.length];
      for (int i = 0; i < scaled.length; i++) {
        scaled[i] = samples16kMono[i] * 32768;
      }
    }
    float[] mel = fbank.compute(scaled);
    float[] stacked = lfr.apply(mel, fbank.melBins());
    cmvn.applyInPlace(stacked);
    return new Features(stacked, stacked.length / dim(), dim());
  }
}
