package dev.weft.app.models;

import dev.weft.app.inspector.ModelChoice;
import dev.weft.app.inspector.ModelChoices;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.models.catalog.DownloadCancel;
import dev.weft.pipelines.models.catalog.DownloadProgress;
import dev.weft.pipelines.models.catalog.FileCheck;
import dev.weft.pipelines.models.catalog.HubCache;
import dev.weft.pipelines.models.catalog.ModelCatalog;
import dev.weft.pipelines.models.catalog.ModelDownloader;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import dev.weft.pipelines.models.catalog.ModelStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Models dialog's state over the model library: every catalog model with what is on disk,
 * downloads with progress and cancel, verify, remove and registering a local folder. Library calls
 * run on the background executor; progress reaches the UI at most once per UI turn. Also the model
 * picker's source of choices.
 */
public final class ModelsViewModel implements ModelChoices {
  private static final Logger LOG = LoggerFactory.getLogger(ModelsViewModel.class);

  /** A download in progress: its fraction (negative: unknown) and a readable line. */
  public record Progress(double fraction, String text) {}

  private final ModelLibrary library;
  private final Executor background;
  private final Executor ui;
  private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableList<ModelRow> rowsView = FXCollections.unmodifiableObservableList(rows);
  private final ObservableMap<String, Progress> downloads = FXCollections.observableHashMap();
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableMap<String, Progress> downloadsView =
      FXCollections.unmodifiableObservableMap(downloads);
  private final Map<String, DownloadCancel> cancels = new ConcurrentHashMap<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private volatile List<ModelRow> snapshot = List.of();

  public ModelsViewModel(ModelLibrary library, Executor background, Executor ui) {
    this.library = library;
    this.background = background;
    this.ui = ui;
  }

  /** The library as this machine has it: the built-in catalog plus the user's, the hub cache. */
  public static ModelLibrary standardLibrary(PlatformDirs dirs, Map<String, String> env) {
    ModelLibrary.Settings s = ModelLibrary.Settings.from(env, dirs.data(), dirs.config(), false);
    return new ModelLibrary(
        ModelCatalog.withUserFile(dirs.config().resolve("models.json")),
        HubCache.standard(env, System.getProperty("user.home", ".")),
        s,
        new ModelDownloader(
            ModelDownloader.httpClient(env, ModelDownloader.Settings.defaults().connectTimeout()),
            ModelDownloader.Settings.defaults()));
  }

  public ObservableList<ModelRow> rows() {
    return rowsView;
  }

