package dev.weft.assets.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
  /** The stated bound: aliases of anything at or above the lower Nyquist frequency. */
  static final double ALIAS_BOUND_DB = -100;

  @ParameterizedTest(name = "{0} Hz -> {1} Hz keeps a {2} Hz sine")
  @CsvSource({
    "44100, 16000, 1000",
    "44100, 16000, 7000",
    "48000, 16000, 440",
    "16000, 44100, 3000",
    "22050, 48000, 5000",
    "44100, 16001, 2500",
    "8000, 8001, 1234"
  })
  void aSineKeepsItsFrequencyAndAmplitude(int in, int out, double freq) {
    float[] x = Signals.sine(in, freq, 0.5, 2.0);
    float[] y = Resampler.resample(x, 1, in, out, Resampler.Quality.HIGH);
    int margin = out / 10;
    assertThat(Signals.frequency(y, out, margin)).isCloseTo(freq, within(freq * 1e-4));
    double amplitude = Signals.rms(y, margin) * Math.sqrt(2);
    assertThat(Signals.db(amplitude / 0.5)).isCloseTo(0.0, within(0.01));
    // Zero delay: the output matches the ideal sine sampled at the new rate, phase and all.
    float[] ideal = Signals.sine(out, freq, 0.5, 2.0);
    float[] diff = new float[Math.min(ideal.length, y.length)];
    for (int i = 0; i < diff.length; i++) {
      diff[i] = y[i] - ideal[i];
    }
    assertThat(Signals.db(Signals.rms(diff, margin) / 0.5)).isLessThan(-90);
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz attenuates {2} Hz below the bound")
  @CsvSource({
    "44100, 16000, 8000",
    "44100, 16000, 9000",
    "44100, 16000, 12000",
    "44100, 16000, 15000",
    "44100, 16000, 21000",
    "48000, 16000, 10000",
    "48000, 22050, 11100",
    "44100, 16001, 10000"
  })
  void contentAboveTheOutputNyquistAliasesBelowTheStatedBound(int in, int out, double freq) {
    float[] x = Signals.sine(in, freq, 1.0, 2.0);
    float[] y = Resampler.resample(x, 1, in, out, Resampler.Quality.HIGH);
    double level = Signals.rms(y, out / 10) / Signals.rms(x, in / 10);
    assertThat(Signals.db(level)).isLessThan(ALIAS_BOUND_DB);
  }

  @Test
  void upsamplingLeavesNoImagesAboveTheInputNyquist() {
    // 3 kHz at 8 kHz up to 48 kHz: the images at 5, 11, 13 kHz must be gone.
    float[] x = Signals.sine(8000, 3000, 1.0, 2.0);
    float[] y = Resampler.resample(x, 1, 8000, 48000, Resampler.Quality.HIGH);
    float[] reference = Signals.sine(48000, 3000, 1.0, 2.0);
    float[] diff = new float[Math.min(y.length, reference.length)];
    for (int i = 0; i < diff.length; i++) {
      diff[i] = y[i] - reference[i];
    }
    assertThat(Signals.db(Signals.rms(diff, 4800))).isLessThan(ALIAS_BOUND_DB + 10);
  }

  @Test
  void theOutputLengthIsTheInputLengthTimesTheRatioRoundedUp() {
    float[] x = new float[44100 * 3 + 17];
    float[] y = Resampler.resample(x, 1, 44100, 16000, Resampler.Quality.HIGH);
    assertThat(y.length).isEqualTo((int) Math.ceil(x.length * 16000.0 / 44100));
  }

  @Test
  void streamingInOddPiecesGivesTheSameSamplesAsOneCall() {
    float[] left = Signals.sine(44100, 440, 0.3, 1.3);
    float[] right = Signals.sine(44100, 1000, 0.3, 1.3);
    float[] x = Signals.interleave(left, right);
    float[] whole = Resampler.resample(x, 2, 44100, 16000, Resampler.Quality.HIGH);
    Resampler r = Resampler.create(44100, 16000, 2);
    float[] pieces = new float[0];
    int frames = left.length;
    int[] sizes = {1, 7, 1000, 3, 44100, 17};
    for (int f = 0, k = 0; f < frames; k++) {
      int n = Math.min(sizes[k % sizes.length], frames - f);
      pieces = concat(pieces, r.process(x, f, n));
      f += n;
    }
    pieces = concat(pieces, r.flush());
    assertThat(pieces).containsExactly(whole);
  }

  @Test
  void channelsStaySeparate() {
    float[] left = Signals.sine(48000, 1000, 0.5, 1.0);
    float[] right = new float[left.length];
    float[] y =
        Resampler.resample(
            Signals.interleave(left, right), 2, 48000, 16000, Resampler.Quality.HIGH);
    float[] r = new float[y.length / 2];
    for (int i = 0; i < r.length; i++) {
      r[i] = y[2 * i + 1];
    }
    assertThat(Signals.rms(r, 0)).isZero();
  }

  @Test
  void theSameRateIsACopy() {
    float[] x = {0.1f, 0.2f, -0.3f};
    assertThat(Resampler.resample(x, 1, 16000, 16000, Resampler.Quality.HIGH))
        .containsExactly(x)
        .isNotSameAs(x);
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
