package dev.weft.pipelines.backends.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.weft.pipelines.backends.openai.ChatListener;
import dev.weft.pipelines.backends.openai.ChatMessage;
import dev.weft.pipelines.backends.openai.ChatRequest;
import dev.weft.pipelines.backends.openai.OpenAiChatClient;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.Fault;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer.Route;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsNeverLoggedTest {
  private static final String WRONG_KEY = "sk-not-the-right-one-77777777";
  private final CloudTestKit kit = new CloudTestKit();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger weft;
  private Level before;

  @BeforeEach
  void captureLogs() {
    weft = (Logger) LoggerFactory.getLogger("dev.weft");
    before = weft.getLevel();
    weft.setLevel(Level.DEBUG);
    logs.start();
    weft.addAppender(logs);
  }

  @AfterEach
  void restore() {
    weft.detachAppender(logs);
    weft.setLevel(before);
    kit.close();
  }

  private String allLogText() {
    StringBuilder sb = new StringBuilder();
    for (ILoggingEvent e : logs.list) {
      sb.append(e.getFormattedMessage()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void aStreamedCallWithRetriesLogsNoKey() {
    kit.server.failNext(Route.CHAT, Fault.throttled(0), Fault.unavailable());
    OpenAiChatClient chat = kit.compatChat();
    chat.stream(
        ChatRequest.of("qwen3-vl-plus", List.of(ChatMessage.user("hi"))),
        ChatListener.none(),
        CancelSignal.none());
    assertThat(logs.list).isNotEmpty();
    assertThat(allLogText()).doesNotContain(ProtocolTestServer.KEY).contains("[redacted]");
  }

  @Test
  void aRejectedKeyAppearsNeitherInLogsNorInTheError() {
    OpenAiChatClient chat =
        new OpenAiChatClient(
            kit.http,
            "DashScope",
            kit.server.baseUrl() + "/compatible-mode/v1",
            () -> Optional.of(WRONG_KEY),
            24000);
    assertThatThrownBy(() ->
            chat.complete(
                ChatRequest.of("qwen3-vl-plus", List.of(ChatMessage.user("hi"))),
                CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.getMessage()).doesNotContain(WRONG_KEY);
              assertThat(e.userMessage()).doesNotContain(WRONG_KEY);
            });
    assertThat(allLogText()).doesNotContain(WRONG_KEY);
  }
}
