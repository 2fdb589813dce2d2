package dev.weft.pipelines.cli;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.WeftVersion;
import java.io.PrintStream;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The `weft` command line: {@code run}, {@code validate}, {@code nodes}, {@code help}, plus the
 * commands that model families and tools contribute through {@link CommandProvider}.
 */
@Command(
    name = "weft",
    description =
        "Weft Studio: multimodal AI pipelines on a node graph. With no command, ./weft opens the studio.",
    mixinStandardHelpOptions = true,
    versionProvider = WeftCli.Version.class,
    subcommands = {CommandLine.HelpCommand.class})
public final class WeftCli implements Runnable {

  @Option(
      names = "--verbose",
      description = "Debug logging on the terminal.",
      scope = CommandLine.ScopeType.INHERIT)
  void setVerbose(boolean v) {
    if (v) {
      env.setVerbose(true);
      verbosity.accept(true);
    }
  }

  private final Consumer<Boolean> verbosity;
  private final CliEnvironment env;

  private WeftCli(Consumer<Boolean> verbosity, CliEnvironment env) {
    this.verbosity = verbosity;
    this.env = env;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "name a command (try: weft help)");
  }

  /** Prints the version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "Weft Studio "
            + WeftVersion.get()
            + " (Java "
            + Runtime.version()
            + ", "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + ")"
      };
    }
  }

  /**
   * Runs `weft` with these arguments in a fresh context for this machine; returns the exit code.
   */
  public static int execute(
      String[] args, PrintStream out, PrintStream err, Consumer<Boolean> verbosity) {
    return execute(
        args,
        out,
        err,
        verbosity,
        () -> WeftContext.create(PlatformDirs.current()),
        Interrupts.terminal());
  }

  /** Runs `weft` with a given context (tests use their own) and interrupt source. */
  public static int execute(
      String[] args,
      PrintStream out,
      PrintStream err,
      Consumer<Boolean> verbosity,
      Supplier<WeftContext> context,
      Interrupts interrupts) {
    CliEnvironment env = new CliEnvironment(out, err, context, interrupts);
    CommandLine cli = new CommandLine(new WeftCli(verbosity, env));
    cli.addSubcommand("run", new RunCommand(env));
    cli.addSubcommand("validate", new ValidateCommand(env));
    cli.addSubcommand("nodes", new NodesCommand(env));
    cli.addSubcommand("cache", new CacheCommand(env));
    for (CommandProvider p :
        ServiceLoader.load(CommandProvider.class, WeftCli.class.getClassLoader())) {
      cli.addSubcommand(p.name(), p.create(env));
    }
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof InvalidPipelineException ip) {
        err.println(ip.userMessage());
        return ExitCodes.INVALID;
      }
      if (ex instanceof WeftException we) {
        err.println("error: " + we.userMessage());
        return ExitCodes.NODE_FAILED;
      }
      LoggerFactory.getLogger(WeftCli.class).error("weft failed", ex);
      err.println("error: internal error: " + ex + " (the log has details)");
      return ExitCodes.NODE_FAILED;
    });
    try {
      return cli.execute(args);
    } finally {
      env.closeContext();
    }
  }
}
