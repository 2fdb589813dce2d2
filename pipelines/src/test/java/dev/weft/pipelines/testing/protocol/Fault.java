package dev.weft.pipelines.testing.protocol;

import java.time.Duration;

/**
 * Something the protocol test server does instead of (or before) answering a request normally: an
 * error status with the service's error body, a dropped connection, or a delay.
 *
 * @param status the HTTP status to answer with, or 0 to answer normally (after the delay)
 * @param code the service's error code in the body
 * @param retryAfterSeconds a {@code Retry-After} header, or -1 for none
 * @param dropConnection close the connection without an answer
 * @param delay wait this long before acting
 */
public record Fault(
    int status,
    String code,
    String message,
    int retryAfterSeconds,
    boolean dropConnection,
    Duration delay) {

  public static Fault status(int status, String code, String message) {
    return new Fault(status, code, message, -1, false, Duration.ZERO);
  }

  public static Fault unauthorized() {
    return status(401, "InvalidApiKey", "Invalid API-key provided.");
  }

  public static Fault throttled(int retryAfterSeconds) {
    return new Fault(
        429,
        "Throttling.RateQuota",
        "Requests rate limit exceeded, please try again later.",
        retryAfterSeconds,
        false,
        Duration.ZERO);
  }

  public static Fault quotaExhausted() {
    return status(429, "Throttling.AllocationQuota", "Allocated quota exceeded.");
  }

  public static Fault internalError() {
    return status(500, "InternalError", "An internal error has occured, please try again later.");
  }

  public static Fault unavailable() {
    return status(503, "ServiceUnavailable", "Service temporarily unavailable.");
  }

  public static Fault gatewayTimeout() {
    return status(504, null, "Gateway Timeout");
  }

  /** Closes the connection without a reply. */
  public static Fault drop() {
    return new Fault(0, null, null, -1, true, Duration.ZERO);
  }

  /** Answers normally, but only after {@code delay}. */
  public static Fault slow(Duration delay) {
    return new Fault(0, null, null, -1, false, delay);
  }
}
