package dev.weft.pipelines.nodes;

import java.util.concurrent.CancellationException;

/**
 * The signal that a run (or one node) should stop. Long work checks {@link #isCancelled()} between
 * steps; blocking work registers an action ({@link #onCancel}) that interrupts it, such as aborting
 * an HTTP stream or terminating an ONNX Runtime run.
 */
public interface Cancellation {

  boolean isCancelled();

  /** Throws {@link CancellationException} when cancelled. */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancellationException("cancelled");
    }
  }

  /**
   * Runs {@code action} once when cancellation happens (at once if it already has). Close the
   * returned registration when the work it guards is over.
   */
  Registration onCancel(Runnable action);

  /** A registered cancel action; closing it unregisters the action. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
