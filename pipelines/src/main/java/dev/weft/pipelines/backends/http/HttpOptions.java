package dev.weft.pipelines.backends.http;

import java.time.Duration;

/**
 * Time limits for cloud calls.
 *
 * @param connectTimeout how long a connection may take to open
 * @param requestTimeout how long a whole buffered reply, or the headers of a stream, may take
 * @param idleTimeout how long a stream or download may go without a byte before it is dropped
 * @param userAgent the {@code User-Agent} sent with every call
 */
public record HttpOptions(
    Duration connectTimeout, Duration requestTimeout, Duration idleTimeout, String userAgent) {

  public static HttpOptions defaults() {
    return new HttpOptions(
        Duration.ofSeconds(15), Duration.ofSeconds(120), Duration.ofSeconds(90), "Weft/0.1");
  }

  public HttpOptions withIdleTimeout(Duration d) {
    return new HttpOptions(connectTimeout, requestTimeout, d, userAgent);
  }

  public HttpOptions withRequestTimeout(Duration d) {
    return new HttpOptions(connectTimeout, d, idleTimeout, userAgent);
  }
}
