package dev.weft.pipelines.cli;

import dev.weft.pipelines.WeftContext;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * What commands share: the output streams, the (lazily built) engine context, and where Ctrl-C
 * comes from.
 */
public final class CliEnvironment {
  private final PrintStream out;
  private final PrintStream err;
  private final Supplier<WeftContext> context;
  private final Interrupts interrupts;
  private WeftContext built;
  private volatile boolean verbose;

  public CliEnvironment(
      PrintStream out, PrintStream err, Supplier<WeftContext> context, Interrupts interrupts) {
    this.out = out;
    this.err = err;
    this.context = context;
    this.interrupts = interrupts;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  /** Whether `--verbose` was given: commands then print log lines too. */
  public boolean verbose() {
    return verbose;
  }

  void setVerbose(boolean v) {
    verbose = v;
  }

  public Interrupts interrupts() {
    return interrupts;
  }

  /** The engine context, built on first use (so `weft --version` stays instant). */
  public synchronized WeftContext context() {
    if (built == null) {
      built = context.get();
    }
    return built;
  }

  synchronized void closeContext() {
    if (built != null) {
      built.close();
      built = null;
    }
  }
}
