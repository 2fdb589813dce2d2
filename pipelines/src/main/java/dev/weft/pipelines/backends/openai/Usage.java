package dev.weft.pipelines.backends.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Token counts a server reported for one call. */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {
  public static final Usage NONE = new Usage(0, 0, 0);

  static Usage of(JsonNode u) {
    if (u == null || !u.isObject()) {
      return NONE;
    }
    int p = u.path("prompt_tokens").asInt(0);
    int c = u.path("completion_tokens").asInt(0);
    return new Usage(p, c, u.path("total_tokens").asInt(p + c));
  }
}
