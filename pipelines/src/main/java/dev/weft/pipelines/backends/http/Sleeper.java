package dev.weft.pipelines.backends.http;

import java.time.Duration;

/** Waits between retries and polls; tests pass one that records the waits instead. */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration}, returning early with a {@link CancelledException} when {@code
   * cancel} fires.
   */
  void sleep(Duration duration, CancelSignal cancel);

  /** Real waiting that wakes up at once when the call is cancelled. */
  static Sleeper real() {
    return (duration, cancel) -> {
      if (cancel.await(duration)) {
        throw new CancelledException("cancelled while waiting");
      }
    };
  }
}
