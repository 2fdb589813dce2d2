package dev.weft.pipelines.models.asr;

/** Which weights to load when a folder holds both a float and a quantised model. */
public enum ModelVariant {
  /** The int8 model when present (the faster choice on CPU), else the float one. */
  AUTO,
  /** {@code model.onnx}. */
  FLOAT,
  /** {@code model.int8.onnx} (sherpa-onnx) or {@code model_quant.onnx} (FunASR). */
  INT8
}
