package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.weft.nativelibs.math.CMath;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.testing.WavFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The features Weft's front end computes agree with the reference's (sherpa-onnx-node): a model
 * that reports its input through its tokens ({@link FeatureEchoModel}) reads them out of the
 * reference on every conformance clip, after fbank, LFR and (identity) CMVN. They agree to float
 * rounding, not bit for bit: the reference's FFT is kissfft compiled with {@code -ffast-math},
 * which lets the compiler reorder its float operations, so its last bits belong to that binary
 * build (see docs/decisions/0003). Weft follows kissfft's source order and the C library's {@code
 * logf}; a wrong window, bin edge, scaling or stacking would differ by orders of magnitude more.
 */
@Tag("native")
class FrontEndConformanceTest {
  private static final int FRAME_STEP = 7;
  private static final int MAX_FRAMES = 60;

  /** Log-mel units; the largest difference measured on these clips is 1.3e-4. */
  private static final double TOLERANCE = 3e-4;

  @TempDir static Path work;
  static Map<String, Path> clips;
  static Path echo;

  @BeforeAll
  static void buildFixtures() throws Exception {
    SherpaReference.moduleDir();
    clips = ConformanceAudio.build(work.resolve("audio"), false);
    echo = FeatureEchoModel.write(work.resolve("echo"), FRAME_STEP, MAX_FRAMES, 0, 560);
  }

  @Test
  void theCLibraryLogarithmIsInUse() {
    assertThat(CMath.usesCLibrary()).as("logf found through the foreign function API").isTrue();
  }

  @Test
  void stackedFeaturesAgreeWithTheReferenceToFloatRounding() throws Exception {
    List<Path> wavs = new ArrayList<>(clips.values());
    Map<Path, SherpaReference.Result> reference =
        SherpaReference.run(
            work,
            "paraformer",
            echo.resolve("model.onnx"),
            echo.resolve("tokens.txt"),
            "auto",
            true,
            1,
            1,
            wavs);
    List<Executable> checks = new ArrayList<>();
    int compared = 0;
    try (OrtRuntime runtime = OrtRuntime.create();
        AsrModel model =
            AsrModel.open(
                runtime, echo.resolve("model.onnx"), ModelVariant.AUTO, SessionPolicy.cpuOnly(1))) {
      for (Map.Entry<String, Path> clip : clips.entrySet()) {
        AsrFrontEnd.Features ours =
            model.frontEnd().compute(WavFiles.readPcm16Mono(clip.getValue()));
        long[] theirs = FeatureEchoModel.decode(reference.get(clip.getValue()).tokens());
        List<Long> mine = new ArrayList<>();
        for (int f = 0; f < ours.frames() && f / FRAME_STEP < MAX_FRAMES; f += FRAME_STEP) {
          for (int d = 0; d < ours.dim(); d++) {
            mine.add(FeatureEchoModel.encode(ours.data()[f * ours.dim() + d]));
          }
        }
        compared += theirs.length;
        String name = clip.getKey();
        checks.add(() -> assertThat(mine).as(name + " values").hasSize(theirs.length));
        checks.add(() ->
            assertThat(largestDifference(mine, theirs))
                .as(name + " largest difference")
                .isLessThanOrEqualTo(TOLERANCE));
      }
    }
    assertAll(checks);
    assertThat(compared).as("values compared").isGreaterThan(20_000);
  }

  private static double largestDifference(List<Long> ours, long[] reference) {
    double max = 0;
    for (int i = 0; i < Math.min(ours.size(), reference.length); i++) {
      max = Math.max(max, Math.abs(ours.get(i) - reference[i]) / FeatureEchoModel.SCALE);
    }
    return max;
  }
}
