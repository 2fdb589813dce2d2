package dev.weft.assets.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import org.junit.jupiter.api.Test;

class AudioOpsTest {
  @Test
  void monoIsTheMeanOfTheChannels() {
    AudioAsset a = AudioAsset.of(8000, 2, new float[] {1f, 0f, 0.5f, -0.5f, -1f, -0.5f});
    assertThat(AudioOps.toMono(a).copySamples()).containsExactly(0.5f, 0f, -0.75f);
  }

  @Test
  void gainOfMinusSixDbHalvesTheAmplitude() {
    AudioAsset a = AudioAsset.mono(8000, new float[] {0.8f, -0.4f});
    float[] g = AudioOps.gain(a, -20 * Math.log10(2)).copySamples();
    assertThat(g[0]).isCloseTo(0.4f, within(1e-6f));
    assertThat(g[1]).isCloseTo(-0.2f, within(1e-6f));
  }

  @Test
  void peakNormalisationPutsThePeakAtTheTarget() {
    AudioAsset a = AudioAsset.mono(8000, new float[] {0.1f, -0.25f, 0.2f});
    assertThat(AudioOps.peak(AudioOps.normalisePeak(a, -1)))
        .isCloseTo((float) Math.pow(10, -1 / 20.0), within(1e-6f));
  }

  @Test
  void rmsNormalisationRespectsThePeakCeiling() {
    AudioAsset a = AudioAsset.mono(8000, new float[] {0.9f, 0.01f, 0.01f, 0.01f});
    AudioAsset n = AudioOps.normaliseRms(a, -3, -1);
    assertThat(20 * Math.log10(AudioOps.peak(n))).isCloseTo(-1, within(1e-4));
  }

  @Test
  void normalisingSilenceLeavesSilence() {
    AudioAsset a = AudioAsset.mono(8000, new float[4]);
    assertThat(AudioOps.normalisePeak(a, -1)).isEqualTo(a);
  }

  @Test
  void trimKeepsTheFramesBetweenStartAndEnd() {
    float[] x = new float[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    AudioAsset t = AudioOps.trim(AudioAsset.mono(100, x), 0.25, 0.5);
    assertThat(t.frames()).isEqualTo(25);
    assertThat(t.copySamples()[0]).isEqualTo(25f);
  }

  @Test
  void trimPastTheEndIsRefused() {
    AudioAsset a = AudioAsset.mono(100, new float[100]);
    assertThatThrownBy(() -> AudioOps.trim(a, 2, 3)).hasMessageContaining("past the end");
  }
}
