package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioEncoding;
import dev.weft.assets.audio.AudioFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio streamed to the models' 16 kHz mono equals converting it whole, from assets and files. */
class SpeechAudioStreamTest {
  @TempDir Path tmp;

  /** Two seconds of a different tone in each channel at 44.1 kHz. */
  private static AudioAsset stereo441() {
    int frames = 88200;
    float[] s = new float[frames * 2];
    for (int i = 0; i < frames; i++) {
      s[2 * i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
      s[2 * i + 1] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + i / 100.0) * i / 44100.0));
    }
    return AudioAsset.of(44100, 2, s);
  }

  private static float[] readAll(SpeechAudioStream in, int piece) throws IOException {
    float[] out = new float[0];
    float[] buf = new float[piece];
    for (int n; (n = in.read(buf)) > 0; ) {
      out = Arrays.copyOf(out, out.length + n);
      System.arraycopy(buf, 0, out, out.length - n, n);
    }
    return out;
  }

  @Test
  void anAssetStreamedInPiecesEqualsConvertingItWhole() throws IOException {
    AudioAsset audio = stereo441();
    try (SpeechAudioStream in = SpeechAudioStream.of(audio)) {
      assertThat(readAll(in, 1234)).containsExactly(ModelAudio.toMono16k(audio));
    }
  }

  @Test
  void aFileStreamsTheSamplesOfTheAssetItHolds() throws IOException {
    AudioAsset audio = stereo441();
    Path wav = tmp.resolve("tone.wav");
    AudioFiles.write(audio, wav, AudioEncoding.WAV_FLOAT);
    try (SpeechAudioStream in = SpeechAudioStream.open(wav)) {
      assertThat(in.sourceSampleRate()).isEqualTo(44100);
      assertThat(in.sourceChannels()).isEqualTo(2);
      assertThat(in.durationSeconds()).hasValueCloseTo(2.0, within(1e-9));
      assertThat(readAll(in, 16000)).containsExactly(ModelAudio.toMono16k(audio));
    }
  }

  @Test
  void sixteenKilohertzMonoPassesThroughUnchanged() throws IOException {
    float[] s = new float[5000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (i % 100) / 100f - 0.5f;
    }
    try (SpeechAudioStream in = SpeechAudioStream.of(AudioAsset.mono(16000, s))) {
      assertThat(readAll(in, 333)).containsExactly(s);
      assertThat(in.samplesRead()).isEqualTo(5000);
    }
  }

  @Test
  void aFileThatIsNotAudioIsRefusedNamingIt() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.wav"), "these are not samples");
    assertThatThrownBy(() -> SpeechAudioStream.open(text))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("notes.wav");
  }
}
