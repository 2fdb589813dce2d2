package dev.weft.pipelines.backends.openai;

import dev.weft.pipelines.backends.http.CancelSignal;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen3-Omni as DashScope serves it (spec A.5): always streamed, {@code modalities} and an {@code
 * audio} object with voice and format, media as {@code image_url}, {@code input_audio} or {@code
 * video_url} parts; speech returns as Base64 PCM16 fragments at 24 kHz.
 */
public final class StreamingOmniAdapter implements OmniAdapter {
  private final OpenAiChatClient client;

  public StreamingOmniAdapter(OpenAiChatClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return "omni-stream";
  }

  @Override
  public ChatResult talk(OmniRequest r, ChatListener listener, CancelSignal cancel) {
    return client.stream(request(r), listener, cancel, r.headers());
  }

  static ChatRequest request(OmniRequest r) {
    List<ContentPart> parts = new ArrayList<>();
    if (r.media() != null) {
      parts.add(
          switch (r.media().kind()) {
            case IMAGE -> new ContentPart.ImageUrl(r.media().url());
            case AUDIO ->
                new ContentPart.InputAudio(
                    r.media().url(), r.media().format() == null ? "wav" : r.media().format());
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
            .withTemperature(r.temperature())
            .withStream(true);
    return r.speech()
        ? req.withSpeech(List.of("text", "audio"), r.voice(), "wav")
        : req.withSpeech(List.of("text"), null, null);
  }
}
