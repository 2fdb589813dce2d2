package dev.weft.pipelines.backends.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A successful buffered reply. */
public record HttpReply(String service, String what, int status, HttpHeaders headers, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; a body that is not JSON is a protocol error naming the call. */
  public JsonNode json() {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new IOException("empty body");
      }
      return node;
    } catch (IOException e) {
      throw new CloudException(
          CloudException.Kind.PROTOCOL,
          service,
          status,
          null,
          null,
          what + " answered with a body that is not JSON: " + e.getMessage(),
          CloudException.hintFor(CloudException.Kind.PROTOCOL),
          e);
    }
  }
}
