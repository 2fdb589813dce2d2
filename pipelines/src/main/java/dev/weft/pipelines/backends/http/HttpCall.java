package dev.weft.pipelines.backends.http;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call to describe before sending: who it goes to (for messages), what it does, the request,
 * whether it may be resent, and the retry table to use.
 *
 * @param service the service named in errors, e.g. {@code DashScope} or an endpoint's name
 * @param what what the call does, e.g. {@code "video task create"}
 */
public record HttpCall(
    String service,
    String what,
    String method,
    URI uri,
    Map<String, String> headers,
    BodyPublisher body,
    CallKind kind,
    RetryPolicy retry) {

  public HttpCall {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(retry, "retry");
  }

  public static HttpCall get(String service, String what, URI uri) {
    return new HttpCall(
        service, what, "GET", uri, Map.of(), null, CallKind.READ, RetryPolicy.standard());
  }

  /** A POST of a JSON body. */
  public static HttpCall postJson(String service, String what, URI uri, String json) {
    return new HttpCall(
        service,
        what,
        "POST",
        uri,
        Map.of("Content-Type", "application/json"),
        BodyPublishers.ofString(json, StandardCharsets.UTF_8),
        CallKind.GENERATE,
        RetryPolicy.standard());
  }

  public static HttpCall post(
      String service, String what, URI uri, String contentType, BodyPublisher body) {
    return new HttpCall(
        service,
        what,
        "POST",
        uri,
        Map.of("Content-Type", contentType),
        body,
        CallKind.GENERATE,
        RetryPolicy.standard());
  }

  public HttpCall header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpCall(service, what, method, uri, h, body, kind, retry);
  }

  /** Adds {@code Authorization: Bearer key} when a key is given. */
  public HttpCall bearer(String key) {
    return key == null || key.isEmpty() ? this : header("Authorization", "Bearer " + key);
  }

  public HttpCall kind(CallKind newKind) {
    return new HttpCall(service, what, method, uri, headers, body, newKind, retry);
  }

  public HttpCall retry(RetryPolicy newRetry) {
    return new HttpCall(service, what, method, uri, headers, body, kind, newRetry);
  }
}
