package dev.weft.pipelines.backends.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-way switch a caller flips to stop a cloud call: waiting calls wake up, open streams are
 * closed and remote tasks are cancelled by whoever registered an action for it.
 */
public final class CancelSignal {
  private final CountDownLatch fired = new CountDownLatch(1);
  private final List<Runnable> actions = new ArrayList<>();

  /** A signal that is never fired, for callers that cannot cancel. */
  public static CancelSignal none() {
    return new CancelSignal();
  }

  public boolean isCancelled() {
    return fired.getCount() == 0;
  }

  /** Fires the signal and runs every registered action once. Later calls do nothing. */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (actions) {
      if (isCancelled()) {
        return;
      }
      fired.countDown();
      toRun = List.copyOf(actions);
      actions.clear();
    }
    RuntimeException first = null;
    for (Runnable r : toRun) {
      try {
        r.run();
      } catch (RuntimeException e) {
        // every action must get its turn; the first failure is reported after the rest ran
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Runs {@code action} when the signal fires (at once if it already has). Closing the returned
   * registration forgets the action, for work that finished first.
   */
  public Registration onCancel(Runnable action) {
    synchronized (actions) {
      if (!isCancelled()) {
        actions.add(action);
        return () -> {
          synchronized (actions) {
            actions.remove(action);
          }
        };
      }
    }
    action.run();
    return () -> {};
  }

  /** Throws {@link CancelledException} when the signal has fired. */
  public void throwIfCancelled(String what) {
    if (isCancelled()) {
      throw new CancelledException(what + " was cancelled");
    }
  }

  /**
   * Waits up to {@code timeout} or until the signal fires, whichever comes first.
   *
   * @return true when the signal fired
   */
  public boolean await(Duration timeout) {
    try {
      return fired.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted while waiting");
    }
  }

  /** An action registration; closing it unregisters the action. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
