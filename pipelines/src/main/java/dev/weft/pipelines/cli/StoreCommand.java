package dev.weft.pipelines.cli;

import dev.weft.assets.store.StoreReport;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.engine.ResultCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft store}: the project's asset store (size, garbage collection, eviction). */
@Command(
    name = "store",
    description = "Looks after a project's asset store (.weft/store).",
    mixinStandardHelpOptions = true,
    subcommandsRepeatable = false)
public final class StoreCommand {

  private final CliEnvironment env;

  StoreCommand(CliEnvironment env) {
    this.env = env;
  }

  /** Registers the command with `weft`. */
  public static final class Provider implements CommandProvider {
    @Override
    public String name() {
      return "store";
    }

    @Override
    public Object create(CliEnvironment environment) {
      return new StoreCommand(environment);
    }
  }

  @Command(
      name = "gc",
      description =
          "Removes stored assets no cached result refers to, and leftovers of interrupted writes; with --max-size, then evicts the least recently used entries until the store fits.",
      mixinStandardHelpOptions = true)
  int gc(
      @Parameters(
              index = "0",
              arity = "0..1",
              paramLabel = "PROJECT",
              description = "The project folder (default: the current folder).")
          Path project,
      @Option(
              names = "--max-size",
              paramLabel = "SIZE",
              description =
                  "A budget such as 500M or 2G; least recently used results beyond it are evicted.")
          String maxSize)
      throws IOException {
    Path root = project == null ? Path.of("") : project;
    if (!Files.isDirectory(root.resolve(".weft"))) {
      env.err()
          .println(
              "error: "
                  + root.toAbsolutePath()
                  + " has no .weft folder, so it is not a Weft project (or it has never been run)");
      return ExitCodes.INVALID;
    }
    Long budget = null;
    if (maxSize != null) {
      budget = parseSize(maxSize);
      if (budget == null) {
        env.err()
            .println(
                "error: --max-size '"
                    + maxSize
                    + "' is not a size; write it like 500M, 2G or 1048576");
        return ExitCodes.INVALID;
      }
    }
    Project p = Project.at(root);
    ResultCache cache = p.cache();
    Set<String> live = new HashSet<>();
    for (ResultCache.Entry e : cache.entries().values()) {
      live.addAll(e.outputs().values());
    }
    long before = p.store().sizeBytes();
    StoreReport gc = p.store().gc(live);
    env.out()
        .printf(
            Locale.ROOT,
            "gc: removed %d unreferenced assets, freed %s%n",
            gc.removedHashes().size(),
            human(gc.freedBytes()));
    for (String problem : gc.problems()) {
      env.err().println("warning: unreadable entry left in place: " + problem);
    }
    if (budget != null) {
      StoreReport ev = p.store().evict(budget, Set.of());
      int forgotten = 0;
      for (Map.Entry<String, ResultCache.Entry> e : cache.entries().entrySet()) {
        if (!e.getValue().outputs().values().stream().allMatch(p.store()::contains)) {
          cache.forget(e.getKey());
          forgotten++;
        }
      }
      env.out()
          .printf(
              Locale.ROOT,
              "evict: removed %d least recently used assets (%s) to fit in %s; %d cached results will run again%n",
              ev.removedHashes().size(),
              human(ev.freedBytes()),
              human(budget),
              forgotten);
    }
    long after = p.store().sizeBytes();
    env.out()
        .printf(
            Locale.ROOT,
            "store: %s before, %s now, %d entries%n",
            human(before),
            human(after),
            countEntries(p));
    return ExitCodes.OK;
  }

  @Command(
      name = "size",
      description = "Prints how much the store holds.",
      mixinStandardHelpOptions = true)
  int size(
      @Parameters(
              index = "0",
              arity = "0..1",
              paramLabel = "PROJECT",
              description = "The project folder (default: the current folder).")
          Path project)
      throws IOException {
    Path root = project == null ? Path.of("") : project;
    Project p = Project.at(root);
    env.out()
        .printf(
            Locale.ROOT,
            "store: %s in %d entries%n",
            human(p.store().sizeBytes()),
            countEntries(p));
    return ExitCodes.OK;
  }

  private static int countEntries(Project p) throws IOException {
    Path objects = p.store().root().resolve("objects");
    if (!Files.isDirectory(objects)) {
      return 0;
    }
    try (var files = Files.walk(objects, 2)) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".meta.json")).count();
    }
  }

  static Long parseSize(String text) {
    return dev.weft.pipelines.engine.StoreBudget.parseBytes(text);
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
