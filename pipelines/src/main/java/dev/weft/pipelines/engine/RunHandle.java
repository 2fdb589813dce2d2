package dev.weft.pipelines.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run in progress: cancel it, wait for it, or be told when it ends. */
public final class RunHandle {
  private final String runId;
  private final Scheduler scheduler;
  private final CompletableFuture<RunResult> done;

  RunHandle(String runId, Scheduler scheduler, CompletableFuture<RunResult> done) {
    this.runId = runId;
    this.scheduler = scheduler;
    this.done = done;
  }

  public String runId() {
    return runId;
  }

  /** Asks every running node to stop; nodes not yet started never start. */
  public void cancel() {
    scheduler.cancel();
  }

  public boolean isDone() {
    return done.isDone();
  }

  /** Waits for the run to end. */
  public RunResult await() throws InterruptedException {
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the engine failed", e.getCause());
    }
  }

  /** Waits at most {@code timeout}; empty if the run is still going. */
  public Optional<RunResult> await(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(done.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the engine failed", e.getCause());
    }
  }

  public CompletableFuture<RunResult> future() {
    return done;
  }
}
