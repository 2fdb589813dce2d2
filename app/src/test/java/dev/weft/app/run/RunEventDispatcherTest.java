package dev.weft.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pipelines.engine.RunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunEventDispatcherTest {
  private final List<Runnable> uiQueue = new ArrayList<>();
  private final List<List<RunEvent>> batches = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final RunEventDispatcher dispatcher =
      new RunEventDispatcher(uiQueue::add, timer, 33, clock::get, batches::add);
  private long seq;

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private RunEvent.NodeProgress progress(String node, double f) {
    return new RunEvent.NodeProgress("r", seq++, Instant.EPOCH, node, f, "");
  }

  private void runUi() {
    List<Runnable> tasks = new ArrayList<>(uiQueue);
    uiQueue.clear();
    tasks.forEach(Runnable::run);
  }

  @Test
  void keepsOnlyTheLatestProgressOfEachNodePerBatch() {
    for (int i = 0; i < 1000; i++) {
      dispatcher.onEvent(progress("a", i / 1000.0));
      dispatcher.onEvent(progress("b", i / 1000.0));
    }
    runUi();
    assertThat(batches).hasSize(1);
    assertThat(batches.getFirst())
        .extracting(e -> ((RunEvent.NodeProgress) e).fraction())
        .containsExactly(0.999, 0.999);
  }

  @Test
  void schedulesOneFlushForManyEvents() {
    for (int i = 0; i < 50; i++) {
      dispatcher.onEvent(progress("a", 0.5));
    }
    assertThat(uiQueue).hasSize(1);
  }

  @Test
  void deliversEveryStateChangeInOrder() {
    dispatcher.onEvent(new RunEvent.NodeQueued("r", seq++, Instant.EPOCH, "a", "cpu"));
    dispatcher.onEvent(new RunEvent.NodeStarted("r", seq++, Instant.EPOCH, "a", "cpu"));
    dispatcher.onEvent(progress("a", 0.2));
    dispatcher.onEvent(
        new RunEvent.NodeFinished("r", seq++, Instant.EPOCH, "a", java.util.Map.of(), 5));
    runUi();
    assertThat(batches.getFirst())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("NodeQueued", "NodeStarted", "NodeProgress", "NodeFinished");
  }

  @Test
  void aFlushSoonAfterTheLastOneWaitsForTheTimer() throws Exception {
    dispatcher.onEvent(progress("a", 0.1));
    runUi();
    dispatcher.onEvent(progress("a", 0.2));
    // the clock has not moved: the next flush must go through the timer, not straight to the UI
    assertThat(uiQueue).isEmpty();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (uiQueue.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    runUi();
    assertThat(batches).hasSize(2);
  }
}
