package dev.weft.pipelines.models.asr;

import java.util.Optional;

/**
 * The tensor names an export uses, bound by name (never by position).
 *
 * @param language SenseVoice only
 * @param textNorm SenseVoice only
 * @param tokenNum Paraformer only
 * @param cifPeak Paraformer exports with timestamps only ({@code us_cif_peak})
 */
public record TensorNames(
    String features,
    String featureLengths,
    Optional<String> language,
    Optional<String> textNorm,
    String logits,
    Optional<String> tokenNum,
    Optional<String> cifPeak) {}
