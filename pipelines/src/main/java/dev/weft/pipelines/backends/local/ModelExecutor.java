package dev.weft.pipelines.backends.local;

import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * What the engine calls to run a local model: a coarse job in, output asset hashes out. The
 * worker-process executor and the in-process one behave the same; failures are {@link
 * dev.weft.pipelines.WeftException}s, cancel is a {@link
 * java.util.concurrent.CancellationException}.
 */
public interface ModelExecutor extends AutoCloseable {

  /** Runs the job; {@code control} carries cancel and receives progress. */
  Map<String, String> execute(ModelJob job, RunControl control);

  @Override
  void close();

  /** Cancel from the caller's side and progress towards it. */
  final class RunControl {
    private volatile boolean cancelled;
    private volatile Runnable onCancel = () -> {};
    private final DoubleConsumer progress;

    public RunControl(DoubleConsumer progress) {
      this.progress = progress;
    }

    public static RunControl none() {
      return new RunControl(p -> {});
    }

    public void cancel() {
      cancelled = true;
      onCancel.run();
    }

    public boolean isCancelled() {
      return cancelled;
    }

    public void progress(double fraction) {
      progress.accept(fraction);
    }

    void onCancel(Runnable r) {
      onCancel = r;
      if (cancelled) {
        r.run();
      }
    }
  }
}
