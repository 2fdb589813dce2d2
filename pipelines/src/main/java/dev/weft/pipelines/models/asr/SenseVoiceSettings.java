package dev.weft.pipelines.models.asr;

import java.util.Map;

/**
 * What a SenseVoice export says about its prompt inputs: the query id of each language and of ITN
 * on/off, and the CTC blank id.
 */
public record SenseVoiceSettings(
    Map<String, Integer> languageIds, int withItnId, int withoutItnId, int blankId) {
  /** The ids FunASR's SenseVoiceSmall uses (and sherpa-onnx falls back to). */
  public static final SenseVoiceSettings FUNASR_DEFAULTS =
      new SenseVoiceSettings(
          Map.of("auto", 0, "zh", 3, "en", 4, "yue", 7, "ja", 11, "ko", 12), 14, 15, 0);

  public SenseVoiceSettings {
    languageIds = Map.copyOf(languageIds);
  }
}
