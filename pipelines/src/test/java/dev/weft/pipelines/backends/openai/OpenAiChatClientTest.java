package dev.weft.pipelines.backends.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CancelledException;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.testing.protocol.ChatScript;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.Fault;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {
  private final CloudTestKit kit = new CloudTestKit();
  private final OpenAiChatClient chat = kit.compatChat();

  @AfterEach
  void close() {
    kit.close();
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.of("qwen3-vl-plus", List.of(ChatMessage.user(text)));
  }

  /** Collects what a stream reports. */
  private static final class Collect implements ChatListener {
    final List<String> text = new ArrayList<>();
    final List<String> reasoning = new ArrayList<>();
    final List<byte[]> audio = new ArrayList<>();
    Usage usage;

    @Override
    public void onText(String d) {
      text.add(d);
    }

    @Override
    public void onReasoning(String d) {
      reasoning.add(d);
    }

    @Override
    public void onAudio(byte[] pcm, int rate) {
      audio.add(pcm);
    }

    @Override
    public void onUsage(Usage u) {
      usage = u;
    }
  }

  @Test
  void streamedDeltasArriveInOrderEvenWhenBytesAreSplitInsideCharacters() {
    kit.server.nextChat(ChatScript.text("Grüße ", "aus ", "東京 ", "🎬!").withSplits(1, 2, 3));
    Collect c = new Collect();
    ChatResult r = chat.stream(ask("hi"), c, CancelSignal.none());
    assertThat(c.text).containsExactly("Grüße ", "aus ", "東京 ", "🎬!");
    assertThat(r.text()).isEqualTo("Grüße aus 東京 🎬!");
    assertThat(r.streamed()).isTrue();
    assertThat(r.finishReason()).isEqualTo("stop");
  }

  @Test
  void reasoningIsKeptApartFromTheAnswer() {
    kit.server.nextChat(ChatScript.text("42").withReasoning("Let me ", "think."));
    Collect c = new Collect();
    ChatResult r = chat.stream(ask("meaning?"), c, CancelSignal.none());
    assertThat(r.reasoning()).isEqualTo("Let me think.");
    assertThat(r.text()).isEqualTo("42");
    assertThat(c.reasoning).containsExactly("Let me ", "think.");
  }

  @Test
  void theUsageChunkIsRead() {
    kit.server.nextChat(ChatScript.text("a", "b", "c"));
    Collect c = new Collect();
    ChatResult r = chat.stream(ask("x"), c, CancelSignal.none());
    assertThat(r.usage()).isEqualTo(new Usage(42, 3, 45));
    assertThat(c.usage).isEqualTo(r.usage());
    var sent = kit.server.requests("POST", "/compatible-mode/").getFirst().json();
    assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
  }

  @Test
  void anErrorEventMidStreamIsReportedAsModeration() {
    kit.server.nextChat(
        ChatScript.text("one ", "two ", "three").withErrorAfter(2, "data_inspection_failed"));
    Collect c = new Collect();
    assertThatThrownBy(() -> chat.stream(ask("x"), c, CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.MODERATED));
    assertThat(c.text).containsExactly("one ", "two ");
  }

  @Test
  void aStreamThatStopsBeforeTheAnswerEndsIsAnError() {
    kit.server.nextChat(ChatScript.text("one ", "two ", "three").withDropAfter(200));
    assertThatThrownBy(() -> chat.stream(ask("x"), ChatListener.none(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CloudException.Kind.TRANSPORT);
              assertThat(e.getMessage()).contains("before the answer was complete");
            });
  }

  @Test
  void aStreamWithAFinishReasonButNoDoneIsAccepted() {
    kit.server.nextChat(ChatScript.text("fine").withoutDone());
    assertThat(chat.stream(ask("x"), ChatListener.none(), CancelSignal.none()).text())
        .isEqualTo("fine");
  }

  @Test
  void aSilentStreamIsDroppedAfterTheIdleTimeout() {
    try (CloudTestKit slow =
        new CloudTestKit(
            dev.weft.pipelines.backends.http.HttpOptions.defaults()
                .withIdleTimeout(Duration.ofMillis(300)))) {
      slow.server.nextChat(
          ChatScript.text("a", "b").withSplits(60).withPause(Duration.ofSeconds(5)));
      assertThatThrownBy(
              () -> slow.compatChat().stream(ask("x"), ChatListener.none(), CancelSignal.none()))
          .isInstanceOfSatisfying(
              CloudException.class, e -> assertThat(e.getMessage()).contains("no data for"));
    }
  }

  @Test
  void cancelClosesAnOpenStream() throws Exception {
    kit.server.nextChat(
        ChatScript.text("a ", "b ", "c ", "d ", "e")
            .withSplits(20)
            .withPause(Duration.ofMillis(200)));
    CancelSignal cancel = new CancelSignal();
    ChatListener cancelOnFirstText =
        new ChatListener() {
          @Override
          public void onText(String d) {
            cancel.cancel();
          }
        };
    assertThatThrownBy(() -> chat.stream(ask("x"), cancelOnFirstText, cancel))
        .isInstanceOf(CancelledException.class);
  }

  @Test
  void aWholeAnswerIsRead() {
    kit.server.nextChat(ChatScript.text("whole ", "answer").withReasoning("hmm"));
    ChatResult r = chat.complete(ask("x"), CancelSignal.none());
    assertThat(r.text()).isEqualTo("whole answer");
    assertThat(r.reasoning()).isEqualTo("hmm");
    assertThat(r.streamed()).isFalse();
    assertThat(r.usage().totalTokens()).isEqualTo(44);
  }

  @Test
  void modelsAreListed() {
    assertThat(kit.selfHostedChat().models(CancelSignal.none()))
        .contains("Qwen/Qwen3-VL-8B-Instruct");
  }

  @Test
  void imagePartsAndExtraFieldsGoIntoTheBody() {
    ChatRequest r =
        ChatRequest.of(
                "qwen3-vl-plus",
                List.of(
                    ChatMessage.user(
                        List.of(
                            new ContentPart.ImageUrl("data:image/png;base64,AAAA", null, 1003520),
                            new ContentPart.VideoFrames(
                                List.of("https://x/1.jpg", "https://x/2.jpg"), 2.0),
                            new ContentPart.Text("what is this?")))))
            .withMaxTokens(256)
            .withTemperature(0.2)
            .withExtra("enable_thinking", true)
            .withExtra("thinking_budget", 500);
    chat.complete(r, CancelSignal.none());
    var body = kit.server.requests("POST", "/compatible-mode/").getFirst().json();
    var content = body.path("messages").get(0).path("content");
    assertThat(content.get(0).path("image_url").path("url").asText()).startsWith("data:image/png");
    assertThat(content.get(0).path("max_pixels").asInt()).isEqualTo(1003520);
    assertThat(content.get(1).path("type").asText()).isEqualTo("video");
    assertThat(content.get(1).path("video")).hasSize(2);
    assertThat(body.path("enable_thinking").asBoolean()).isTrue();
    assertThat(body.path("thinking_budget").asInt()).isEqualTo(500);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
  }

  @Test
  void aPlainTextMessageIsSentAsAString() {
    chat.complete(ask("plain"), CancelSignal.none());
    var body = kit.server.requests("POST", "/compatible-mode/").getFirst().json();
    assertThat(body.path("messages").get(0).path("content").isTextual()).isTrue();
  }

  @Test
  void aThrottledStreamIsRetriedBeforeAnyByteArrives() {
    kit.server.failNext(Route.CHAT, Fault.throttled(1));
    assertThat(chat.stream(ask("x"), ChatListener.none(), CancelSignal.none()).text()).isNotEmpty();
    assertThat(kit.server.requests("POST", "/compatible-mode/")).hasSize(2);
  }
}
