package dev.weft.pipelines.models.vad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.testing.TestFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Silero VAD fed in pieces of any size gives, frame for frame, the probabilities of the whole
 * signal at once: v5, v6 (state and context carried across pieces) and the legacy h/c model.
 */
@Tag("native")
class SileroVadStreamTest {
  private static OrtRuntime runtime;
  private static float[] speech;
  private static final Path WORK =
      Path.of(System.getProperty("weft.test.tmp", "target/test-tmp"), "vad-stream");

  @BeforeAll
  static void setUp() throws Exception {
    runtime = OrtRuntime.create();
    speech =
        SpeechFixture.compose(
                0.7,
                0.9,
                List.of(
                    SpeechFixture.say("Streaming keeps the state from piece to piece.", WORK),
                    SpeechFixture.say("The last piece is padded with silence.", WORK)))
            .samples();
  }

  @AfterAll
  static void tearDown() {
    runtime.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"silero_vad_v5.onnx", "silero_vad_v6.onnx", "silero_vad_legacy.onnx"})
  void piecesOfAnySizeGiveTheWholeSignalsProbabilities(String model) throws Exception {
    Path file = TestFixtures.testModel("vad-web/dist/" + model);
    try (SileroVad vad = SileroVad.open(runtime, file)) {
      float[] whole = vad.probabilities(new SileroVad.Prepared(speech, 16000), () -> false);
      float[] streamed = new float[whole.length];
      int n = 0;
      SplittableRandom rnd = new SplittableRandom(model.hashCode());
      try (SileroVadStream stream = new SileroVadStream(vad, runtime.environment(), 16000)) {
        int pos = 0;
        while (pos < speech.length) {
          int len = Math.min(speech.length - pos, 1 + rnd.nextInt(3000));
          for (float p : stream.accept(speech, pos, len)) {
            streamed[n++] = p;
          }
          pos += len;
        }
        for (float p : stream.finish()) {
          streamed[n++] = p;
        }
      }
      assertThat(n).isEqualTo(whole.length);
      assertThat(streamed).containsExactly(whole);
    }
  }
}
