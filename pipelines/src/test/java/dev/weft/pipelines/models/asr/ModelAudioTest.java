package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import org.junit.jupiter.api.Test;

class ModelAudioTest {
  @Test
  void resamplingA44kToneTo16kKeepsItsFrequencyAndLevel() {
    float[] tone = new float[44100];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 44100.0));
    }
    float[] out = ModelAudio.toMono16k(AudioAsset.mono(44100, tone));
    assertThat(out).hasSize(16000);
    double dot = 0;
    double energy = 0;
    for (int i = 1000; i < 15000; i++) {
      dot += out[i] * Math.sin(2 * Math.PI * 1000 * i / 16000.0);
      energy += out[i] * out[i];
    }
    double n = 14000;
    assertThat(2 * dot / n).isCloseTo(0.5, within(0.01));
    assertThat(Math.sqrt(energy / n)).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
  }

  @Test
  void channelsAreAveraged() {
    float[] out = ModelAudio.toMono16k(AudioAsset.of(16000, 2, new float[] {1, 0, 0.5f, 0.5f}));
    assertThat(out).containsExactly(0.5f, 0.5f);
  }
}
