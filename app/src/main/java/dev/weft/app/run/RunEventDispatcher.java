package dev.weft.app.run;

import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Carries engine events (arriving on engine threads) to the UI thread in batches, at most {@code
 * 1000 / intervalMillis} batches a second. Within a batch only the latest progress and the latest
 * preview of each node survive, so a node that reports a thousand times a second costs the UI at
 * most one update per batch; every other event is delivered, in order.
 */
public final class RunEventDispatcher implements RunListener {
  /** About 30 updates a second. */
  public static final long DEFAULT_INTERVAL_MILLIS = 33;

  private final Executor ui;
  private final ScheduledExecutorService timer;
  private final LongSupplier nanos;
  private final long intervalNanos;
  private final Consumer<List<RunEvent>> sink;
  private final Object lock = new Object();
  private Map<Object, RunEvent> pending = new LinkedHashMap<>();
  private boolean scheduled;
  private long lastFlush = Long.MIN_VALUE / 2;
  private long delivered;
  private long received;

  /** Keys that coalesce: one per node and kind. */
  private record Coalesced(String node, Class<?> kind) {}

  public RunEventDispatcher(
      Executor ui,
      ScheduledExecutorService timer,
      long intervalMillis,
      LongSupplier nanos,
      Consumer<List<RunEvent>> sink) {
    this.ui = ui;
    this.timer = timer;
    this.nanos = nanos;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    this.sink = sink;
  }

  @Override
  public void onEvent(RunEvent event) {
    boolean schedule;
    long delay = 0;
    synchronized (lock) {
      received++;
      Object key =
          switch (event) {
            case RunEvent.NodeProgress p -> new Coalesced(p.nodeId(), RunEvent.NodeProgress.class);
            case RunEvent.NodePreview p -> new Coalesced(p.nodeId(), RunEvent.NodePreview.class);
            default -> event.seq();
          };
      pending.put(key, event);
      schedule = !scheduled;
      if (schedule) {
        scheduled = true;
        long since = nanos.getAsLong() - lastFlush;
        delay = Math.max(0, intervalNanos - since);
      }
    }
    if (schedule) {
      if (delay == 0) {
        ui.execute(this::flush);
      } else {
        timer.schedule(() -> ui.execute(this::flush), delay, TimeUnit.NANOSECONDS);
      }
    }
  }

  /** Delivers what is pending now (runs on the UI thread). */
  public void flush() {
    List<RunEvent> batch;
    synchronized (lock) {
      batch = new ArrayList<>(pending.values());
      pending = new LinkedHashMap<>();
      scheduled = false;
      lastFlush = nanos.getAsLong();
      delivered += batch.size();
    }
    if (!batch.isEmpty()) {
      sink.accept(batch);
    }
  }

  /** Events received from the engine so far. */
  public long received() {
    synchronized (lock) {
      return received;
    }
  }

  /** Events handed to the UI so far (after coalescing). */
  public long delivered() {
    synchronized (lock) {
      return delivered;
    }
  }
}
