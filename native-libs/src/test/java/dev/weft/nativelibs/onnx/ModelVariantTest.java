package dev.weft.nativelibs.onnx;

import static dev.weft.nativelibs.onnx.ModelVariant.FP16;
import static dev.weft.nativelibs.onnx.ModelVariant.FP32;
import static dev.weft.nativelibs.onnx.ModelVariant.INT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelVariantTest {
  private static final Map<ModelVariant, Long> ALL = Map.of(FP32, 900L, FP16, 450L, INT8, 240L);

  @Test
  void cpuPrefersInt8() {
    assertThat(ModelVariant.choose(ALL, ExecutionProvider.CPU, 0)).contains(INT8);
  }

  @Test
  void gpuPrefersFp16() {
    assertThat(ModelVariant.choose(ALL, ExecutionProvider.CUDA, 8000)).contains(FP16);
  }

  @Test
  void gpuTakesFp32WhenThereIsNoFp16() {
    assertThat(ModelVariant.choose(Map.of(FP32, 900L, INT8, 240L), ExecutionProvider.CUDA, 8000))
        .contains(FP32);
  }

  @Test
  void variantThatDoesNotFitTheBudgetIsPassedOver() {
    assertThat(ModelVariant.choose(ALL, ExecutionProvider.CUDA, 300)).contains(INT8);
  }

  @Test
  void smallestIsChosenWhenNothingFits() {
    assertThat(ModelVariant.choose(Map.of(FP32, 900L, FP16, 450L), ExecutionProvider.CPU, 100))
        .contains(FP16);
  }

  @Test
  void unknownVariantNameIsRejectedWithTheChoices() {
    assertThatThrownBy(() -> ModelVariant.parse("q4"))
        .hasMessageContaining("q4")
        .hasMessageContaining("fp32, fp16, int8");
  }
}
