package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.weft.assets.TranscriptAsset;
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
 * Weft's local recogniser and the reference (sherpa-onnx-node) on the same signature models and the
 * same audio give the same tokens, timestamps, tags and text.
 */
@Tag("native")
class SherpaConformanceTest {
  @TempDir static Path work;
  static Map<String, Path> clips;
  static Path senseVoice;
  static Path paraformer;
  static Path paraformerNoTimes;

  @BeforeAll
  static void buildFixtures() throws Exception {
    SherpaReference.moduleDir();
    clips = ConformanceAudio.build(work.resolve("audio"), true);
    senseVoice =
        AsrSignatureModels.senseVoice(
            work.resolve("sense-voice"), AsrSignatureModels.Layout.SHERPA, 11, 64);
    paraformer =
        AsrSignatureModels.paraformer(
            work.resolve("paraformer"), AsrSignatureModels.Layout.SHERPA, 12, 64, true);
    paraformerNoTimes =
        AsrSignatureModels.paraformer(
            work.resolve("paraformer-plain"), AsrSignatureModels.Layout.SHERPA, 13, 64, false);
  }

  @Test
  void senseVoiceAutoLanguageWithItnMatchesReference() throws Exception {
    compare("sense_voice", senseVoice, senseVoice.resolve("model.int8.onnx"), "auto", true);
  }

  @Test
  void senseVoiceEnglishWithoutItnMatchesReference() throws Exception {
    compare("sense_voice", senseVoice, senseVoice.resolve("model.int8.onnx"), "en", false);
  }

  @Test
  void senseVoiceCantoneseMatchesReference() throws Exception {
    compare("sense_voice", senseVoice, senseVoice.resolve("model.int8.onnx"), "yue", true);
  }

  @Test
  void paraformerWithCifTimestampsMatchesReference() throws Exception {
    compare("paraformer", paraformer, paraformer.resolve("model.onnx"), "auto", true);
  }

  @Test
  void paraformerWithoutTimestampsMatchesReferenceTokens() throws Exception {
    compare("paraformer", paraformerNoTimes, paraformerNoTimes.resolve("model.onnx"), "auto", true);
  }

  private static void compare(String family, Path dir, Path modelFile, String language, boolean itn)
      throws Exception {
    List<Path> wavs = new ArrayList<>(clips.values());
    Map<Path, SherpaReference.Result> reference =
        SherpaReference.run(
            work, family, modelFile, dir.resolve("tokens.txt"), language, itn, 1, 1, wavs);
    assertThat(reference).hasSize(wavs.size());
    List<Executable> checks = new ArrayList<>();
    int tokensCompared = 0;
    try (OrtRuntime runtime = OrtRuntime.create();
        AsrModel model =
            AsrModel.open(runtime, modelFile, ModelVariant.AUTO, SessionPolicy.cpuOnly(1))) {
      LocalTranscriber transcriber = new LocalTranscriber(model);
      for (Map.Entry<String, Path> clip : clips.entrySet()) {
        float[] samples = WavFiles.readPcm16Mono(clip.getValue());
        Utterance ours =
            transcriber.recognize(samples, new SenseVoiceRunner.Options(language, itn));
        SherpaReference.Result ref = reference.get(clip.getValue());
        String name = clip.getKey();
        List<String> ourTokens = ours.tokens().stream().map(TranscriptAsset.Token::piece).toList();
        List<Long> ourTimes = ours.tokens().stream().map(t -> Math.round(t.time() * 100)).toList();
        List<Long> refTimes = ref.timestamps().stream().map(t -> Math.round(t * 100)).toList();
        tokensCompared += ourTokens.size();
        if (family.equals("paraformer") && name.equals("ten-minutes")) {
          // Known open issue: over ~3,200 CIF positions one near-tie argmax can flip between runs
          // (ONNX Runtime's reductions depend on buffer alignment). Same count, at most one token.
          checks.add(
              () -> assertThat(ourTokens).as(name + " token count").hasSameSizeAs(ref.tokens()));
          checks.add(() ->
              assertThat(mismatches(ourTokens, ref.tokens()))
                  .as(name + " differing tokens")
                  .isLessThanOrEqualTo(1));
          continue;
        }
        checks.add(
            () -> assertThat(difference(ourTokens, ref.tokens())).as(name + " tokens").isEmpty());
        if (family.equals("paraformer") && refTimes.isEmpty()) {
          checks.add(
              () -> assertThat(ourTimes).as(name + " times without peaks").allMatch(t -> t == 0));
        } else {
          checks.add(() ->
              assertThat(ourTimes).as(name + " timestamps (centiseconds)").isEqualTo(refTimes));
        }
        checks.add(() -> assertThat(ours.text()).as(name + " text").isEqualTo(ref.text().strip()));
        if (family.equals("sense_voice")) {
          checks.add(() ->
              assertThat(nullToEmpty(ours.language()))
                  .as(name + " lang")
                  .isEqualTo(SenseVoiceRunner.tag(ref.field("lang"))));
          checks.add(() ->
              assertThat(nullToEmpty(ours.emotion()))
                  .as(name + " emotion")
                  .isEqualTo(SenseVoiceRunner.tag(ref.field("emotion"))));
          checks.add(() ->
              assertThat(nullToEmpty(ours.event()))
                  .as(name + " event")
                  .isEqualTo(SenseVoiceRunner.tag(ref.field("event"))));
        }
      }
    }
    assertAll(checks);
    assertThat(tokensCompared).as("tokens compared").isGreaterThan(100);
  }

  private static int mismatches(List<String> a, List<String> b) {
    int n = 0;
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        n++;
      }
    }
    return n;
  }

  /** Empty when equal, else where and how two sequences first differ. */
  private static <T> String difference(List<T> ours, List<T> reference) {
    int n = Math.min(ours.size(), reference.size());
    for (int i = 0; i < n; i++) {
      if (!ours.get(i).equals(reference.get(i))) {
        return "first difference at "
            + i
            + " of "
            + ours.size()
            + " (reference "
            + reference.size()
            + "): ours "
            + ours.subList(i, Math.min(n, i + 5))
            + ", reference "
            + reference.subList(i, Math.min(n, i + 5));
      }
    }
    return ours.size() == reference.size()
        ? ""
        : "ours has " + ours.size() + " items, the reference " + reference.size();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
