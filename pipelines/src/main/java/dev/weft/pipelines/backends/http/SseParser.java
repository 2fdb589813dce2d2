package dev.weft.pipelines.backends.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * An incremental parser for {@code text/event-stream} bytes, following the WHATWG rules: lines end
 * with CR, LF or CRLF; {@code data:} lines accumulate; a blank line dispatches; lines starting with
 * a colon are comments. Bytes may arrive in any split: a line is decoded only once its end is seen,
 * and line ends are ASCII, so a UTF-8 character split across reads is never cut.
 *
 * <p>Not thread-safe: one parser per stream.
 */
public final class SseParser {
  private final Consumer<SseEvent> onEvent;
  private final Consumer<String> onComment;

  private byte[] line = new byte[256];
  private int lineLength;
  private boolean lastWasCr;
  private boolean atStreamStart = true;

  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String eventType;
  private String lastEventId;
  private Long retryMillis;
  private long eventsDispatched;

  public SseParser(Consumer<SseEvent> onEvent) {
    this(onEvent, comment -> {});
  }

  public SseParser(Consumer<SseEvent> onEvent, Consumer<String> onComment) {
    this.onEvent = onEvent;
    this.onComment = onComment;
  }

  /** Feeds the next bytes of the stream, dispatching every event they complete. */
  public void feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (lastWasCr) {
          lastWasCr = false; // the LF of a CRLF pair: the line already ended at the CR
          continue;
        }
        endLine();
      } else if (b == '\r') {
        lastWasCr = true;
        endLine();
      } else {
        lastWasCr = false;
        append(b);
      }
    }
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /**
   * Ends the stream. An event that was never closed by a blank line is dropped, as the standard
   * says: a stream cut mid-event must not deliver half of it.
   *
   * @return true when such an unfinished event (or line) was dropped
   */
  public boolean finish() {
    boolean dropped = lineLength > 0 || hasData;
    lineLength = 0;
    resetEvent();
    return dropped;
  }

  /** How many events were dispatched so far. */
  public long eventsDispatched() {
    return eventsDispatched;
  }

  private void append(byte b) {
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, line.length * 2);
    }
    line[lineLength++] = b;
  }

  private void endLine() {
    int start = 0;
    if (atStreamStart) {
      atStreamStart = false;
      if (lineLength >= 3
          && line[0] == (byte) 0xEF
          && line[1] == (byte) 0xBB
          && line[2] == (byte) 0xBF) {
        start = 3; // a UTF-8 byte order mark before the first line is ignored
      }
    }
    int len = lineLength - start;
    lineLength = 0;
    if (len == 0) {
      dispatch();
      return;
    }
    if (line[start] == ':') {
      onComment.accept(new String(line, start + 1, len - 1, StandardCharsets.UTF_8));
      return;
    }
    int colon = -1;
    for (int i = start; i < start + len; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
    }
    String field;
    String value;
    if (colon < 0) {
      field = new String(line, start, len, StandardCharsets.UTF_8);
      value = "";
    } else {
      field = new String(line, start, colon - start, StandardCharsets.US_ASCII);
      int v = colon + 1;
      if (v < start + len && line[v] == ' ') {
        v++;
      }
      value = new String(line, v, start + len - v, StandardCharsets.UTF_8);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> eventType = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          try {
            retryMillis = Long.parseLong(value);
          } catch (NumberFormatException tooLong) {
            // a retry hint beyond a long is meaningless; the standard says ignore bad values
          }
        }
      }
      default -> {
        // unknown fields are ignored by the standard
      }
    }
  }

  private void dispatch() {
    if (!hasData) {
      eventType = null; // an event without data is not dispatched, but its type is forgotten
      return;
    }
    SseEvent event =
        new SseEvent(
            eventType == null || eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType,
            data.toString(),
            lastEventId,
            retryMillis);
    resetEvent();
    eventsDispatched++;
    onEvent.accept(event);
  }

  private void resetEvent() {
    data.setLength(0);
    hasData = false;
    eventType = null;
  }
}
