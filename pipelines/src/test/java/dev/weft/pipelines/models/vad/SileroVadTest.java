package dev.weft.pipelines.models.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.TranscriptAsset.Segment;
import dev.weft.assets.audio.AudioOps;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.testing.TestFixtures;
import dev.weft.nativelibs.testing.TinyOnnx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Silero VAD v5, v6 and legacy from npm {@code @ricky0123/vad-web} on speech made with espeak-ng:
 * segments lie where the speech is, and silence gives none.
 */
@Tag("native")
class SileroVadTest {
  private static OrtRuntime runtime;
  private static SpeechFixture.Speech speech;
  private static final Path WORK =
      Path.of(System.getProperty("weft.test.tmp", "target/test-tmp"), "vad");

  @BeforeAll
  static void setUp() throws Exception {
    runtime = OrtRuntime.create();
    speech =
        SpeechFixture.compose(
            1.0,
            1.5,
            List.of(
                SpeechFixture.say("The quick brown fox jumps over the lazy dog.", WORK),
                SpeechFixture.say("Weft finds the speech in this recording.", WORK)));
  }

  @AfterAll
  static void tearDown() {
    runtime.close();
  }

  private static Path model(String name) {
    return TestFixtures.testModel("vad-web/dist/" + name);
  }

  private static void assertFindsTheSpeech(List<Segment> segments) {
    assertThat(segments).hasSize(2);
    for (int i = 0; i < 2; i++) {
      double[] truth = speech.intervals().get(i);
      Segment s = segments.get(i);
      assertThat(s.start()).as("start of segment %d", i).isCloseTo(truth[0], within(0.25));
      assertThat(s.end()).as("end of segment %d", i).isCloseTo(truth[1], within(0.4));
      assertThat(s.text()).isEmpty();
    }
  }

  private static List<Segment> detect(String model, AudioAsset audio) throws Exception {
    try (SileroVad vad = SileroVad.open(runtime, model(model))) {
      return vad.segments(audio, VadOptions.DEFAULTS, () -> false);
    }
  }

  @Test
  void v5FindsTheSpeech() throws Exception {
    assertFindsTheSpeech(detect("silero_vad_v5.onnx", AudioAsset.mono(16000, speech.samples())));
  }

  @Test
  void v6FindsTheSpeech() throws Exception {
    assertFindsTheSpeech(detect("silero_vad_v6.onnx", AudioAsset.mono(16000, speech.samples())));
  }

  @Test
  void legacyHcModelFindsTheSpeech() throws Exception {
    assertFindsTheSpeech(
        detect("silero_vad_legacy.onnx", AudioAsset.mono(16000, speech.samples())));
  }

  @Test
  void tensorNamesAreReadFromTheSession() throws Exception {
    try (SileroVad v6 = SileroVad.open(runtime, model("silero_vad_v6.onnx"));
        SileroVad legacy = SileroVad.open(runtime, model("silero_vad_legacy.onnx"))) {
      assertThat(v6.layout().kind()).isEqualTo(SileroLayout.Kind.STATE);
      assertThat(v6.layout().stateIn()).containsExactly("state");
      assertThat(v6.layout().contextSamples(16000)).isEqualTo(64);
      assertThat(legacy.layout().kind()).isEqualTo(SileroLayout.Kind.HC);
      assertThat(legacy.layout().stateIn()).containsExactly("h", "c");
      assertThat(legacy.layout().frameSamples(16000)).isEqualTo(1536);
    }
  }

  @Test
  void v6ProbabilitiesAreHighOnSpeechAndLowOnSilence() throws Exception {
    try (SileroVad vad = SileroVad.open(runtime, model("silero_vad_v6.onnx"))) {
      float[] p = vad.probabilities(new SileroVad.Prepared(speech.samples(), 16000), () -> false);
      int frameOf = (int) (speech.intervals().getFirst()[0] * 16000 / 512);
      float silenceMax = 0;
      for (int i = 0; i < frameOf - 5; i++) {
        silenceMax = Math.max(silenceMax, p[i]);
      }
      float speechMax = 0;
      for (int i = frameOf; i < frameOf + 40; i++) {
        speechMax = Math.max(speechMax, p[i]);
      }
      assertThat(silenceMax).isLessThan(0.1f);
      assertThat(speechMax).isGreaterThan(0.9f);
    }
  }

  @Test
  void silenceGivesNoSegment() throws Exception {
    assertThat(detect("silero_vad_v6.onnx", AudioAsset.mono(16000, new float[16000 * 3])))
        .isEmpty();
  }

  @Test
  void audioAtOtherRatesAndInStereoIsPrepared() throws Exception {
    float[] at48 = AudioOps.resample(AudioAsset.mono(16000, speech.samples()), 48000).copySamples();
    float[] stereo = new float[at48.length * 2];
    for (int i = 0; i < at48.length; i++) {
      stereo[2 * i] = at48[i];
      stereo[2 * i + 1] = at48[i];
    }
    assertFindsTheSpeech(detect("silero_vad_v5.onnx", AudioAsset.of(48000, 2, stereo)));
  }

  @Test
  void resultIsATranscriptOfTimedSegments() throws Exception {
    try (SileroVad vad = SileroVad.open(runtime, model("silero_vad_v5.onnx"))) {
      TranscriptAsset t =
          vad.detect(AudioAsset.mono(16000, speech.samples()), VadOptions.DEFAULTS, () -> false);
      assertThat(t.segments()).hasSize(2);
      assertThat(t.text()).isEmpty();
    }
  }

  @Test
  void cancelStopsBetweenFrames() throws Exception {
    try (SileroVad vad = SileroVad.open(runtime, model("silero_vad_v5.onnx"))) {
      int[] calls = {0};
      assertThatThrownBy(() ->
              vad.probabilities(
                  new SileroVad.Prepared(speech.samples(), 16000), () -> ++calls[0] > 10))
          .isInstanceOf(CancellationException.class);
      assertThat(calls[0]).isEqualTo(11);
    }
  }

  @Test
  void aModelThatIsNotSileroIsRejectedNamingItsInputs() throws Exception {
    Path other = Files.createDirectories(WORK).resolve("add.onnx");
    Files.write(other, TinyOnnx.addBias(1));
    assertThatThrownBy(() -> SileroVad.open(runtime, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not look like a Silero VAD export")
        .hasMessageContaining("x");
  }
}
