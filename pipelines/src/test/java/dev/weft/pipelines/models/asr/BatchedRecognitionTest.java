package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.testing.WavFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several utterances of different lengths in one model call (padded to the longest) give what each
 * gives alone: same tokens, times, text and tags, for both families and both layouts.
 */
@Tag("native")
class BatchedRecognitionTest {
  @TempDir static Path work;
  static OrtRuntime runtime;
  static List<float[]> clips;

  @BeforeAll
  static void setUp() throws Exception {
    runtime = OrtRuntime.create();
    Map<String, Path> files = ConformanceAudio.build(work.resolve("audio"), false);
    clips = new ArrayList<>();
    for (Path f : files.values()) {
      clips.add(WavFiles.readPcm16Mono(f));
    }
  }

  @AfterAll
  static void tearDown() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void senseVoiceSherpaBatchEqualsOneByOne() throws Exception {
    assertBatchEqualsOneByOne(
        AsrSignatureModels.senseVoice(
            work.resolve("sv-sherpa"), AsrSignatureModels.Layout.SHERPA, 11, 64));
  }

  @Test
  void senseVoiceFunAsrBatchEqualsOneByOne() throws Exception {
    assertBatchEqualsOneByOne(
        AsrSignatureModels.senseVoice(
            work.resolve("sv-funasr"), AsrSignatureModels.Layout.FUNASR, 11, 64));
  }

  @Test
  void paraformerSherpaBatchEqualsOneByOne() throws Exception {
    assertBatchEqualsOneByOne(
        AsrSignatureModels.paraformer(
            work.resolve("pf-sherpa"), AsrSignatureModels.Layout.SHERPA, 12, 64, true));
  }

  @Test
  void paraformerFunAsrBatchEqualsOneByOne() throws Exception {
    assertBatchEqualsOneByOne(
        AsrSignatureModels.paraformer(
            work.resolve("pf-funasr"), AsrSignatureModels.Layout.FUNASR, 12, 64, true));
  }

  private static void assertBatchEqualsOneByOne(Path dir) {
    try (AsrModel model =
        AsrModel.open(runtime, dir, ModelVariant.AUTO, SessionPolicy.cpuOnly(1))) {
      assertThat(model.batchable()).as("the export's batch dimension is free").isTrue();
      LocalTranscriber t = new LocalTranscriber(model);
      SenseVoiceRunner.Options options = new SenseVoiceRunner.Options("auto", true);
      List<Utterance> batched = t.recognize(clips, options);
      List<Utterance> single = new ArrayList<>();
      for (float[] c : clips) {
        single.add(t.recognize(c, options));
      }
      assertThat(batched).hasSameSizeAs(single);
      assertThat(batched.stream().mapToInt(u -> u.tokens().size()).sum())
          .as("tokens recognised")
          .isGreaterThan(20);
      for (int i = 0; i < single.size(); i++) {
        assertThat(batched.get(i).tokens())
            .as("utterance %d tokens", i)
            .isEqualTo(single.get(i).tokens());
        assertThat(batched.get(i)).as("utterance %d", i).isEqualTo(single.get(i));
      }
    }
  }
}
