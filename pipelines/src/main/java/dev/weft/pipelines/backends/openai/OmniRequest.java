package dev.weft.pipelines.backends.openai;

import java.util.Objects;

/**
 * A Qwen3-Omni turn: a prompt, at most one media input, and whether to answer in speech too.
 *
 * @param system an optional system prompt
 * @param media the non-text input, or null
 * @param speech whether to ask for spoken audio as well as text
 * @param voice the voice for speech (null: the server's default)
 * @param ossResources whether the media URL is a DashScope temporary upload ({@code oss://})
 */
public record OmniRequest(
    String model,
    String system,
    String prompt,
    OmniMedia media,
    boolean speech,
    String voice,
    Integer maxTokens,
    Double temperature,
    boolean ossResources) {
  public OmniRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(prompt, "prompt");
  }

  /** A request whose media (if any) is a URL or data URL, not a temporary upload. */
  public OmniRequest(
      String model,
      String system,
      String prompt,
      OmniMedia media,
      boolean speech,
      String voice,
      Integer maxTokens,
      Double temperature) {
    this(model, system, prompt, media, speech, voice, maxTokens, temperature, false);
  }

  /** The extra headers the request needs. */
  public java.util.Map<String, String> headers() {
    return ossResources
        ? java.util.Map.of("X-DashScope-OssResourceResolve", "enable")
        : java.util.Map.of();
  }
}
