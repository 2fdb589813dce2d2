package dev.weft.pipelines.models.catalog;

import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.cli.CliEnvironment;
import dev.weft.pipelines.cli.CommandProvider;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft models}: list, pull, verify, remove and register local models. */
@Command(
    name = "models",
    description = "Lists, downloads, verifies and removes the models that run on this machine.",
    mixinStandardHelpOptions = true)
public final class ModelsCommand {
  private static final int OK = 0;
  private static final int FAILED = 1;
  private static final int CANCELLED = 130;

  private final CliEnvironment env;

  @Option(
      names = "--offline",
      description = "Make no network call (also HF_HUB_OFFLINE=1 or WEFT_OFFLINE=1).",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  boolean offline;

  public ModelsCommand(CliEnvironment env) {
    this.env = env;
  }

  /** Registers {@code weft models}. */
  public static final class Provider implements CommandProvider {
    @Override
    public String name() {
      return "models";
    }

    @Override
    public Object create(CliEnvironment environment) {
      return new ModelsCommand(environment);
    }
  }

  private ModelLibrary library() {
    var services = env.context().services();
    ModelLibrary lib =
        services
            .find(ModelLibrary.class)
            .orElseGet(() -> ModelLibrary.standard(env.context().dirs(), System.getenv(), false));
    return lib.withOffline(offline || lib.offline());
  }

  private PrintStream out() {
    return env.out();
  }

  @Command(
      name = "list",
      description = "Lists the catalog's models with their size and whether they are installed.")
  int list(
      @Option(names = "--installed", description = "Only the installed ones.")
          boolean installedOnly)
      throws Exception {
    ModelLibrary lib = library();
    List<ModelStatus> all = lib.list();
    int shown = 0;
    for (ModelStatus s : all) {
      if (installedOnly && !s.isInstalled()) {
        continue;
      }
      CatalogEntry e = s.entry();
      String state =
          s.isInstalled()
              ? "installed"
              : s.missingFiles().size() < e.files().size() ? "partial" : "-";
      out()
          .printf(
              Locale.ROOT,
              "%-24s %-9s %-6s %10s  %s%s%n",
              e.id(),
              state,
              e.variant(),
              ModelDownloader.human(s.isInstalled() ? s.bytesOnDisk() : e.totalSize()),
              e.name(),
              e.fullyVerified() ? "" : "  (hashes unverified)");
      s.installed().ifPresent(m -> out().println("    " + m.where()));
      shown++;
    }
    if (shown == 0) {
      out()
          .println(
              installedOnly
                  ? "no model is installed; 'weft models list' shows the catalog"
                  : "the catalog is empty");
    }
    out().println("hub cache: " + lib.hub().root());
    return OK;
  }

  @Command(name = "pull", description = "Downloads a model (resumes a partial download).")
  int pull(
      @Parameters(paramLabel = "ID", description = "The model's id (see 'weft models list').")
          String id)
      throws Exception {
    ModelLibrary lib = library();
    DownloadCancel cancel = new DownloadCancel();
    AtomicLong lastPrint = new AtomicLong();
    try (AutoCloseable ignored = env.interrupts().onInterrupt(cancel::cancel)) {
      InstalledModel m =
          lib.pull(
              id,
              p -> {
                long now = System.nanoTime();
                if (p.fileDone() || now - lastPrint.get() > 1_000_000_000L) {
                  lastPrint.set(now);
                  env.err().println(progressLine(p));
                }
              },
              cancel);
      out().println(id + " is installed in " + m.folder());
      return OK;
    } catch (CancellationException e) {
      env.err().println("download cancelled; run 'weft models pull " + id + "' again to resume");
      return CANCELLED;
    } catch (WeftException e) {
      env.err().println(e.userMessage());
      return FAILED;
    }
  }

  static String progressLine(DownloadProgress p) {
    String pct =
        p.fraction() >= 0 ? String.format(Locale.ROOT, "%5.1f%%", p.fraction() * 100) : "    ?";
    String eta = p.remaining().map(ModelsCommand::clock).orElse("--:--");
    return String.format(
        Locale.ROOT,
        "%s  %s of %s  %s/s  ETA %s  %s%s",
        pct,
        ModelDownloader.human(p.bytes()),
        p.total() > 0 ? ModelDownloader.human(p.total()) : "?",
        ModelDownloader.human((long) p.bytesPerSecond()),
        eta,
        p.file(),
        p.fileDone() ? " done" : "");
  }

  private static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  @Command(
      name = "verify",
      description =
          "Checks installed files against the catalog's sizes and SHA-256 (all installed models without ID).")
  int verify(
      @Parameters(paramLabel = "ID", arity = "0..1", description = "The model's id.") String id)
      throws Exception {
    ModelLibrary lib = library();
    List<String> ids =
        id != null
            ? List.of(id)
            : lib.list().stream()
                .filter(ModelStatus::isInstalled)
                .map(s -> s.entry().id())
                .toList();
    if (ids.isEmpty()) {
      out().println("no model is installed");
      return OK;
    }
    boolean allOk = true;
    for (String m : ids) {
      List<FileCheck> checks = lib.verify(m);
      boolean ok = checks.stream().allMatch(FileCheck::ok);
      allOk &= ok;
      out().println(m + ": " + (ok ? "ok" : "PROBLEMS"));
      for (FileCheck c : checks) {
        out()
            .println(
                "    "
                    + c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + "  "
                    + c.path()
                    + "  "
                    + c.detail());
      }
    }
    if (!allOk) {
      env.err()
          .println(
              "some files are missing or damaged: 'weft models rm ID' then 'weft models pull ID' fetches them again");
    }
    return allOk ? OK : FAILED;
  }

  @Command(
      name = "rm",
      description =
          "Removes a downloaded model (a registered folder is only forgotten, never deleted).")
  int rm(@Parameters(paramLabel = "ID") String id) throws Exception {
    try {
      long freed = library().remove(id);
      out()
          .println(
              freed > 0
                  ? "removed " + id + ", freed " + ModelDownloader.human(freed)
                  : "removed " + id);
      return OK;
    } catch (WeftException e) {
      env.err().println(e.userMessage());
      return FAILED;
    }
  }

  @Command(
      name = "add-folder",
      description =
          "Registers a folder holding a model's files (an unpacked sherpa-onnx model, say) under an id.")
  int addFolder(
      @Parameters(paramLabel = "PATH") Path path,
      @Option(
              names = "--as",
              required = true,
              paramLabel = "ID",
              description = "The id to register it under.")
          String id)
      throws Exception {
    try {
      InstalledModel m = library().addFolder(path, id);
      out().println("registered " + m.folder() + " as " + id + " (" + m.files().size() + " files)");
      return OK;
    } catch (WeftException e) {
      env.err().println(e.userMessage());
      return FAILED;
    }
  }
}
