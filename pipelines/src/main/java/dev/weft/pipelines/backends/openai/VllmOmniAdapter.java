package dev.weft.pipelines.backends.openai;

import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Qwen3-Omni on a vLLM-Omni server (spec B.5 and D). Media go as {@code image_url}, {@code
 * audio_url} and {@code video_url} parts. It asks for a stream first; a server that refuses to
 * stream ("Not support streaming output now", older versions) is asked again without, and is
 * remembered, so later calls go straight to the whole reply: text in one choice and the speech as a
 * Base64 WAV in another.
 */
public final class VllmOmniAdapter implements OmniAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(VllmOmniAdapter.class);

  private final OpenAiChatClient client;
  private final AtomicBoolean streamingRefused = new AtomicBoolean();

  public VllmOmniAdapter(OpenAiChatClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return streamingRefused.get() ? "vllm-omni-whole" : "vllm-omni-stream";
  }

  @Override
  public ChatResult talk(OmniRequest r, ChatListener listener, CancelSignal cancel) {
    ChatRequest req = request(r);
    if (!streamingRefused.get()) {
      try {
        return client.stream(req, listener, cancel, r.headers());
      } catch (CloudException e) {
        if (!refusesStreaming(e)) {
          throw e;
        }
        streamingRefused.set(true);
        LOG.info("{} does not stream Omni output; asking for whole replies", client.service());
      }
    }
    ChatResult whole = client.complete(req, cancel, r.headers());
    if (!whole.reasoning().isEmpty()) {
      listener.onReasoning(whole.reasoning());
    }
    if (!whole.text().isEmpty()) {
      listener.onText(whole.text());
    }
    if (whole.audio() != null) {
      listener.onAudio(whole.audio().pcm16le(), whole.audio().sampleRate());
    }
    listener.onUsage(whole.usage());
    return whole;
  }

  /** Whether the adapter learnt that the server does not stream. */
  public boolean streamingRefused() {
    return streamingRefused.get();
  }

  static boolean refusesStreaming(CloudException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return e.kind() == CloudException.Kind.BAD_REQUEST && m.contains("stream");
  }

  static ChatRequest request(OmniRequest r) {
    List<ContentPart> parts = new ArrayList<>();
    if (r.media() != null) {
      parts.add(
          switch (r.media().kind()) {
            case IMAGE -> new ContentPart.ImageUrl(r.media().url());
            case AUDIO -> new ContentPart.AudioUrl(r.media().url());
            case VIDEO -> new ContentPart.VideoUrl(r.media().url(), null);
          });
    }
    parts.add(new ContentPart.Text(r.prompt()));
    List<ChatMessage> messages = new ArrayList<>();
    if (r.system() != null && !r.system().isBlank()) {
      messages.add(ChatMessage.system(r.system()));
    }
    messages.add(ChatMessage.user(parts));
    ChatRequest req =
        ChatRequest.of(r.model(), messages)
            .withMaxTokens(r.maxTokens())
            .withTemperature(r.temperature());
    List<String> modalities = r.speech() ? List.of("text", "audio") : List.of("text");
    return req.withSpeech(modalities, r.speech() ? r.voice() : null, null);
  }
}
