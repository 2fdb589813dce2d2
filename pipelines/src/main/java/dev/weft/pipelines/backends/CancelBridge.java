package dev.weft.pipelines.backends;

import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.nodes.Cancellation;

/**
 * Ties a node's {@link Cancellation} to a {@link CancelSignal} for the cloud clients, so cancelling
 * the run aborts the HTTP exchange, closes the stream or cancels the remote task. Close it when the
 * node's cloud work is over.
 */
public final class CancelBridge implements AutoCloseable {
  private final CancelSignal signal = new CancelSignal();
  private final Cancellation.Registration registration;

  public CancelBridge(Cancellation cancellation) {
    this.registration = cancellation.onCancel(signal::cancel);
  }

  public CancelSignal signal() {
    return signal;
  }

  @Override
  public void close() {
    registration.close();
  }
}