  public ObservableMap<String, Progress> downloads() {
    return downloadsView;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public boolean offline() {
    return library.offline();
  }

  /** Reads what is on disk (off the UI thread). */
  public void refresh() {
    busy.set(true);
    background.execute(() -> {
      try {
        List<ModelRow> list = library.list().stream().map(ModelRow::of).toList();
        snapshot = list;
        ui.execute(() -> {
          rows.setAll(list);
          busy.set(false);
        });
      } catch (IOException | RuntimeException e) {
        LOG.warn("the model list cannot be read", e);
        ui.execute(() -> {
          message.set("The model list cannot be read: " + e.getMessage());
          busy.set(false);
        });
      }
    });
  }

  /** Refreshes and waits (for the model picker at start-up, off the UI thread). */
  public void refreshNow() {
    try {
      snapshot = library.list().stream().map(ModelRow::of).toList();
      List<ModelRow> list = snapshot;
      ui.execute(() -> rows.setAll(list));
    } catch (IOException | RuntimeException e) {
      LOG.warn("the model list cannot be read", e);
    }
  }

  @Override
  public List<ModelChoice> choices(String family, String task) {
    return snapshot.stream()
        .filter(r -> blank(family) || r.family().equalsIgnoreCase(family))
        .filter(r -> blank(task) || r.task().equalsIgnoreCase(task))
        .map(r -> new ModelChoice(r.id(), r.name(), r.installed()))
        .toList();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  public void download(String id) {
    if (cancels.containsKey(id)) {
      return;
    }
    DownloadCancel cancel = new DownloadCancel();
    cancels.put(id, cancel);
    downloads.put(id, new Progress(-1, "starting…"));
    AtomicReference<DownloadProgress> latest = new AtomicReference<>();
    AtomicBoolean queued = new AtomicBoolean();
    background.execute(() -> {
      try {
        library.pull(
            id,
            p -> {
              latest.set(p);
              if (queued.compareAndSet(false, true)) {
                ui.execute(() -> {
                  queued.set(false);
                  DownloadProgress d = latest.get();
                  if (d != null && cancels.containsKey(id)) {
                    downloads.put(id, new Progress(d.fraction(), describe(d)));
                  }
                });
              }
            },
            cancel);
        ui.execute(() -> finished(id, "Downloaded " + id));
      } catch (WeftException e) {
        ui.execute(() -> finished(id, e.userMessage()));
      } catch (IOException | RuntimeException e) {
        LOG.warn("downloading {} failed", id, e);
        ui.execute(() ->
            finished(
                id,
                cancel.isCancelled()
                    ? "Stopped downloading " + id
                    : "Download of " + id + " failed: " + e.getMessage()));
      }
    });
  }

  private void finished(String id, String text) {
    cancels.remove(id);
    downloads.remove(id);
    message.set(text);
    refresh();
  }

  public void cancelDownload(String id) {
    DownloadCancel c = cancels.get(id);
    if (c != null) {
      c.cancel();
    }
  }

  public void remove(String id) {
    background.execute(() -> {
      try {
        long freed = library.remove(id);
        ui.execute(() -> {
          message.set("Removed " + id + " (" + size(freed) + " freed)");
          refresh();
        });
      } catch (IOException | RuntimeException e) {
        ui.execute(() -> message.set("Cannot remove " + id + ": " + e.getMessage()));
      }
    });
  }

  public void verify(String id) {
    message.set("Verifying " + id + "…");
    background.execute(() -> {
      try {
        List<FileCheck> checks = library.verify(id);
        long bad = checks.stream().filter(c -> !c.ok()).count();
        String text =
            bad == 0
                ? id + ": all " + checks.size() + " files check out"
                : id
                    + ": "
                    + bad
                    + " of "
                    + checks.size()
                    + " files fail their check ("
                    + checks.stream()
                        .filter(c -> !c.ok())
                        .map(c -> c.path() + ": " + c.detail())
                        .findFirst()
                        .orElse("")
                    + ")";
        ui.execute(() -> message.set(text));
      } catch (IOException | RuntimeException e) {
        ui.execute(() -> message.set("Cannot verify " + id + ": " + e.getMessage()));
      }
    });
  }

  public void addFolder(Path folder, String id) {
    background.execute(() -> {
      try {
        library.addFolder(folder, id);
        ui.execute(() -> {
          message.set("Registered " + folder + " as " + id);
          refresh();
        });
      } catch (IOException | RuntimeException e) {
        ui.execute(() -> message.set("Cannot register " + folder + ": " + e.getMessage()));
      }
    });
  }

  /** The status of one model (tests). */
  public ModelStatus status(String id) throws IOException {
    return library.status(id);
  }

  static String describe(DownloadProgress p) {
    String s = size(p.bytes()) + (p.total() > 0 ? " of " + size(p.total()) : "");
    if (p.bytesPerSecond() > 0) {
      s += " · " + size((long) p.bytesPerSecond()) + "/s";
    }
    if (p.remaining().isPresent()) {
      long sec = p.remaining().get().toSeconds();
      s += " · " + (sec >= 60 ? sec / 60 + " min " : "") + sec % 60 + " s left";
    }
    return s;
  }

  public static String size(long bytes) {
    if (bytes < 0) {
      return "?";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
  }
}
