package dev.weft.app.studio;

import dev.weft.app.canvas.CanvasGeometry;
import dev.weft.app.canvas.CanvasViewModel;
import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.document.SeedLocks;
import dev.weft.app.edit.Wiring;
import dev.weft.app.files.DroppedFile;
import dev.weft.app.files.EmbeddedPipelines;
import dev.weft.app.files.Recovery;
import dev.weft.app.inspector.InspectorViewModel;
import dev.weft.app.inspector.ModelChoices;
import dev.weft.app.outputs.OutputsViewModel;
import dev.weft.app.palette.PaletteViewModel;
import dev.weft.app.problems.ProblemsViewModel;
import dev.weft.app.run.RunViewModel;
import dev.weft.app.settings.RunMode;
import dev.weft.app.settings.SettingsFile;
import dev.weft.app.settings.StudioSettings;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunRequest;
import dev.weft.pipelines.format.Examples;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.format.SourceMap;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio window's view model and the composition root of the UI side: it builds the document,
 * canvas, palette, inspector, run, problems and outputs view models over one {@link WeftContext},
 * and owns the workflows that touch files (open, save, recent files, autosave and recovery, dropped
 * files) and runs. File and engine work goes to background executors; results come back through the
 * UI executor, so the UI thread never waits.
 */
