package dev.weft.pipelines.models.asr;

/**
 * How to read a Paraformer export's token positions.
 *
 * @param eosId the end-of-sentence token
 * @param stopAtEos true for sherpa-onnx exports: tokens run until the first {@code </s>} (what
 *     sherpa-onnx does); false for FunASR exports: blank and {@code </s>} are dropped and the first
 *     {@code token_num - predictorBias} tokens kept (what {@code funasr_onnx} does)
 * @param predictorBias the CIF tail positions FunASR's config adds ({@code
 *     model_conf.predictor_bias})
 */
public record ParaformerSettings(int blankId, int eosId, boolean stopAtEos, int predictorBias) {}
