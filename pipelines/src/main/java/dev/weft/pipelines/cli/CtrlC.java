package dev.weft.pipelines.cli;

import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How every command that runs a pipeline waits for it: the first Ctrl-C cancels the run (running
 * nodes are told to stop, nothing half-made enters the store), a second quits at once.
 */
public final class CtrlC {
  /** How long a command waits for nodes to stop after Ctrl-C before giving up on them. */
  public static final Duration GRACE = Duration.ofSeconds(5);

  private CtrlC() {}

  /**
   * Waits for a run to end.
   *
   * @param cancelled set by the first Ctrl-C; a command that runs several pipelines passes the same
   *     flag to each, so that a Ctrl-C during one counts for all
   * @return the run's result, or empty when it was cancelled and did not stop within {@link #GRACE}
   */
  public static Optional<RunResult> await(
      CliEnvironment env, RunHandle handle, AtomicBoolean cancelled) throws InterruptedException {
    AtomicLong cancelledAt = new AtomicLong();
    try (AutoCloseable ignored =
        env.interrupts()
            .onInterrupt(() -> {
              if (cancelled.compareAndSet(false, true)) {
                env.err().println("weft: cancelling (Ctrl-C again to quit at once)");
                cancelledAt.set(System.nanoTime());
                handle.cancel();
              } else {
                Runtime.getRuntime().halt(ExitCodes.CANCELLED);
              }
            })) {
      while (true) {
        Optional<RunResult> result = handle.await(Duration.ofMillis(200));
        if (result.isPresent()) {
          return result;
        }
        long at = cancelledAt.get();
        if (at != 0 && System.nanoTime() - at > GRACE.toNanos()) {
          env.err()
              .println(
                  "weft: some nodes did not stop within " + GRACE.toSeconds() + " s; leaving them");
          return Optional.empty();
        }
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("could not undo the Ctrl-C handling", e);
    }
  }
}
