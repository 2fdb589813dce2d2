package dev.weft.pipelines.engine;

import dev.weft.pipelines.nodes.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A cancellation signal that can be fired once and runs the actions registered on it. */
final class CancellationToken implements Cancellation {
  private static final Logger LOG = LoggerFactory.getLogger(CancellationToken.class);
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public Registration onCancel(Runnable action) {
    actions.add(action);
    if (cancelled.get() && actions.remove(action)) {
      runQuietly(action);
    }
    return () -> actions.remove(action);
  }

  void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      for (Runnable a : actions) {
        if (actions.remove(a)) {
          runQuietly(a);
        }
      }
    }
  }

  private static void runQuietly(Runnable a) {
    try {
      a.run();
    } catch (RuntimeException e) {
      LOG.warn("a cancel action failed", e);
    }
  }
}
