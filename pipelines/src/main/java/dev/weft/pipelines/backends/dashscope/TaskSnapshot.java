package dev.weft.pipelines.backends.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What one poll said about a task: its status, the error code and message of a failed task, and the
 * raw {@code output} and {@code usage} objects for the caller to read its results from.
 */
public record TaskSnapshot(
    String taskId,
    TaskStatus status,
    String code,
    String message,
    String requestId,
    JsonNode output,
    JsonNode usage) {

  /** Reads a poll or create reply: {@code {"request_id", "output": {...}, "usage": {...}}}. */
  public static TaskSnapshot of(JsonNode reply) {
    JsonNode output = reply.path("output");
    return new TaskSnapshot(
        text(output, "task_id"),
        TaskStatus.parse(text(output, "task_status")),
        text(output, "code"),
        text(output, "message"),
        text(reply, "request_id"),
        output.isMissingNode() ? MissingNode.getInstance() : output,
        reply.path("usage"));
  }

  /** A text field of {@code output}, or null. */
  public String outputText(String field) {
    return text(output, field);
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }
}