public final class StudioViewModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StudioViewModel.class);

  /** How often the open pipeline is written to the recovery file while it changes. */
  public static final long AUTOSAVE_SECONDS = 30;

  /** The threads the studio uses: file I/O, other background work, the UI, timers. */
  public record Threads(
      Executor io, Executor background, Executor ui, ScheduledExecutorService timer) {}

  private final WeftContext context;
  private final Threads threads;
  private final SettingsFile settingsFile;
  private final Recovery recovery;
  private final EmbeddedPipelines embedded;
  private final Path scratchDir;
  private final PipelineFormat format;
  private final Wiring wiring;
  private final DocumentViewModel document;
  private final SeedLocks seeds;
  private final CanvasViewModel canvas;
  private final PaletteViewModel palette;
  private final InspectorViewModel inspector;
  private final RunViewModel run;
  private final ProblemsViewModel problems;
  private final OutputsViewModel outputs;
  private final ReadOnlyObjectWrapper<StudioSettings> settings =
      new ReadOnlyObjectWrapper<>(this, "settings");
  private final ReadOnlyObjectWrapper<RunMode> runMode =
      new ReadOnlyObjectWrapper<>(this, "runMode", RunMode.AUTO);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final BooleanProperty welcomeVisible = new SimpleBooleanProperty(this, "welcome");
  private final ObservableList<Recovery.Entry> recoverable = FXCollections.observableArrayList();
  private ScheduledFuture<?> autosave;
  private int autosavedRevision = -1;

  public StudioViewModel(
      WeftContext context,
      Threads threads,
      SettingsFile settingsFile,
      Recovery recovery,
      EmbeddedPipelines embedded,
      ModelChoices models,
      java.util.random.RandomGenerator random) {
    this.context = context;
    this.threads = threads;
    this.settingsFile = settingsFile;
    this.recovery = recovery;
    this.embedded = embedded;
    this.scratchDir = context.dirs().data().resolve("scratch");
    this.format = context.format();
    this.wiring = new Wiring(context.catalog());
    this.document = new DocumentViewModel(wiring, format);
    this.seeds = new SeedLocks(random);
    this.canvas = new CanvasViewModel(document, new CanvasGeometry(wiring));
    this.palette = new PaletteViewModel(wiring);
    this.inspector = new InspectorViewModel(document, seeds, models);
    this.run =
        new RunViewModel(context.engine(), threads.background(), threads.ui(), threads.timer());
    this.problems =
        new ProblemsViewModel(
            document,
            run,
            context.engine(),
            this::parsed,
            threads.background(),
            threads.ui(),
            threads.timer());
    this.outputs = new OutputsViewModel(document, run);
    StudioSettings s = settingsFile.load();
    settings.set(s);
    canvas.minimapVisibleProperty().set(s.minimap());
    welcomeVisible.set(!s.welcomeSeen());
    runMode.set(s.defaultRunMode());
    document
        .graphProperty()
        .addListener((o, a, b) -> {
          if (!runMode.get().offline()) {
            runMode.set(RunMode.of(b.backend()));
          }
        });
  }

  // ------------------------------------------------------------------ parts

  public WeftContext context() {
    return context;
  }

  public DocumentViewModel document() {
    return document;
  }

  public CanvasViewModel canvas() {
    return canvas;
  }

  public PaletteViewModel palette() {
    return palette;
  }

  public InspectorViewModel inspector() {
    return inspector;
  }

  public RunViewModel run() {
    return run;
  }

  public ProblemsViewModel problems() {
    return problems;
  }

  public OutputsViewModel outputs() {
    return outputs;
  }

  public SeedLocks seeds() {
    return seeds;
  }

  public Wiring wiring() {
    return wiring;
  }

  public Threads threads() {
    return threads;
  }

  /** The cloud settings (endpoints and keys), when the engine offers a settings store. */
  public Optional<dev.weft.app.settings.CloudSettingsViewModel> cloudSettings() {
    var store = context.services().find(dev.weft.pipelines.settings.SettingsStore.class);
    var secrets = context.services().find(dev.weft.pipelines.settings.Secrets.class);
    if (store.isEmpty() || secrets.isEmpty()) {
      return Optional.empty();
    }
    var clients = context.services().find(dev.weft.pipelines.backends.CloudClients.class);
    dev.weft.app.settings.CloudSettingsViewModel.ModelLister lister =
        clients.isEmpty()
            ? dev.weft.app.settings.CloudSettingsViewModel.ModelLister.NONE
            : (endpoint, key) ->
                clients
                    .get()
                    .listModels(endpoint, key, new dev.weft.pipelines.backends.http.CancelSignal());
    return Optional.of(
        new dev.weft.app.settings.CloudSettingsViewModel(
            store.get(), secrets.get(), threads.background(), threads.ui(), lister));
  }

  public ReadOnlyObjectProperty<StudioSettings> settingsProperty() {
    return settings.getReadOnlyProperty();
  }

  public StudioSettings settings() {
    return settings.get();
  }

  public ReadOnlyObjectProperty<RunMode> runModeProperty() {
    return runMode.getReadOnlyProperty();
  }

  /** A short note for the status bar (what was opened, saved, refused). */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Shows a note in the status bar. */
  public void showMessage(String text) {
    message.set(text);
  }

  public BooleanProperty welcomeVisibleProperty() {
    return welcomeVisible;
  }

  /** Pipelines left by sessions that crashed, offered for restore. */
  public ObservableList<Recovery.Entry> recoverable() {
    return recoverable;
  }

  public Recovery recovery() {
    return recovery;
  }

  // ------------------------------------------------------------------ settings

  public void updateSettings(StudioSettings s) {
    settings.set(s);
    canvas.minimapVisibleProperty().set(s.minimap());
    threads
        .io()
        .execute(() -> {
          try {
            settingsFile.save(s);
          } catch (IOException e) {
            LOG.warn("the studio settings cannot be saved to {}", settingsFile.path(), e);
            threads.ui().execute(() -> message.set("Settings not saved: " + e.getMessage()));
          }
        });
  }

  /** Changes the settings for this session only (the screenshot's theme, say). */
  public void updateSettingsInMemory(StudioSettings s) {
    settings.set(s);
    canvas.minimapVisibleProperty().set(s.minimap());
  }

  public void dismissWelcome() {
    welcomeVisible.set(false);
    if (!settings.get().welcomeSeen()) {
      updateSettings(settings.get().withWelcomeSeen(true));
    }
  }

  public void setRunMode(RunMode mode) {
    if (mode.offline()) {
      runMode.set(mode);
    } else {
      runMode.set(mode);
      document.setBackend(mode.policy());
    }
    problems.setOffline(mode.offline());
  }

  // ------------------------------------------------------------------ files

  /** The pipeline as the engine sees it: relative paths start at its file's folder. */
  public ParsedPipeline parsed(Graph g) {
    Path file = document.file().orElse(scratchDir.resolve("untitled" + PipelineFormat.EXTENSION));
    return new ParsedPipeline(
        g, file.getFileName().toString(), Optional.of(file), SourceMap.EMPTY, Map.of(), List.of());
  }

  public void newDocument() {
    document.load(Graph.EMPTY, null);
    run.clearLog();
    message.set("New pipeline");
  }

  /** Opens a pipeline file (read off the UI thread); the future ends once it is shown. */
  public CompletableFuture<Boolean> open(Path file) {
    return CompletableFuture.supplyAsync(() -> readFile(file), threads.io())
        .thenApplyAsync(
            r -> {
              if (r.error() != null) {
                message.set(r.error());
                if (r.missing()) {
                  updateSettings(settings.get().withoutRecent(file.toAbsolutePath().toString()));
                }
                return false;
              }
              show(r.pipeline().graph(), file.toAbsolutePath());
              updateSettings(settings.get().withRecent(file.toAbsolutePath().toString()));
              message.set("Opened " + file.getFileName() + warnings(r.pipeline()));
              return true;
            },
            threads.ui());
  }

  private record ReadResult(ParsedPipeline pipeline, String error, boolean missing) {}

  private ReadResult readFile(Path file) {
    try {
      ParsedPipeline p = context.engine().upgrade(format.read(file));
      return new ReadResult(p, null, false);
    } catch (InvalidPipelineException e) {
      boolean missing = !Files.exists(file);
      return new ReadResult(null, "Cannot open " + file.getFileName() + ": " + first(e), missing);
    }
  }

  private static String first(InvalidPipelineException e) {
    return e.problems().isEmpty() ? e.getMessage() : e.problems().getFirst().describe();
  }

  private static String warnings(ParsedPipeline p) {
    long n = p.problems().size();
    return n == 0 ? "" : " (" + n + (n == 1 ? " note" : " notes") + " in Problems)";
  }

  /** Opens pipeline JSON that has no file of its own (an example, an embedded pipeline). */
  public boolean openText(String json, String name) {
    try {
      ParsedPipeline p = context.engine().upgrade(format.read(json, name));
      show(p.graph(), null);
      message.set("Opened " + name);
      return true;
    } catch (InvalidPipelineException e) {
      message.set("Cannot open " + name + ": " + first(e));
      return false;
    }
  }

  public boolean openExample(String fileName) {
    boolean ok = openText(Examples.load(fileName).json(), fileName);
    if (ok) {
      dismissWelcome();
    }
    return ok;
  }

  private void show(Graph g, Path file) {
    canvas.fitTo(g);
    document.load(g, file);
    run.clearLog();
    welcomeVisible.set(false);
    if (!runMode.get().offline()) {
      runMode.set(RunMode.of(g.backend()));
    }
  }

  /** Saves to the document's file; false when it has none yet (ask for one, then saveAs). */
  public Optional<CompletableFuture<Boolean>> save() {
    return document.file().map(this::saveAs);
  }

  /** Saves atomically to {@code target} (adding .weft.json when missing). */
  public CompletableFuture<Boolean> saveAs(Path target) {
    Path file = withExtension(target.toAbsolutePath());
    Graph g = document.graph();
    int revision = document.history().revision();
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                format.write(g, file);
                return Optional.<String>empty();
              } catch (IOException e) {
                LOG.warn("saving {} failed", file, e);
                return Optional.of("Not saved: " + file + ": " + e.getMessage());
              }
            },
            threads.io())
        .thenApplyAsync(
            error -> {
              if (error.isPresent()) {
                message.set(error.get());
                return false;
              }
              if (document.history().revision() == revision) {
                document.savedAs(file);
              } else {
                // edited while saving: the file holds an older state, so stay dirty
                document.savedAs(file);
                document.history().markUnsaved();
              }
              updateSettings(settings.get().withRecent(file.toString()));
              message.set("Saved " + file.getFileName());
              threads.io().execute(recovery::discardOwn);
              return true;
            },
            threads.ui());
  }

  static Path withExtension(Path p) {
    String name = p.getFileName().toString();
    if (name.endsWith(PipelineFormat.EXTENSION)) {
      return p;
    }
    if (name.endsWith(".json")) {
      name = name.substring(0, name.length() - 5);
    }
    return p.resolveSibling(name + PipelineFormat.EXTENSION);
  }

  // ------------------------------------------------------------------ autosave and recovery

  /** Starts the 30-second autosave and looks for pipelines left by crashed sessions. */
  public void startBackgroundWork() {
    autosave =
        threads
            .timer()
            .scheduleWithFixedDelay(
                () -> threads.ui().execute(this::autosaveIfChanged),
                AUTOSAVE_SECONDS,
                AUTOSAVE_SECONDS,
                TimeUnit.SECONDS);
    threads
        .io()
        .execute(() -> {
          List<Recovery.Entry> found = recovery.leftovers();
          threads.ui().execute(() -> recoverable.setAll(found));
        });
  }

  /** Writes the recovery file when the document changed since the last one (UI thread). */
  public void autosaveIfChanged() {
    int rev = document.history().revision();
    if (rev == autosavedRevision || !document.history().isDirty()) {
      return;
    }
    autosaveNow();
  }

  /** Writes the recovery file now; the returned future ends when it is on disk. */
  public CompletableFuture<Void> autosaveNow() {
    autosavedRevision = document.history().revision();
    String json = format.write(document.graph());
    Optional<Path> original = document.file();
    return CompletableFuture.runAsync(
        () -> {
          try {
            recovery.write(json, original);
          } catch (IOException e) {
            LOG.warn("the recovery file cannot be written", e);
          }
        },
        threads.io());
  }

  /** Opens a crashed session's pipeline as an unsaved document (the original file untouched). */
  public CompletableFuture<Boolean> restore(Recovery.Entry entry) {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return Optional.of(Files.readString(entry.file()));
              } catch (IOException e) {
                LOG.warn("cannot read the recovery file {}", entry.file(), e);
                return Optional.<String>empty();
              }
            },
            threads.io())
        .thenApplyAsync(
            json -> {
              recoverable.remove(entry);
              if (json.isEmpty()) {
                message.set("The recovered pipeline cannot be read");
                return false;
              }
              try {
                Graph g = format.read(json.get(), "recovered pipeline").graph();
                show(g, entry.original().orElse(null));
                document.history().markUnsaved();
                message.set("Restored the pipeline from " + entry.savedAt());
                threads.io().execute(() -> recovery.discard(entry));
                return true;
              } catch (InvalidPipelineException e) {
                message.set("The recovered pipeline is damaged: " + first(e));
                return false;
              }
            },
            threads.ui());
  }

  public void discardRecovery(Recovery.Entry entry) {
    recoverable.remove(entry);
    threads.io().execute(() -> recovery.discard(entry));
  }

  // ------------------------------------------------------------------ dropped files

  /**
   * Files dropped on the canvas at a world point: a pipeline opens; a PNG or MP4 made by Weft opens
   * the pipeline inside it; other images, audio and video become Load nodes.
   */
  public void dropFiles(List<Path> files, Position at) {
    CompletableFuture.supplyAsync(() -> classify(files), threads.io())
        .thenAcceptAsync(actions -> apply(actions, at), threads.ui());
  }

  private record DropAction(DroppedFile file, String embeddedJson) {}

  private List<DropAction> classify(List<Path> files) {
    return files.stream()
        .map(f -> {
          DroppedFile d = DroppedFile.classify(f, context.catalog());
          String json = null;
          if (d instanceof DroppedFile.Media m && embedded.handles(m.file())) {
            try {
              json = embedded.read(m.file()).orElse(null);
            } catch (IOException e) {
              LOG.info("no embedded pipeline readable in {}: {}", m.file(), e.getMessage());
            }
          }
          return new DropAction(d, json);
        })
        .toList();
  }

  private void apply(List<DropAction> actions, Position at) {
    double y = at.y();
    for (DropAction a : actions) {
      switch (a.file()) {
        case DroppedFile.Pipeline p -> {
          open(p.file());
          return;
        }
        case DroppedFile.Media m when a.embeddedJson() != null -> {
          openText(a.embeddedJson(), "the pipeline inside " + m.file().getFileName());
          return;
        }
        case DroppedFile.Media m -> {
          Optional<String> id =
              document.addNode(m.loadType(), new Position(canvas.snap(at.x()), canvas.snap(y)));
          id.ifPresent(n -> {
            document.setParam(n, m.param(), relativeToDocument(m.file()));
            document.endTyping();
          });
          y += 140;
        }
        case DroppedFile.Unsupported u -> message.set(u.reason());
      }
    }
  }

  private String relativeToDocument(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return document
        .file()
        .map(f -> f.toAbsolutePath().getParent())
        .filter(abs::startsWith)
        .map(d -> d.relativize(abs).toString().replace('\\', '/'))
        .orElse(abs.toString());
  }

  // ------------------------------------------------------------------ running

  /** Runs the pipeline (or up to the selected nodes); autosaves first and draws unlocked seeds. */
  public void run(boolean upToSelection) {
    if (run.isRunning()) {
      return;
    }
    var rerolled = seeds.reroll(document.graph(), context.catalog());
    if (!rerolled.isEmpty()) {
      document.endTyping();
      rerolled.forEach((node, params) -> params.forEach((k, v) -> document.setParam(node, k, v)));
      document.endTyping();
    }
    Set<String> targets = upToSelection ? document.selection().nodeIds() : Set.of();
    if (upToSelection && targets.isEmpty()) {
      message.set("Select the node to run up to");
      return;
    }
    Graph g = document.graph();
    ParsedPipeline p = parsed(g);
    RunOptions options = RunOptions.DEFAULT.upTo(targets).withOffline(runMode.get().offline());
    if (runMode.get().offline()) {
      options = options.withBackend(runMode.get().policy());
    }
    Project project = Project.at(p.baseDir());
    RunRequest request =
        new RunRequest(
            p, project, project.defaultOutputDir(), options, Optional.of(format.write(g)));
    autosaveNow();
    run.start(request);
  }

  public void stop() {
    run.cancel();
  }

  /** The problems the validator finds now (used by tests and the CLI screenshot). */
  public List<Problem> validateNow() {
    return problems.checkNow(document.graph());
  }

  @Override
  public void close() {
    if (autosave != null) {
      autosave.cancel(false);
    }
    run.cancel();
    recovery.discardOwn();
  }
}
