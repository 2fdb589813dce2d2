package dev.weft.pipelines.settings;

import java.util.List;
import java.util.Objects;

/**
 * The Omni models and voices offered, and the sample rate of the speech they send back.
 *
 * @param sampleRate the rate of the headerless PCM16 audio in streamed replies (24000)
 */
public record OmniModels(
    String defaultModel,
    List<String> models,
    String defaultVoice,
    List<String> voices,
    int sampleRate) {
  public OmniModels {
    Objects.requireNonNull(defaultModel, "defaultModel");
    models = models == null || models.isEmpty() ? List.of(defaultModel) : List.copyOf(models);
    voices = voices == null ? List.of() : List.copyOf(voices);
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("omni sampleRate must be positive, got " + sampleRate);
    }
  }
}
