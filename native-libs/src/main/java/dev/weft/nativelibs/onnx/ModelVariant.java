package dev.weft.nativelibs.onnx;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The numeric precision an export was saved in. */
public enum ModelVariant {
  FP32,
  FP16,
  INT8;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ModelVariant parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown model variant '" + s + "'; expected one of fp32, fp16, int8", e);
    }
  }

  /**
   * Picks the variant to load from those available (variant to bytes the loaded model needs), for
   * the provider the session will run on and the memory it may use. On a GPU fp16 is fastest and
   * int8 often is not accelerated, so the order is fp16, fp32, int8; on the CPU int8 is fastest and
   * fp16 is emulated, so int8, fp32, fp16. The first one that fits the budget wins; when none fits,
   * the smallest, so the caller's memory error names a real model.
   */
  public static Optional<ModelVariant> choose(
      Map<ModelVariant, Long> available, ExecutionProvider provider, long memoryBudgetBytes) {
    if (available.isEmpty()) {
      return Optional.empty();
    }
    ModelVariant[] order =
        provider.isGpu()
            ? new ModelVariant[] {FP16, FP32, INT8}
            : new ModelVariant[] {INT8, FP32, FP16};
    for (ModelVariant v : order) {
      Long need = available.get(v);
      if (need != null && (memoryBudgetBytes <= 0 || need <= memoryBudgetBytes)) {
        return Optional.of(v);
      }
    }
    return available.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
  }
}
