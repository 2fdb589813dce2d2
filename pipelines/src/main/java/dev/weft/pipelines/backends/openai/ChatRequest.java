package dev.weft.pipelines.backends.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Chat Completions request. {@code extra} holds server-specific top-level fields such as {@code
 * enable_thinking}, {@code thinking_budget} (DashScope) or {@code mm_processor_kwargs} (vLLM).
 *
 * @param modalities null for the server's default, e.g. {@code ["text","audio"]} for speech
 * @param voice with {@code audioFormat}, the {@code audio} object of a speech request
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    Integer maxTokens,
    Double temperature,
    boolean stream,
    List<String> modalities,
    String voice,
    String audioFormat,
    Map<String, JsonNode> extra) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    modalities = modalities == null ? null : List.copyOf(modalities);
    extra =
        extra == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public static ChatRequest of(String model, List<ChatMessage> messages) {
    return new ChatRequest(model, messages, null, null, false, null, null, null, Map.of());
  }

  public ChatRequest withStream(boolean s) {
    return new ChatRequest(
        model, messages, maxTokens, temperature, s, modalities, voice, audioFormat, extra);
  }

  public ChatRequest withMaxTokens(Integer n) {
    return new ChatRequest(
        model, messages, n, temperature, stream, modalities, voice, audioFormat, extra);
  }

  public ChatRequest withTemperature(Double t) {
    return new ChatRequest(
        model, messages, maxTokens, t, stream, modalities, voice, audioFormat, extra);
  }

  public ChatRequest withSpeech(List<String> m, String v, String format) {
    return new ChatRequest(model, messages, maxTokens, temperature, stream, m, v, format, extra);
  }

  public ChatRequest withExtra(String field, JsonNode value) {
    Map<String, JsonNode> e = new LinkedHashMap<>(extra);
    e.put(field, value);
    return new ChatRequest(
        model, messages, maxTokens, temperature, stream, modalities, voice, audioFormat, e);
  }

  public ChatRequest withExtra(String field, boolean value) {
    return withExtra(field, JsonNodeFactory.instance.booleanNode(value));
  }

  public ChatRequest withExtra(String field, int value) {
    return withExtra(field, JsonNodeFactory.instance.numberNode(value));
  }

  /** The JSON body. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("model", model);
    var msgs = o.putArray("messages");
    for (ChatMessage m : messages) {
      ObjectNode mo = msgs.addObject();
      mo.put("role", m.role());
      if (m.parts().size() == 1 && m.parts().getFirst() instanceof ContentPart.Text t) {
        mo.put("content", t.text()); // plain text servers (llama.cpp, older Ollama) want a string
      } else {
        var arr = mo.putArray("content");
        m.parts().forEach(p -> arr.add(p.toJson()));
      }
    }
    if (maxTokens != null) {
      o.put("max_tokens", maxTokens);
    }
    if (temperature != null) {
      o.put("temperature", temperature);
    }
    if (stream) {
      o.put("stream", true);
      o.putObject("stream_options").put("include_usage", true);
    }
    if (modalities != null) {
      var arr = o.putArray("modalities");
      modalities.forEach(arr::add);
    }
    if (voice != null || audioFormat != null) {
      ObjectNode a = o.putObject("audio");
      if (voice != null) {
        a.put("voice", voice);
      }
      if (audioFormat != null) {
        a.put("format", audioFormat);
      }
    }
    extra.forEach(o::set);
    return o;
  }
}
