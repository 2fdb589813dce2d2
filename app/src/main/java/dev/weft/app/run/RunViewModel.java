package dev.weft.app.run;

import dev.weft.assets.Asset;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.engine.Engine;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunRequest;
import dev.weft.pipelines.engine.RunStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the open pipeline on the engine and keeps what the UI shows of it: each node's state and
 * progress, live previews, outputs, the Run log and a status line. Engine calls happen on the
 * background executor; events reach this view model through a {@link RunEventDispatcher}, so all
 * state changes happen on the UI thread.
 */
public final class RunViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(RunViewModel.class);

  /** The Run log keeps this many lines. */
  public static final int MAX_LOG_LINES = 5000;

  private final Engine engine;
  private final Executor background;
  private final Executor ui;
  private final ScheduledExecutorService timer;
  private final ObservableMap<String, NodeRunState> states =
      FXCollections.observableMap(new HashMap<>());
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableMap<String, NodeRunState> statesView =
      FXCollections.unmodifiableObservableMap(states);
  private final ObservableMap<String, Map<String, Asset>> outputs =
      FXCollections.observableMap(new LinkedHashMap<>());
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableMap<String, Map<String, Asset>> outputsView =
      FXCollections.unmodifiableObservableMap(outputs);
  private final ObservableMap<String, Asset> previews =
      FXCollections.observableMap(new HashMap<>());
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableMap<String, Asset> previewsView =
      FXCollections.unmodifiableObservableMap(previews);
  private final ObservableList<LogLine> log = FXCollections.observableArrayList();
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableList<LogLine> logView = FXCollections.unmodifiableObservableList(log);
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");
  private final ReadOnlyObjectWrapper<List<Problem>> refused =
      new ReadOnlyObjectWrapper<>(this, "refused", List.of());
  private final ReadOnlyObjectWrapper<String> lastFinishedNode =
      new ReadOnlyObjectWrapper<>(this, "lastFinishedNode");
  private volatile RunHandle handle;
  private volatile boolean cancelAsked;
  private Project project;
  private int planned;
  private int ended;

  public RunViewModel(
      Engine engine, Executor background, Executor ui, ScheduledExecutorService timer) {
    this.engine = engine;
    this.background = background;
    this.ui = ui;
    this.timer = timer;
  }

  public ObservableMap<String, NodeRunState> states() {
    return statesView;
  }

  public NodeRunState state(String nodeId) {
    return states.getOrDefault(nodeId, NodeRunState.IDLE);
  }

  /** Each node's outputs from the last run that produced them (port to value). */
  public ObservableMap<String, Map<String, Asset>> outputs() {
    return outputsView;
  }

  /** The latest partial result of each running node. */
  public ObservableMap<String, Asset> previews() {
    return previewsView;
  }

  public ObservableList<LogLine> log() {
    return logView;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public boolean isRunning() {
    return running.get();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The problems that stopped the last run from starting (empty when it started). */
  public ReadOnlyObjectProperty<List<Problem>> refusedProperty() {
    return refused.getReadOnlyProperty();
  }

  /** The node that most recently finished (the Outputs panel follows it). */
  public ReadOnlyObjectProperty<String> lastFinishedNodeProperty() {
    return lastFinishedNode.getReadOnlyProperty();
  }

  public void clearLog() {
    log.clear();
  }

  /** Starts a run; the engine validates and plans on the background executor. */
  public void start(RunRequest request) {
    if (running.get()) {
      return;
    }
    running.set(true);
    cancelAsked = false;
    refused.set(List.of());
    project = request.project();
    planned = 0;
    ended = 0;
    states.clear();
    previews.clear();
    status.set("Starting…");
    RunEventDispatcher dispatcher =
        new RunEventDispatcher(
            ui, timer, RunEventDispatcher.DEFAULT_INTERVAL_MILLIS, System::nanoTime, this::apply);
    background.execute(() -> {
      try {
        RunHandle h = engine.start(request, dispatcher);
        handle = h;
        if (cancelAsked) {
          h.cancel();
        }
        h.future()
            .whenComplete((result, error) -> {
              if (error != null) {
                LOG.error("the run failed inside the engine", error);
                ui.execute(() -> ended("the engine failed: " + error.getMessage()));
              }
            });
      } catch (InvalidPipelineException e) {
        ui.execute(() -> refused(e.problems()));
      } catch (WeftException e) {
        ui.execute(() -> ended(e.userMessage()));
      } catch (RuntimeException e) {
        LOG.error("a run could not start", e);
        ui.execute(() -> ended("the run could not start: " + e));
      }
    });
  }

  /** Asks the run to stop: running nodes are told to cancel, waiting ones never start. */
  public void cancel() {
    if (!running.get()) {
      return;
    }
    cancelAsked = true;
    status.set("Stopping…");
    RunHandle h = handle;
    if (h != null) {
      background.execute(h::cancel);
    }
  }

  private void refused(List<Problem> problems) {
    refused.set(List.copyOf(problems));
    long errors = problems.stream().filter(Problem::isError).count();
    addLog(
        null,
        LogLine.Level.ERROR,
        "The run did not start: "
            + errors
            + (errors == 1 ? " problem" : " problems")
            + " (see Problems)");
    for (Problem p : problems) {
      if (p.isError()) {
        addLog(p.location().nodeId(), LogLine.Level.ERROR, p.describe());
      }
    }
    status.set("Not started: fix the problems first");
    running.set(false);
    handle = null;
  }

  private void ended(String message) {
    addLog(null, LogLine.Level.ERROR, message);
    status.set(message);
    running.set(false);
    handle = null;
  }

  /** Applies a batch of events (UI thread). */
  void apply(List<RunEvent> batch) {
    for (RunEvent e : batch) {
      applyOne(e);
    }
  }

  private void applyOne(RunEvent event) {
    switch (event) {
      case RunEvent.RunStarted s -> {
        planned = s.nodes().size();
        addLog(null, LogLine.Level.INFO, "Run started: " + planned + " nodes");
        status.set("Running 0/" + planned);
      }
      case RunEvent.NodeQueued q ->
          states.put(q.nodeId(), NodeRunState.of(NodeRunState.Phase.QUEUED));
      case RunEvent.NodeStarted s -> {
        states.put(s.nodeId(), new NodeRunState(NodeRunState.Phase.RUNNING, -1, "", "", ""));
        addLog(s.nodeId(), LogLine.Level.INFO, "started on the " + s.lane() + " lane");
      }
      case RunEvent.NodeProgress p -> {
        NodeRunState cur = state(p.nodeId());
        if (!cur.phase().isFinal()) {
          states.put(p.nodeId(), cur.withProgress(p.fraction(), p.message()));
        }
      }
      case RunEvent.NodePreview p -> previews.put(p.nodeId(), p.value());
      case RunEvent.NodeLog l ->
          addLog(
              l.nodeId(),
              l.level() == RunEvent.NodeLog.Level.WARNING
                  ? LogLine.Level.WARNING
                  : LogLine.Level.INFO,
              l.message());
      case RunEvent.NodeBackend b -> {
        String where = b.backend() + (b.model() == null ? "" : " · " + b.model());
        states.put(b.nodeId(), state(b.nodeId()).withBackend(where));
        addLog(b.nodeId(), LogLine.Level.INFO, "runs on " + where);
      }
      case RunEvent.NodeCached c -> {
        states.put(c.nodeId(), NodeRunState.of(NodeRunState.Phase.CACHED));
        addLog(c.nodeId(), LogLine.Level.INFO, "from the cache");
        loadCached(c.nodeId(), c.outputs());
        nodeEnded(c.nodeId());
      }
      case RunEvent.NodeFinished f -> {
        states.put(
            f.nodeId(),
            NodeRunState.of(NodeRunState.Phase.DONE).withBackend(state(f.nodeId()).backend()));
        previews.remove(f.nodeId());
        outputs.put(f.nodeId(), Map.copyOf(f.outputs()));
        addLog(f.nodeId(), LogLine.Level.INFO, "done in " + seconds(f.durationMillis()));
        nodeEnded(f.nodeId());
      }
      case RunEvent.NodeFailed f -> {
        states.put(
            f.nodeId(), new NodeRunState(NodeRunState.Phase.FAILED, 0, "", f.message(), f.hint()));
        previews.remove(f.nodeId());
        addLog(
            f.nodeId(),
            LogLine.Level.ERROR,
            f.message() + (f.hint() == null || f.hint().isBlank() ? "" : ". Fix: " + f.hint()));
        nodeEnded(null);
      }
      case RunEvent.NodeCancelled c -> {
        states.put(c.nodeId(), NodeRunState.of(NodeRunState.Phase.CANCELLED));
        previews.remove(c.nodeId());
        nodeEnded(null);
      }
      case RunEvent.NodeBlocked b -> {
        states.put(
            b.nodeId(),
            new NodeRunState(
                NodeRunState.Phase.BLOCKED,
                0,
                "",
                "not run: " + b.failedUpstream() + " failed",
                ""));
        nodeEnded(null);
      }
      case RunEvent.RunFinished f -> {
        String how =
            switch (f.status()) {
              case SUCCEEDED -> "Done";
              case FAILED -> "Failed";
              case CANCELLED -> "Cancelled";
            };
        String line =
            how
                + " in "
                + seconds(f.durationMillis())
                + ": "
                + f.executed()
                + " ran, "
                + f.cached()
                + " cached"
                + (f.failed() > 0 ? ", " + f.failed() + " failed" : "");
        addLog(
            null,
            f.status() == RunStatus.SUCCEEDED ? LogLine.Level.INFO : LogLine.Level.WARNING,
            line);
        status.set(line);
        running.set(false);
        handle = null;
      }
    }
  }

  private void nodeEnded(String nodeWithOutputs) {
    ended++;
    if (running.get() && planned > 0) {
      status.set("Running " + ended + "/" + planned);
    }
    if (nodeWithOutputs != null) {
      lastFinishedNode.set(null);
      lastFinishedNode.set(nodeWithOutputs);
    }
  }

  private void loadCached(String nodeId, Map<String, String> hashes) {
    Project p = project;
    if (p == null) {
      return;
    }
    background.execute(() -> {
      Map<String, Asset> loaded = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : hashes.entrySet()) {
        try {
          p.store().get(e.getValue()).ifPresent(a -> loaded.put(e.getKey(), a));
        } catch (IOException ex) {
          LOG.warn("cached output {} of {} cannot be read", e.getKey(), nodeId, ex);
        }
      }
      ui.execute(() -> outputs.put(nodeId, Map.copyOf(loaded)));
    });
  }

  private void addLog(String nodeId, LogLine.Level level, String text) {
    log.add(new LogLine(Instant.now(), nodeId, level, text));
    if (log.size() > MAX_LOG_LINES) {
      log.remove(0, log.size() - MAX_LOG_LINES);
    }
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }
}
