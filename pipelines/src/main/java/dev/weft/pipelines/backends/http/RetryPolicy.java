package dev.weft.pipelines.backends.http;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed call is tried again and after how long, per the retry table of the protocol spec
 * (A.6): throttling backs off exponentially with jitter and honours {@code Retry-After}; a used-up
 * quota, bad requests and bad keys fail at once; internal errors get one or two more tries;
 * unavailable gateways a few; transport failures only when resending is safe.
 *
 * @param throttleRetries retries after HTTP 429 with a throttling code (the spec: 5)
 * @param maxRetryAfter the longest {@code Retry-After} still waited for; longer fails at once
 * @param serverErrorRetries retries after HTTP 500 and other 5xx but 502, 503, 504
 * @param unavailableRetries retries after HTTP 502, 503 and 504
 * @param transportRetries retries after a failed or dropped connection
 * @param base the first backoff; each further retry doubles it
 * @param cap the longest backoff
 */
public record RetryPolicy(
    int throttleRetries,
    Duration maxRetryAfter,
    int serverErrorRetries,
    int unavailableRetries,
    int transportRetries,
    Duration base,
    Duration cap) {

  /** The spec's table: backoff 1, 2, 4, 8, 16 s with jitter. */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        5, Duration.ofSeconds(60), 2, 3, 3, Duration.ofSeconds(1), Duration.ofSeconds(16));
  }

  /** Never retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(0, Duration.ZERO, 0, 0, 0, Duration.ZERO, Duration.ZERO);
  }

  /** The same table with another time scale (tests and benchmarks shrink it). */
  public RetryPolicy withBackoff(Duration newBase, Duration newCap) {
    return new RetryPolicy(
        throttleRetries,
        maxRetryAfter,
        serverErrorRetries,
        unavailableRetries,
        transportRetries,
        newBase,
        newCap);
  }

  /** Why an attempt failed. */
  public sealed interface Failure {}

  /** The server answered with an error status. */
  public record ErrorStatus(int status, String code, Duration retryAfter) implements Failure {}

  /**
   * No usable answer came: the connection failed, dropped or timed out.
   *
   * @param requestMayHaveArrived false only when the connection was never made
   */
  public record Transport(boolean requestMayHaveArrived) implements Failure {}

  /**
   * How long to wait before retry number {@code retry} (1 for the first), or empty when the call
   * must fail now.
   */
  public Optional<Duration> delayBefore(
      int retry, Failure failure, CallKind kind, RandomGenerator random) {
    return switch (failure) {
      case ErrorStatus e -> delayForStatus(retry, e, random);
      case Transport t -> {
        if (kind == CallKind.CREATE_TASK && t.requestMayHaveArrived()) {
          yield Optional.empty();
        }
        yield retry <= transportRetries ? Optional.of(backoff(retry, random)) : Optional.empty();
      }
    };
  }

  private Optional<Duration> delayForStatus(int retry, ErrorStatus e, RandomGenerator random) {
    CloudException.Kind kind = ErrorReply.kindOf(e.status(), e.code());
    int allowed =
        switch (kind) {
          case THROTTLED -> throttleRetries;
          case SERVER -> serverErrorRetries;
          case UNAVAILABLE -> unavailableRetries;
          default -> 0;
        };
    if (retry > allowed) {
      return Optional.empty();
    }
    Duration delay = backoff(retry, random);
    if (e.retryAfter() != null) {
      if (e.retryAfter().compareTo(maxRetryAfter) > 0) {
        return Optional.empty();
      }
      if (e.retryAfter().compareTo(delay) > 0) {
        delay = e.retryAfter();
      }
    }
    return Optional.of(delay);
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  Duration backoff(int retry, RandomGenerator random) {
    long step = base.toMillis() << Math.min(retry - 1, 30);
    long capped = Math.min(step, cap.toMillis());
    long half = capped / 2;
    long jitter = half == 0 ? 0 : random.nextLong(half + 1);
    return Duration.ofMillis(capped - half + jitter);
  }
}
