package dev.weft.assets.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("native")
class AudioFilesTest {
  @TempDir Path dir;

  /** Stereo: a 440 Hz sine left, 1 kHz right, 0.5 s at 44.1 kHz, on exact 8-bit steps. */
  static AudioAsset stereo() {
    float[] l = Signals.sine(44100, 440, 0.5, 0.5);
    float[] r = Signals.sine(44100, 1000, 0.25, 0.5);
    float[] x = Signals.interleave(l, r);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.round(x[i] * 128) / 128f; // representable in every PCM width
    }
    return AudioAsset.of(44100, 2, x);
  }

  @ParameterizedTest(name = "WAV {0} round trip is exact")
  @EnumSource(
      value = WavFormat.class,
      names = {"PCM_U8", "PCM_S16", "PCM_S24", "PCM_S32", "FLOAT32"})
  void wavRoundTripsExactly(WavFormat format) throws IOException {
    AudioAsset a = stereo();
    Path f = dir.resolve("a.wav");
    WavWriter.write(a, f, format);
    try (WavReader r = WavReader.open(f)) {
      assertThat(r.format()).isEqualTo(format);
    }
    AudioAsset back = AudioFiles.read(f);
    assertThat(back.sampleRate()).isEqualTo(44100);
    assertThat(back.channels()).isEqualTo(2);
    assertThat(back).isEqualTo(a);
  }

  @Test
  void flacRoundTripIsLosslessAtSixteenBits() throws IOException {
    AudioAsset a = stereo();
    Path f = dir.resolve("a.flac");
    AudioFiles.write(a, f, AudioEncoding.FLAC);
    AudioAsset back = AudioFiles.read(f);
    assertThat(back.sampleRate()).isEqualTo(44100);
    assertThat(back.copySamples()).containsExactly(a.copySamples());
  }

  @Test
  void mp3RoundTripKeepsTheTone() throws IOException {
    assertLossyRoundTrip(dir.resolve("a.mp3"), AudioEncoding.MP3, 44100);
  }

  @Test
  void opusRoundTripKeepsTheTone() throws IOException {
    assertLossyRoundTrip(dir.resolve("a.opus"), AudioEncoding.OPUS, 48000);
  }

  @Test
  void aacRoundTripKeepsTheTone() throws IOException {
    assertLossyRoundTrip(dir.resolve("a.m4a"), AudioEncoding.AAC, 44100);
  }

  private void assertLossyRoundTrip(Path f, AudioEncoding enc, int expectedRate)
      throws IOException {
    AudioAsset a = AudioAsset.mono(44100, Signals.sine(44100, 440, 0.5, 1.0));
    AudioFiles.write(a, f, enc);
    AudioAsset back = AudioFiles.read(f);
    assertThat(back.sampleRate()).isEqualTo(expectedRate);
    assertThat(back.durationSeconds()).isCloseTo(1.0, within(0.08));
    float[] s = back.channel(0);
    assertThat(Signals.frequency(s, expectedRate, expectedRate / 5)).isCloseTo(440, within(1.0));
    assertThat(Signals.rms(s, expectedRate / 5) * Math.sqrt(2)).isCloseTo(0.5, within(0.03));
  }

  @Test
  void readingCanResampleAndDownmixOnTheFly() throws IOException {
    AudioAsset a = stereo();
    Path f = dir.resolve("a.wav");
    WavWriter.write(a, f, WavFormat.PCM_S16);
    AudioAsset mono16k = AudioFiles.read(f, 16000, true, DecodeLimits.DEFAULT);
    assertThat(mono16k.sampleRate()).isEqualTo(16000);
    assertThat(mono16k.channels()).isEqualTo(1);
    AudioAsset expected = AudioOps.resample(AudioOps.toMono(a), 16000);
    assertThat(mono16k.frames()).isEqualTo(expected.frames());
    float[] x = mono16k.channel(0);
    float[] y = expected.channel(0);
    for (int i = 0; i < x.length; i++) {
      assertThat(x[i]).isCloseTo(y[i], within(1e-5f));
    }
  }

  @Test
  void aZeroByteWavIsRefusedNamingTheFile() throws IOException {
    Path f = Files.createFile(dir.resolve("empty.wav"));
    assertThatThrownBy(() -> AudioFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("empty.wav")
        .hasMessageContaining("empty")
        .satisfies(e ->
            assertThat(((MediaException) e).reason()).isEqualTo(MediaException.Reason.TRUNCATED));
  }

  @Test
  void aWavCutInsideItsHeaderIsTruncated() throws IOException {
    Path full = dir.resolve("full.wav");
    WavWriter.write(stereo(), full, WavFormat.PCM_S16);
    Path f = dir.resolve("cut.wav");
    Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(full), 30));
    assertThatThrownBy(() -> AudioFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("cut.wav");
  }

  @Test
  void aWavCutInsideItsDataKeepsTheWholeFramesThatArrived() throws IOException {
    Path full = dir.resolve("full.wav");
    AudioAsset a = stereo();
    WavWriter.write(a, full, WavFormat.PCM_S16);
    byte[] bytes = Files.readAllBytes(full);
    Path f = dir.resolve("cut.wav");
    Files.write(f, java.util.Arrays.copyOf(bytes, 44 + 4 * 1000 + 3));
    assertThat(AudioFiles.read(f).frames()).isEqualTo(1000);
  }

  @Test
  void garbageNamedFlacIsRefusedNamingTheFile() throws IOException {
    Path f = dir.resolve("noise.flac");
    Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    assertThatThrownBy(() -> AudioFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("noise.flac")
        .hasMessageContaining("FLAC");
  }

  @Test
  void aTruncatedFlacIsRefusedOrShorterButNeverHangs() throws IOException {
    Path full = dir.resolve("full.flac");
    AudioFiles.write(stereo(), full, AudioEncoding.FLAC);
    byte[] bytes = Files.readAllBytes(full);
    Path f = dir.resolve("cut.flac");
    Files.write(f, java.util.Arrays.copyOf(bytes, 40));
    assertThatThrownBy(() -> AudioFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("cut.flac");
  }

  @Test
  void audioLongerThanTheLimitIsRefusedBeforeDecoding() throws IOException {
    Path f = dir.resolve("a.wav");
    WavWriter.write(stereo(), f, WavFormat.PCM_S16);
    DecodeLimits tight = new DecodeLimits(1000, 1000, 0.1, java.time.Duration.ofSeconds(10));
    assertThatThrownBy(() -> AudioFiles.read(f, tight))
        .isInstanceOf(MediaException.class)
        .satisfies(e ->
            assertThat(((MediaException) e).reason()).isEqualTo(MediaException.Reason.TOO_LARGE));
  }
}
