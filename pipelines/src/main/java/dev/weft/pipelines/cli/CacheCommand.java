package dev.weft.pipelines.cli;

import dev.weft.pipelines.engine.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weft cache}: shows or clears a project's result cache. */
@Command(
    name = "cache",
    description = "Shows or clears the result cache of a project (the folder of a pipeline).",
    mixinStandardHelpOptions = true,
    subcommands = {CacheCommand.Info.class, CacheCommand.Clear.class})
final class CacheCommand implements Runnable {
  private final CliEnvironment env;

  CacheCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public void run() {
    env.err().println("name a sub-command: info or clear (see weft help cache)");
  }

  static Path projectOf(Path given) {
    Path p = given.toAbsolutePath().normalize();
    return Files.isRegularFile(p) ? p.getParent() : p;
  }

  /** {@code weft cache info DIR}. */
  @Command(
      name = "info",
      description = "Prints how many results the cache holds.",
      mixinStandardHelpOptions = true)
  static final class Info implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand CacheCommand parent;

    @Parameters(
        index = "0",
        paramLabel = "PROJECT",
        description = "A project folder or a pipeline in it.",
        defaultValue = ".")
    Path project;

    @Override
    public Integer call() throws Exception {
      try (Project p = Project.at(projectOf(project))) {
        parent.env.out().println(p.cache().dir() + ": " + p.cache().size() + " cached results");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code weft cache clear DIR}. */
  @Command(
      name = "clear",
      description = "Forgets every cached result: the next run executes every node.",
      mixinStandardHelpOptions = true)
  static final class Clear implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand CacheCommand parent;

    @Parameters(
        index = "0",
        paramLabel = "PROJECT",
        description = "A project folder or a pipeline in it.",
        defaultValue = ".")
    Path project;

    @Override
    public Integer call() throws Exception {
      Path dir = projectOf(project);
      if (!Files.isDirectory(dir.resolve(".weft"))) {
        parent.env.err().println(dir + " is not a Weft project (it has no .weft folder)");
        return ExitCodes.INVALID;
      }
      try (Project p = Project.at(dir)) {
        int n = p.cache().size();
        p.cache().clear();
        parent
            .env
            .out()
            .println(
                "cleared "
                    + n
                    + " cached results in "
                    + dir
                    + " (stored assets stay; `weft store gc` removes unused ones)");
      }
      return ExitCodes.OK;
    }
  }
}
