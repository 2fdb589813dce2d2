package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrontEndTest {
  @Test
  void snipEdgesCountsOnlyFramesThatFitInsideTheSignal() {
    KaldiFbank fbank = new KaldiFbank(80);
    assertThat(fbank.frameCount(399)).isZero();
    assertThat(fbank.frameCount(400)).isEqualTo(1);
    assertThat(fbank.frameCount(559)).isEqualTo(1);
    assertThat(fbank.frameCount(560)).isEqualTo(2);
    assertThat(fbank.frameCount(16000)).isEqualTo(98);
  }

  @Test
  void digitalSilenceGivesTheLogOfTheFloatEpsilonInEveryBin() {
    float[] mel = new KaldiFbank(80).compute(new float[800]);
    for (float v : mel) {
      assertThat(v).isCloseTo((float) Math.log(Math.ulp(1f)), within(1e-6f));
    }
  }

  @Test
  void aPureToneLightsTheMelBinAroundItsFrequency() {
    float[] tone = new float[4000];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (8000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
    }
    float[] mel = new KaldiFbank(80).compute(tone);
    int best = 0;
    for (int b = 1; b < 80; b++) {
      if (mel[80 * 5 + b] > mel[80 * 5 + best]) {
        best = b;
      }
    }
    double mel1k = 1127 * Math.log(1 + 1000 / 700.0);
    double melLow = 1127 * Math.log(1 + 20 / 700.0);
    double delta = (1127 * Math.log(1 + 8000 / 700.0) - melLow) / 81;
    long centreBin = Math.round((mel1k - melLow) / delta - 1);
    assertThat(best).isBetween((int) centreBin - 1, (int) centreBin + 1);
  }

  @Test
  void lfrRepeatsTheFirstFrameThreeTimesOnTheLeftAndTheLastOnTheRight() {
    int frames = 8;
    float[] in = new float[frames];
    for (int i = 0; i < frames; i++) {
      in[i] = i;
    }
    float[] out = new LowFrameRate(7, 6).apply(in, 1);
    assertThat(out).containsExactly(0, 0, 0, 0, 1, 2, 3, 3, 4, 5, 6, 7, 7, 7);
  }

  @Test
  void lfrGivesCeilOfFramesOverShift() {
    LowFrameRate lfr = new LowFrameRate(7, 6);
    assertThat(lfr.outputFrames(0)).isZero();
    assertThat(lfr.outputFrames(1)).isEqualTo(1);
    assertThat(lfr.outputFrames(6)).isEqualTo(1);
    assertThat(lfr.outputFrames(7)).isEqualTo(2);
  }

  @Test
  void cmvnAddsTheNegatedMeanThenScales() {
    float[] x = {1, 2, 3, 4};
    new Cmvn(new float[] {-1, -2}, new float[] {2, 0.5f}).applyInPlace(x);
    assertThat(x).containsExactly(0, 0, 4, 1);
  }

  @Test
  void frontEndScalesSamplesToTheInt16RangeUnlessTheModelSaysNormalised() {
    float[] negMean = new float[560];
    float[] ones = new float[560];
    java.util.Arrays.fill(ones, 1);
    Cmvn identity = new Cmvn(negMean, ones);
    float[] tone = new float[1600];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.25 * Math.sin(i * 0.3));
    }
    float[] scaled =
        new AsrFrontEnd(80, new LowFrameRate(7, 6), identity, false).compute(tone).data();
    float[] raw = new AsrFrontEnd(80, new LowFrameRate(7, 6), identity, true).compute(tone).data();
    // Power scales with the square of the amplitude: log(32768^2) apart.
    assertThat(scaled[100] - raw[100]).isCloseTo((float) (2 * Math.log(32768)), within(1e-3f));
  }
}
