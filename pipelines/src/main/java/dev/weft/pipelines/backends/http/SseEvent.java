package dev.weft.pipelines.backends.http;

/**
 * One server-sent event: its type ({@code message} unless the server named one), its data (lines
 * joined with newlines), and the last event id and retry hint seen, if any.
 */
public record SseEvent(String event, String data, String id, Long retryMillis) {
  public static final String DEFAULT_TYPE = "message";

  public boolean isType(String type) {
    return event.equals(type);
  }
}
