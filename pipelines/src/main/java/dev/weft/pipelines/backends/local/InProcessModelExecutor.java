package dev.weft.pipelines.backends.local;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/** Runs model jobs in this process (tests, and machines where a worker cannot start). */
public final class InProcessModelExecutor implements ModelExecutor {
  private final ModelHost host;

  public InProcessModelExecutor(ModelHost host) {
    this.host = host;
  }

  @Override
  public Map<String, String> execute(ModelJob job, RunControl control) {
    String id = UUID.randomUUID().toString();
    control.onCancel(() -> host.terminate(id));
    try {
      return onPlatformThread(() -> host.run(id, job, control::isCancelled, control::progress));
    } catch (CancellationException e) {
      throw e;
    } catch (Exception e) {
      if (control.isCancelled()) {
        throw new CancellationException(job.model().modelId() + ": cancelled");
      }
      throw failure(job, e);
    }
  }

  /**
   * Native inference pins a virtual thread's carrier for its whole run; hop to a platform thread.
   */
  private static <T> T onPlatformThread(java.util.concurrent.Callable<T> work) throws Exception {
    if (!Thread.currentThread().isVirtual()) {
      return work.call();
    }
    java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
    Thread t = Thread.ofPlatform().name("weft-inprocess-model").stackSize(16L << 20).start(task);
    try {
      return task.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    } finally {
      t.join();
    }
  }

  static WeftException failure(ModelJob job, Throwable e) {
    if (e instanceof WeftException w) {
      return w;
    }
    return new WeftException(
        job.model().modelId() + " (" + job.model().runner() + ") failed: " + e.getMessage(),
        Location.of("model " + job.model().modelId()),
        null,
        e);
  }

  @Override
  public void close() {
    host.close();
  }
}
