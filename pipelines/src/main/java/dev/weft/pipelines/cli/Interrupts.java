package dev.weft.pipelines.cli;

import org.slf4j.LoggerFactory;

/** Where Ctrl-C comes from: the terminal's SIGINT, or a test. */
@FunctionalInterface
public interface Interrupts {

  /** Arranges for {@code action} to run on each interrupt until the returned handle is closed. */
  AutoCloseable onInterrupt(Runnable action);

  /** SIGINT through {@code sun.misc.Signal}, restoring the previous handler afterwards. */
  static Interrupts terminal() {
    return action -> {
      try {
        sun.misc.Signal sig = new sun.misc.Signal("INT");
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(sig, s -> action.run());
        return () -> sun.misc.Signal.handle(sig, previous);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        LoggerFactory.getLogger(Interrupts.class)
            .debug("no SIGINT handling here: {}", e.toString());
        return () -> {};
      }
    };
  }

  /** No interrupts ever. */
  static Interrupts none() {
    return action -> () -> {};
  }
}
