package dev.weft.pipelines.settings;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What kind of OpenAI-compatible server an endpoint is. Most speak plain OpenAI; the type decides
 * the few places where servers differ (vLLM's per-request media options, vLLM-Omni's speech
 * replies).
 */
public enum EndpointType {
  /** Any server that follows the OpenAI Chat Completions conventions (LM Studio, llama.cpp). */
  OPENAI("openai", "OpenAI-compatible"),
  /** vLLM: accepts {@code mm_processor_kwargs} for video frame sampling. */
  VLLM("vllm", "vLLM"),
  /** vLLM-Omni: speech comes back as a whole WAV in a choice of its own (or streamed). */
  VLLM_OMNI("vllm-omni", "vLLM-Omni"),
  /** Ollama's OpenAI-compatible endpoint. */
  OLLAMA("ollama", "Ollama"),
  /** DashScope's compatible mode reached through a named endpoint. */
  DASHSCOPE("dashscope", "DashScope compatible mode");

  private final String id;
  private final String label;

  EndpointType(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static EndpointType of(String id) {
    for (EndpointType t : values()) {
      if (t.id.equalsIgnoreCase(id) || t.name().equalsIgnoreCase(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown endpoint type \""
            + id
            + "\"; known: "
            + Arrays.stream(values()).map(EndpointType::id).collect(Collectors.joining(", ")));
  }
}
