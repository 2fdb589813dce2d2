package dev.weft.pipelines.backends.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private final List<SseEvent> events = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private final SseParser parser = new SseParser(events::add, comments::add);

  private void feed(String s) {
    parser.feed(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void blankLineDispatchesTheEvent() {
    feed("data: hello\n");
    assertThat(events).isEmpty();
    feed("\n");
    assertThat(events).containsExactly(new SseEvent("message", "hello", null, null));
  }

  @Test
  void multipleDataLinesJoinWithNewlines() {
    feed("data: one\ndata: two\ndata:three\n\n");
    assertThat(events.getFirst().data()).isEqualTo("one\ntwo\nthree");
  }

  @Test
  void onlyOneLeadingSpaceIsStripped() {
    feed("data:  two spaces\n\n");
    assertThat(events.getFirst().data()).isEqualTo(" two spaces");
  }

  @Test
  void bytesFedOneAtATimeGiveTheSameEventsIncludingSplitUtf8() {
    String stream = "event: delta\ndata: {\"t\":\"你好 🎬 ✓\"}\n\ndata: second\r\n\r\n";
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      parser.feed(new byte[] {b});
    }
    assertThat(events)
        .containsExactly(
            new SseEvent("delta", "{\"t\":\"你好 🎬 ✓\"}", null, null),
            new SseEvent("message", "second", null, null));
  }

  @Test
  void crAtTheEndOfOneReadAndLfAtTheStartOfTheNextEndOneLine() {
    feed("data: a\r");
    feed("\n\r");
    feed("\n");
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().data()).isEqualTo("a");
  }

  @Test
  void bareCrEndsLines() {
    feed("data: a\r\rdata: b\r\r");
    assertThat(events).extracting(SseEvent::data).containsExactly("a", "b");
  }

  @Test
  void commentsAreReportedButDispatchNothing() {
    feed(": keep-alive\n\n");
    assertThat(events).isEmpty();
    assertThat(comments).containsExactly(" keep-alive");
  }

  @Test
  void idAndRetryAreCarriedOnLaterEvents() {
    feed("id: 7\nretry: 1500\ndata: x\n\ndata: y\n\n");
    assertThat(events.get(1).id()).isEqualTo("7");
    assertThat(events.get(1).retryMillis()).isEqualTo(1500L);
  }

  @Test
  void badRetryValueIsIgnored() {
    feed("retry: soon\ndata: x\n\n");
    assertThat(events.getFirst().retryMillis()).isNull();
  }

  @Test
  void eventWithoutDataIsNotDispatchedAndItsTypeIsForgotten() {
    feed("event: ping\n\ndata: x\n\n");
    assertThat(events).containsExactly(new SseEvent("message", "x", null, null));
  }

  @Test
  void unfinishedEventAtTheEndIsDropped() {
    feed("data: complete\n\ndata: cut off");
    assertThat(parser.finish()).isTrue();
    assertThat(events).extracting(SseEvent::data).containsExactly("complete");
  }

  @Test
  void byteOrderMarkAtTheStartIsIgnored() {
    parser.feed(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    feed("data: x\n\n");
    assertThat(events.getFirst().data()).isEqualTo("x");
  }

  @Test
  void fieldWithoutColonCountsAsEmptyValue() {
    feed("data\n\n");
    assertThat(events).containsExactly(new SseEvent("message", "", null, null));
  }

  @Test
  void longLinesGrowTheBuffer() {
    String big = "x".repeat(100_000);
    feed("data: " + big + "\n\n");
    assertThat(events.getFirst().data()).hasSize(100_000);
  }
}
