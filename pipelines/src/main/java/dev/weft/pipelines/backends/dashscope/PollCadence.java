package dev.weft.pipelines.backends.dashscope;

import java.time.Duration;

/**
 * How often a task is polled: the official SDK starts at 1 s, doubles the wait every 3 polls and
 * caps it at 5 s (protocol spec A.1.6).
 */
public record PollCadence(Duration initial, int doubleEvery, Duration cap) {

  public static PollCadence sdk() {
    return new PollCadence(Duration.ofSeconds(1), 3, Duration.ofSeconds(5));
  }

  /** The wait after poll number {@code poll} (1 for the first). */
  public Duration waitAfter(int poll) {
    int doublings = Math.min((poll - 1) / doubleEvery, 30);
    long ms = initial.toMillis() << doublings;
    return Duration.ofMillis(Math.min(ms, cap.toMillis()));
  }
}
