package dev.weft.pipelines.backends.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The error a service put in a reply body, in either of the two shapes seen: DashScope native
 * {@code {"request_id","code","message"}} and OpenAI-compatible {@code {"error":{"message","type",
 * "code"}}}.
 */
public record ErrorReply(String code, String message, String requestId) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads an error body; a body that is not JSON becomes its (shortened) text. */
  public static ErrorReply parse(byte[] body) {
    if (body == null || body.length == 0) {
      return new ErrorReply(null, null, null);
    }
    try {
      return of(JSON.readTree(body));
    } catch (IOException notJson) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      return new ErrorReply(null, text.length() > 300 ? text.substring(0, 300) + "…" : text, null);
    }
  }

  /** Reads the error held in a JSON value (a whole body or an SSE event). */
  public static ErrorReply of(JsonNode node) {
    if (node == null || !node.isObject()) {
      return new ErrorReply(null, node == null ? null : node.toString(), null);
    }
    String requestId = text(node, "request_id");
    JsonNode err = node.get("error");
    if (err != null && err.isObject()) {
      String code = text(err, "code");
      if (code == null) {
        code = text(err, "type");
      }
      return new ErrorReply(code, text(err, "message"), requestId);
    }
    if (err != null && err.isTextual()) {
      return new ErrorReply(text(node, "code"), err.asText(), requestId);
    }
    String message = text(node, "message");
    if (message == null) {
      message = text(node, "msg");
    }
    return new ErrorReply(text(node, "code"), message, requestId);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** What kind of failure a status and code mean (spec A.6). */
  public static CloudException.Kind kindOf(int status, String code) {
    String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
    if (c.contains("datainspection") || c.contains("data_inspection")) {
      return CloudException.Kind.MODERATED;
    }
    if (c.contains("arrearage")) {
      return CloudException.Kind.BILLING;
    }
    if (status == 401 || status == 403 || c.contains("invalidapikey") || c.contains("api_key")) {
      return CloudException.Kind.AUTH;
    }
    if (status == 429) {
      return c.contains("allocationquota") || c.contains("insufficient_quota")
          ? CloudException.Kind.QUOTA
          : CloudException.Kind.THROTTLED;
    }
    if (status == 502 || status == 503 || status == 504) {
      return CloudException.Kind.UNAVAILABLE;
    }
    if (status >= 500) {
      return CloudException.Kind.SERVER;
    }
    return CloudException.Kind.BAD_REQUEST;
  }

  /** The exception for this reply, its text passed through {@code redactor}. */
  public CloudException toException(String service, String what, int status, Redactor redactor) {
    CloudException.Kind kind = kindOf(status, code);
    StringBuilder sb = new StringBuilder(what).append(" failed");
    if (status > 0) {
      sb.append(": HTTP ").append(status);
    }
    if (code != null) {
      sb.append(" ").append(code);
    }
    if (message != null && !message.isBlank()) {
      sb.append(": ").append(message.strip());
    }
    if (requestId != null) {
      sb.append(" (request id ").append(requestId).append(')');
    }
    return new CloudException(
        kind,
        service,
        status,
        code,
        requestId,
        redactor.redact(sb.toString()),
        CloudException.hintFor(kind),
        null);
  }
}
