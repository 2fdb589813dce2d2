package dev.weft.pipelines.testing.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request the protocol test server received, for tests to check what a client sent. */
public record RecordedRequest(
    String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A header's first value, case-insensitively. */
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .findFirst();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("request body is not JSON: " + bodyText(), e);
    }
  }
}
