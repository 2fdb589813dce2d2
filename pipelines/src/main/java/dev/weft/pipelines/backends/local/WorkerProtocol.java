package dev.weft.pipelines.backends.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The worker's wire format: one JSON object per line on the child's standard input and output.
 * Requests: {@code run}, {@code cancel}, {@code shutdown}. Replies: {@code ready}, {@code
 * progress}, {@code result}, {@code error}. Only references cross: asset hashes and file paths.
 */
final class WorkerProtocol {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private WorkerProtocol() {}

  static ObjectNode message(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  static JsonNode parse(String line) throws IOException {
    return JSON.readTree(line);
  }

  /** Writes one message as a line; callers hold the stream's lock. */
  static void write(OutputStream out, JsonNode message) throws IOException {
    synchronized (out) {
      out.write(JSON.writeValueAsString(message).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      out.flush();
    }
  }
}
