package dev.weft.pipelines.testing.protocol;

import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CancelledException;
import dev.weft.pipelines.backends.http.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Sleeper} that records each wait and returns at once, so retry tests run instantly. */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration, CancelSignal cancel) {
    if (cancel.isCancelled()) {
      throw new CancelledException("cancelled while waiting");
    }
    waits.add(duration);
    Thread.yield();
  }

  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
