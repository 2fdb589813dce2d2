package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.testing.onnx.OnnxModelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("native")
class AsrModelFolderTest {
  private static final OrtRuntime RUNTIME = OrtRuntime.create();
  @TempDir Path tmp;

  private static AsrModel open(Path p) {
    return AsrModel.open(RUNTIME, p, ModelVariant.AUTO, SessionPolicy.cpuOnly(1));
  }

  private static float[] chirp(int samples) {
    float[] a = new float[samples];
    for (int i = 0; i < a.length; i++) {
      double t = i / 16000.0;
      a[i] =
          (float)
              (0.3 * Math.sin(2 * Math.PI * (200 + 400 * t) * t) * (0.6 + 0.4 * Math.sin(7 * t)));
    }
    return a;
  }

  @Test
  void aFolderWithoutTokensListsWhatEachLayoutExpectsAndWhatWasFound() throws Exception {
    Path dir =
        AsrSignatureModels.senseVoice(tmp.resolve("sv"), AsrSignatureModels.Layout.SHERPA, 1, 8);
    Files.delete(dir.resolve("tokens.txt"));
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("tokens.txt")
        .hasMessageContaining("am.mvn")
        .hasMessageContaining("found model.int8.onnx");
  }

  @Test
  void aModelWithOtherTensorNamesListsTheExpectedAndTheFoundSignatures() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("other"));
    OnnxModelBuilder b = new OnnxModelBuilder("other", 17);
    String in = b.input("audio", OnnxModelBuilder.ElemType.FLOAT, "N", 16000);
    b.output("probs", OnnxModelBuilder.ElemType.FLOAT, "N", 16000);
    b.rename(b.op("Relu", in), "probs");
    b.save(dir.resolve("model.onnx"));
    Files.writeString(dir.resolve("tokens.txt"), "<unk> 0\n");
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("x, x_length, language, text_norm")
        .hasMessageContaining("found inputs audio FLOAT[-1, 16000] -> outputs probs");
  }

  @Test
  void aSherpaExportWithoutItsMetadataNamesTheMissingKeys() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("nometa"));
    OnnxModelBuilder b = new OnnxModelBuilder("sv", 17);
    String x = b.input("x", OnnxModelBuilder.ElemType.FLOAT, "N", "T", 560);
    b.input("x_length", OnnxModelBuilder.ElemType.INT32, "N");
    b.input("language", OnnxModelBuilder.ElemType.INT32, "N");
    b.input("text_norm", OnnxModelBuilder.ElemType.INT32, "N");
    b.output("logits", OnnxModelBuilder.ElemType.FLOAT, "N", "T", 560);
    b.rename(b.op("Relu", x), "logits");
    b.metadata("lfr_window_size", "7");
    b.save(dir.resolve("model.onnx"));
    Files.writeString(
        dir.resolve("tokens.txt"),
        AsrSignatureModels.tokensTxt(java.util.Collections.nCopies(560, "a"))
            .replace("a 0", "<unk> 0"));
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("lacks inv_stddev, lang_auto")
        .hasMessageContaining("found keys lfr_window_size");
  }

  @Test
  void aFileThatIsNotOnnxIsReportedWithItsPath() throws Exception {
    Path dir =
        AsrSignatureModels.paraformer(
            tmp.resolve("pf"), AsrSignatureModels.Layout.SHERPA, 1, 8, false);
    Files.writeString(dir.resolve("model.onnx"), "not a model");
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("cannot load the model")
        .satisfies(e -> assertThat(((WeftException) e).location().file()).endsWith("model.onnx"));
  }

  @Test
  void funAsrSenseVoiceReadsAmMvnAndTheSentencePieceModelAndAgreesWithTheSherpaLayout()
      throws Exception {
    Path sherpa =
        AsrSignatureModels.senseVoice(tmp.resolve("s"), AsrSignatureModels.Layout.SHERPA, 5, 32);
    Path funasr =
        AsrSignatureModels.senseVoice(tmp.resolve("f"), AsrSignatureModels.Layout.FUNASR, 5, 32);
    float[] audio = chirp(40000);
    SenseVoiceRunner.Options opts = new SenseVoiceRunner.Options("zh", false);
    try (AsrModel a = open(sherpa);
        AsrModel b = open(funasr)) {
      assertThat(b.layout()).isEqualTo(ExportLayout.FUNASR);
      assertThat(b.names().features()).isEqualTo("speech");
      Utterance ua = new LocalTranscriber(a).recognize(audio, opts);
      Utterance ub = new LocalTranscriber(b).recognize(audio, opts);
      assertThat(ub.tokens()).isNotEmpty().isEqualTo(ua.tokens());
      assertThat(ub.language()).isEqualTo(ua.language());
    }
  }

  @Test
  void funAsrParaformerKeepsTokenNumMinusPredictorBiasAndAgreesWithStoppingAtEos()
      throws Exception {
    Path sherpa =
        AsrSignatureModels.paraformer(
            tmp.resolve("s"), AsrSignatureModels.Layout.SHERPA, 6, 32, true);
    Path funasr =
        AsrSignatureModels.paraformer(
            tmp.resolve("f"), AsrSignatureModels.Layout.FUNASR, 6, 32, true);
    float[] audio = chirp(48000);
    try (AsrModel a = open(sherpa);
        AsrModel b = open(funasr)) {
      assertThat(b.paraformer().orElseThrow().predictorBias()).isEqualTo(1);
      Utterance ua = new LocalTranscriber(a).recognize(audio, SenseVoiceRunner.Options.DEFAULT);
      Utterance ub = new LocalTranscriber(b).recognize(audio, SenseVoiceRunner.Options.DEFAULT);
      assertThat(ub.tokens()).isNotEmpty().isEqualTo(ua.tokens());
    }
  }

  @Test
  void emptyAudioIsRefusedWithItsLocation() throws Exception {
    Path dir =
        AsrSignatureModels.paraformer(
            tmp.resolve("pf"), AsrSignatureModels.Layout.SHERPA, 1, 8, false);
    try (AsrModel m = open(dir)) {
      assertThatThrownBy(() ->
              new LocalTranscriber(m)
                  .transcribe(
                      AudioAsset.mono(16000, new float[0]),
                      SenseVoiceRunner.Options.DEFAULT,
                      Location.file("empty.wav")))
          .isInstanceOf(WeftException.class)
          .satisfies(e ->
              assertThat(((WeftException) e).userMessage()).contains("empty.wav", "0 samples"));
    }
  }

  @Test
  void stereoAudioAtAnotherRateIsResampledNotRefused() throws Exception {
    Path dir =
        AsrSignatureModels.senseVoice(tmp.resolve("sv"), AsrSignatureModels.Layout.SHERPA, 2, 16);
    float[] mono16k = chirp(32000);
    float[] mono441 =
        dev.weft.assets.audio.AudioOps.resample(AudioAsset.mono(16000, mono16k), 44100)
            .copySamples();
    float[] stereo = new float[mono441.length * 2];
    for (int i = 0; i < mono441.length; i++) {
      stereo[2 * i] = mono441[i];
      stereo[2 * i + 1] = mono441[i];
    }
    try (AsrModel m = open(dir)) {
      TranscriptAsset t =
          new LocalTranscriber(m)
              .transcribe(
                  AudioAsset.of(44100, 2, stereo), SenseVoiceRunner.Options.DEFAULT, Location.NONE);
      assertThat(t.segments()).hasSize(1);
      assertThat(t.segments().getFirst().end()).isBetween(1.99, 2.01);
      assertThat(t.language()).isPresent();
    }
  }

  @Test
  void audioShorterThanOneFrameGivesAnEmptyTranscript() throws Exception {
    Path dir =
        AsrSignatureModels.senseVoice(tmp.resolve("sv"), AsrSignatureModels.Layout.SHERPA, 3, 8);
    try (AsrModel m = open(dir)) {
      Utterance u =
          new LocalTranscriber(m).recognize(new float[300], SenseVoiceRunner.Options.DEFAULT);
      assertThat(u.text()).isEmpty();
      assertThat(u.tokens()).isEmpty();
    }
  }

  @Test
  void anUnknownLanguageNamesTheChoices() throws Exception {
    Path dir =
        AsrSignatureModels.senseVoice(tmp.resolve("sv"), AsrSignatureModels.Layout.SHERPA, 4, 8);
    try (AsrModel m = open(dir)) {
      assertThatThrownBy(() ->
              new SenseVoiceRunner(m)
                  .prepare(chirp(8000), new SenseVoiceRunner.Options("fr", true)))
          .isInstanceOf(WeftException.class)
          .satisfies(e -> assertThat(((WeftException) e).userMessage()).contains("\"fr\"", "yue"));
    }
  }
}
