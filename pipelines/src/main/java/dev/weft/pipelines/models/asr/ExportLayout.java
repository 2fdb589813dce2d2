package dev.weft.pipelines.models.asr;

/** How a speech model folder is laid out. */
public enum ExportLayout {
  /**
   * sherpa-onnx: {@code model.onnx} or {@code model.int8.onnx} and {@code tokens.txt}; LFR, CMVN
   * and the SenseVoice ids live in the ONNX metadata.
   */
  SHERPA_ONNX,
  /**
   * FunASR ({@code funasr_onnx}): {@code model.onnx} or {@code model_quant.onnx}, {@code am.mvn},
   * {@code config.yaml}, and {@code tokens.json} or the SentencePiece model.
   */
  FUNASR
}
