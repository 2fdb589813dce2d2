package dev.weft.pipelines.engine;

/**
 * Receives a run's events. Called on the engine's threads, one event at a time, in order; keep it
 * quick (hand work to another thread: the studio coalesces events before touching the UI).
 */
@FunctionalInterface
public interface RunListener {
  RunListener NONE = event -> {};

  void onEvent(RunEvent event);

  /** Both listeners, this one first. */
  default RunListener andThen(RunListener other) {
    return event -> {
      onEvent(event);
      other.onEvent(event);
    };
  }
}
