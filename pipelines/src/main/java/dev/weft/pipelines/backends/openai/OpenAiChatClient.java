package dev.weft.pipelines.backends.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.pipelines.backends.http.CallKind;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.backends.http.CloudHttp;
import dev.weft.pipelines.backends.http.ErrorReply;
import dev.weft.pipelines.backends.http.HttpCall;
import dev.weft.pipelines.backends.http.HttpReply;
import dev.weft.pipelines.backends.http.HttpStream;
import dev.weft.pipelines.backends.http.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Speaks OpenAI Chat Completions to one server (DashScope compatible mode, vLLM, Ollama, LM Studio,
 * llama.cpp): lists models, answers whole or streamed. A stream yields text, reasoning ({@code
 * reasoning_content}, shown apart) and speech (Base64 fragments put back together safely) as they
 * come, and ends at {@code [DONE]}; an error event in the stream becomes a {@link CloudException}.
 * A server that answers a streamed request with plain JSON is read as such.
 */
public final class OpenAiChatClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CloudHttp http;
  private final String service;
  private final String baseUrl;
  private final Supplier<Optional<String>> apiKey;
  private final int defaultSampleRate;

  /**
   * @param service the name shown in errors (an endpoint's name, or "DashScope")
   * @param baseUrl the API root, e.g. {@code https://…/compatible-mode/v1} or {@code
   *     http://host:8000/v1}
   * @param defaultSampleRate the rate of headerless PCM speech (24000 for Qwen-Omni)
   */
  public OpenAiChatClient(
      CloudHttp http,
      String service,
      String baseUrl,
      Supplier<Optional<String>> apiKey,
      int defaultSampleRate) {
    this.http = http;
    this.service = service;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.defaultSampleRate = defaultSampleRate;
  }

  public String service() {
    return service;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The model ids the server lists at {@code /models}. */
  public List<String> models(CancelSignal cancel) {
    HttpCall call =
        HttpCall.get(service, "model list", CloudHttp.resolve(baseUrl, "/models"))
            .bearer(apiKey.get().orElse(null));
    JsonNode data = http.send(call, cancel).json().path("data");
    List<String> ids = new ArrayList<>();
    for (JsonNode m : data) {
      if (m.hasNonNull("id")) {
        ids.add(m.get("id").asText());
      }
    }
    return ids;
  }

  /** A whole (non-streamed) answer. */
  public ChatResult complete(ChatRequest request, CancelSignal cancel) {
    return complete(request, cancel, Map.of());
  }

  /**
   * A whole answer, with extra request headers (e.g. {@code X-DashScope-OssResourceResolve} when a
   * part names a temporary upload).
   */
  public ChatResult complete(
      ChatRequest request, CancelSignal cancel, Map<String, String> headers) {
    HttpReply reply = http.send(call(request.withStream(false), headers), cancel);
    return parseCompletion(reply.json(), ChatListener.none(), reply.what());
  }

  /** A streamed answer, reported to {@code listener} as it comes and returned whole at the end. */
  public ChatResult stream(ChatRequest request, ChatListener listener, CancelSignal cancel) {
    return stream(request, listener, cancel, Map.of());
  }

  /** A streamed answer, with extra request headers. */
  public ChatResult stream(
      ChatRequest request,
      ChatListener listener,
      CancelSignal cancel,
      Map<String, String> headers) {
    HttpCall call = call(request.withStream(true), headers);
    try (HttpStream stream = http.openStream(call, cancel)) {
      if (!stream.isEventStream()) {
        byte[] body;
        try {
          body = stream.body().readAllBytes();
        } catch (IOException e) {
          cancel.throwIfCancelled(call.what());
          throw new CloudException(
              CloudException.Kind.TRANSPORT,
              service,
              stream.status(),
              null,
              null,
              call.what() + ": the reply broke off (" + e.getMessage() + ")",
              CloudException.hintFor(CloudException.Kind.TRANSPORT),
              e);
        }
        JsonNode json =
            new HttpReply(service, call.what(), stream.status(), stream.headers(), body).json();
        return parseCompletion(json, listener, call.what());
      }
      StreamState state = new StreamState(defaultSampleRate);
      boolean done = stream.readEvents(e -> state.onEvent(e, listener, call.what()));
      if (!done && !state.finished()) {
        throw new CloudException(
            CloudException.Kind.TRANSPORT,
            service,
            stream.status(),
            null,
            null,
            call.what() + ": the stream ended before the answer was complete",
            CloudException.hintFor(CloudException.Kind.TRANSPORT),
            null);
      }
      return state.result(listener);
    }
  }

  private HttpCall call(ChatRequest request, Map<String, String> headers) {
    String json;
    try {
      json = JSON.writeValueAsString(request.toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a chat request could not be written as JSON", e);
    }
    HttpCall call =
        HttpCall.postJson(
                service, "chat completion", CloudHttp.resolve(baseUrl, "/chat/completions"), json)
            .bearer(apiKey.get().orElse(null))
            .kind(CallKind.GENERATE);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      call = call.header(h.getKey(), h.getValue());
    }
    return request.stream() ? call.header("Accept", "text/event-stream") : call;
  }

  private ChatResult parseCompletion(JsonNode json, ChatListener listener, String what) {
    if (json.has("error")) {
      throw ErrorReply.of(json).toException(service, what, 0, http.redactor());
    }
    JsonNode choices = json.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw new CloudException(
          CloudException.Kind.PROTOCOL,
          service,
          200,
          null,
          text(json, "id"),
          what + " answered without choices",
          CloudException.hintFor(CloudException.Kind.PROTOCOL),
          null);
    }
    String text = null;
    String reasoning = null;
    String finish = null;
    PcmAudio audio = null;
    // vLLM-Omni puts the text in one choice and the speech in another
    for (JsonNode c : choices) {
      JsonNode m = c.path("message");
      String t = contentText(m.get("content"));
      if (text == null && t != null && !t.isEmpty()) {
        text = t;
        finish = text(c, "finish_reason");
      }
      String r = text(m, "reasoning_content");
      if (r == null) {
        r = text(m, "reasoning");
      }
      if (reasoning == null && r != null && !r.isEmpty()) {
        reasoning = r;
      }
      String data = m.path("audio").path("data").asText(null);
      if (audio == null && data != null && !data.isEmpty()) {
        AudioAssembler a = new AudioAssembler(defaultSampleRate);
        try {
          a.fragment(data, listener);
          audio = a.finish(listener);
        } catch (IllegalArgumentException e) {
          throw protocol(what + ": the speech in the reply cannot be read: " + e.getMessage(), e);
        }
      }
      if (finish == null) {
        finish = text(c, "finish_reason");
      }
    }
    text = text == null ? "" : text;
    reasoning = reasoning == null ? "" : reasoning;
    if (!reasoning.isEmpty()) {
      listener.onReasoning(reasoning);
    }
    if (!text.isEmpty()) {
      listener.onText(text);
    }
    Usage usage = Usage.of(json.get("usage"));
    listener.onUsage(usage);
    return new ChatResult(
        text(json, "id"), text(json, "model"), text, reasoning, finish, usage, audio, false);
  }

  /** Content as a string, or as an array of text parts (some servers answer that way). */
  private static String contentText(JsonNode content) {
    if (content == null || content.isNull()) {
      return null;
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode p : content) {
        if (p.hasNonNull("text")) {
          sb.append(p.get("text").asText());
        }
      }
      return sb.toString();
    }
    return null;
  }

  private CloudException protocol(String message, Throwable cause) {
    return new CloudException(
        CloudException.Kind.PROTOCOL,
        service,
        200,
        null,
        null,
        http.redactor().redact(message),
        CloudException.hintFor(CloudException.Kind.PROTOCOL),
        cause);
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** What a stream has said so far. */
  private final class StreamState {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final AudioAssembler audio;
    private String id;
    private String model;
    private String finishReason;
    private Usage usage = Usage.NONE;
    private boolean sawDone;
    private int textChoice = -1;

    StreamState(int sampleRate) {
      this.audio = new AudioAssembler(sampleRate);
    }

    boolean finished() {
      return sawDone || finishReason != null;
    }

    boolean onEvent(SseEvent e, ChatListener listener, String what) {
      String data = e.data().strip();
      if (data.equals("[DONE]")) {
        sawDone = true;
        return false;
      }
      if (data.isEmpty()) {
        return true;
      }
      JsonNode chunk;
      try {
        chunk = JSON.readTree(data);
      } catch (JsonProcessingException ex) {
        if (e.isType("error")) {
          throw new CloudException(
              CloudException.Kind.SERVER,
              service,
              200,
              null,
              null,
              http.redactor().redact(what + " failed mid-stream: " + data),
              CloudException.hintFor(CloudException.Kind.SERVER),
              null);
        }
        throw protocol(what + ": a stream event is not JSON: " + ex.getOriginalMessage(), ex);
      }
      if (e.isType("error") || chunk.has("error") || (chunk.has("code") && !chunk.has("choices"))) {
        ErrorReply err = ErrorReply.of(chunk);
        throw err.toException(service, what + " (mid-stream)", 0, http.redactor());
      }
      if (id == null) {
        id = text(chunk, "id");
      }
      if (model == null) {
        model = text(chunk, "model");
      }
      JsonNode u = chunk.get("usage");
      if (u != null && u.isObject()) {
        usage = Usage.of(u);
        listener.onUsage(usage);
      }
      for (JsonNode c : chunk.path("choices")) {
        int index = c.path("index").asInt(0);
        JsonNode delta = c.has("delta") ? c.get("delta") : c.path("message");
        String t = contentText(delta.get("content"));
        if (t != null && !t.isEmpty() && (textChoice < 0 || textChoice == index)) {
          textChoice = index;
          text.append(t);
          listener.onText(t);
        }
        String r = text(delta, "reasoning_content");
        if (r == null) {
          r = text(delta, "reasoning");
        }
        if (r != null && !r.isEmpty()) {
          reasoning.append(r);
          listener.onReasoning(r);
        }
        JsonNode a = delta.get("audio");
        if (a != null && a.hasNonNull("data")) {
          try {
            audio.fragment(a.get("data").asText(), listener);
          } catch (IllegalArgumentException ex) {
            throw protocol(what + ": the streamed speech cannot be read: " + ex.getMessage(), ex);
          }
        }
        String f = text(c, "finish_reason");
        if (f != null && (textChoice < 0 || textChoice == index || finishReason == null)) {
          finishReason = f;
        }
      }
      return true;
    }

    ChatResult result(ChatListener listener) {
      PcmAudio pcm;
      try {
        pcm = audio.finish(listener);
      } catch (IllegalArgumentException ex) {
        throw protocol("the streamed speech ended badly: " + ex.getMessage(), ex);
      }
      return new ChatResult(
          id, model, text.toString(), reasoning.toString(), finishReason, usage, pcm, true);
    }
  }
}
