package dev.weft.pipelines.backends.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFolderTest {
  @TempDir Path root;

  private void touch(String... paths) throws IOException {
    for (String p : paths) {
      Path f = root.resolve(p);
      Files.createDirectories(f.getParent());
      Files.write(f, new byte[] {1, 2, 3});
    }
  }

  @Test
  void transformersJsPartsAndSuffixesAreNamed() throws IOException {
    touch(
        "config.json",
        "onnx/vision_encoder.onnx",
        "onnx/vision_encoder_fp16.onnx",
        "onnx/decoder_model_merged_q4f16.onnx",
        "onnx/decoder_model_merged_q4.onnx",
        "onnx/decoder_model_merged_quantized.onnx",
        "onnx/embed_tokens_uint8.onnx");
    ExportFolder e = ExportFolder.read(root);
    assertThat(e.layout()).isEqualTo(ExportFolder.Layout.TRANSFORMERS_JS);
    assertThat(e.partNames())
        .containsExactly("decoder_model_merged", "embed_tokens", "vision_encoder");
    assertThat(e.variants("decoder_model_merged")).containsExactly("int8", "q4", "q4f16");
    assertThat(e.variants("vision_encoder")).containsExactly("fp16", "fp32");
    assertThat(e.config()).isPresent();
  }

  @Test
  void externalDataShardsComeInOrder() throws IOException {
    touch(
        "onnx/decoder.onnx",
        "onnx/decoder.onnx_data",
        "onnx/decoder.onnx_data_2",
        "onnx/decoder.onnx_data_1",
        "onnx/decoder_fp16.onnx");
    ExportFolder.Part p = ExportFolder.read(root).part("decoder", List.of("fp32"));
    assertThat(p.externalData())
        .extracting(f -> f.getFileName().toString())
        .containsExactly("decoder.onnx_data", "decoder.onnx_data_1", "decoder.onnx_data_2");
    assertThat(p.totalBytes()).isEqualTo(12);
  }

  @Test
  void sherpaOnnxFolderWithInt8AndTokens() throws IOException {
    touch("model.onnx", "model.int8.onnx", "tokens.txt");
    ExportFolder e = ExportFolder.read(root);
    assertThat(e.layout()).isEqualTo(ExportFolder.Layout.SHERPA_ONNX);
    assertThat(e.part("model", List.of("int8", "fp32")).onnx().getFileName().toString())
        .isEqualTo("model.int8.onnx");
    assertThat(e.tokens()).isPresent();
  }

  @Test
  void sherpaTransducerPartsDropTheEpochTag() throws IOException {
    touch(
        "encoder-epoch-99-avg-1.int8.onnx",
        "decoder-epoch-99-avg-1.onnx",
        "joiner-epoch-99-avg-1.onnx",
        "tokens.txt");
    assertThat(ExportFolder.read(root).partNames()).containsExactly("decoder", "encoder", "joiner");
  }

  @Test
  void diffusionComponentsAreParts() throws IOException {
    touch(
        "text_encoder/model.onnx",
        "transformer/model.onnx",
        "transformer/model.onnx_data",
        "vae_decoder/model.onnx");
    ExportFolder e = ExportFolder.read(root);
    assertThat(e.layout()).isEqualTo(ExportFolder.Layout.DIFFUSION);
    assertThat(e.partNames()).containsExactly("text_encoder", "transformer", "vae_decoder");
    assertThat(e.part("transformer", List.of("fp32")).externalData()).hasSize(1);
  }

  @Test
  void missingPartNamesWhatTheExportHas() throws IOException {
    touch("onnx/encoder.onnx");
    assertThatThrownBy(() -> ExportFolder.read(root).part("decoder", List.of("fp32")))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("no part 'decoder'")
        .hasMessageContaining("encoder");
  }

  @Test
  void folderWithoutOnnxFilesIsRefused() throws IOException {
    touch("README.md");
    assertThatThrownBy(() -> ExportFolder.read(root))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("no .onnx");
  }
}
