package dev.weft.pipelines.backends.openai;

import java.util.Objects;

/**
 * A Qwen3-Omni turn: a prompt, at most one media input, and whether to answer in speech too.
 *
 * @param system an optional system prompt
 * @param media the non-text input, or null
 * @param speech whether to ask for spoken audio as well as text
 * @param voice the voice for speech (null: the server's default)
 */
public record OmniRequest(
    String model,
    String system,
    String prompt,
    OmniMedia media,
    boolean speech,
    String voice,
    Integer maxTokens,
    Double temperature) {
  public OmniRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(prompt, "prompt");
  }
}
