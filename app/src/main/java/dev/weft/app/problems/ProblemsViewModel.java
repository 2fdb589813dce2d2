package dev.weft.app.problems;

import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.run.NodeRunState;
import dev.weft.app.run.RunViewModel;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.engine.Engine;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.graph.Graph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Problems panel: what the validator finds in the open pipeline (checked off the UI thread a
 * moment after each edit), plus the errors of nodes that failed in the last run. Each problem names
 * its node, port or parameter, so choosing it selects the node.
 */
public final class ProblemsViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemsViewModel.class);

  /** How long after the last edit validation runs. */
  public static final long DELAY_MILLIS = 250;

  private final DocumentViewModel document;
  private final Engine engine;
  private final Function<Graph, ParsedPipeline> parsed;
  private final Executor background;
  private final Executor ui;
  private final ScheduledExecutorService timer;
  private final ObservableList<Problem> problems = FXCollections.observableArrayList();
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableList<Problem> problemsView =
      FXCollections.unmodifiableObservableList(problems);
  private final ReadOnlyIntegerWrapper errorCount = new ReadOnlyIntegerWrapper(this, "errors");
  private final AtomicLong generation = new AtomicLong();
  private List<Problem> validation = List.of();
  private final Map<String, Problem> runErrors = new HashMap<>();
  private ScheduledFuture<?> pendingCheck;
  private volatile boolean offline;

  public ProblemsViewModel(
      DocumentViewModel document,
      RunViewModel run,
      Engine engine,
      Function<Graph, ParsedPipeline> parsed,
      Executor background,
      Executor ui,
      ScheduledExecutorService timer) {
    this.document = document;
    this.engine = engine;
    this.parsed = parsed;
    this.background = background;
    this.ui = ui;
    this.timer = timer;
    document.graphProperty().addListener((o, a, b) -> schedule());
    run.states()
        .addListener(
            (MapChangeListener<String, NodeRunState>)
                c -> {
                  if (c.wasAdded() && c.getValueAdded().phase() == NodeRunState.Phase.FAILED) {
                    NodeRunState s = c.getValueAdded();
                    String id = c.getKey();
                    String title = document.graph().node(id).map(n -> n.displayTitle()).orElse(id);
                    runErrors.put(
                        id,
                        Problem.error("run.failed", s.error(), Location.node(id, title), s.hint()));
                    publish();
                  } else if (c.wasAdded() || c.wasRemoved()) {
                    if (runErrors.remove(c.getKey()) != null) {
                      publish();
                    }
                  }
                });
    run.refusedProperty()
        .addListener((o, a, b) -> {
          if (!b.isEmpty()) {
            validation = b;
            publish();
          }
        });
  }

  public ObservableList<Problem> problems() {
    return problemsView;
  }

  public ReadOnlyIntegerProperty errorCountProperty() {
    return errorCount.getReadOnlyProperty();
  }

  /** Check as the next run would: offline hides problems that only the network could fix. */
  public void setOffline(boolean off) {
    offline = off;
    schedule();
  }

  /** Validates after a short pause, so a burst of edits costs one check. */
  public void schedule() {
    if (pendingCheck != null) {
      pendingCheck.cancel(false);
    }
    long gen = generation.incrementAndGet();
    Graph g = document.graph();
    pendingCheck =
        timer.schedule(
            () -> background.execute(() -> check(g, gen)), DELAY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Validates now, on the calling thread (tests, and before a run). */
  public List<Problem> checkNow(Graph g) {
    return engine.validate(parsed.apply(g), offline);
  }

  private void check(Graph g, long gen) {
    List<Problem> found;
    try {
      found = checkNow(g);
    } catch (RuntimeException e) {
      LOG.warn("validation failed", e);
      found = List.of(Problem.error("validate.internal", "validation failed: " + e, null, null));
    }
    List<Problem> result = found;
    ui.execute(() -> {
      if (gen == generation.get()) {
        validation = result;
        publish();
      }
    });
  }

  private void publish() {
    List<Problem> all = new ArrayList<>(validation);
    all.addAll(runErrors.values());
    all.sort(
        java.util.Comparator.comparing((Problem p) -> p.severity())
            .thenComparing(p -> p.location().nodeId() == null ? "" : p.location().nodeId()));
    problems.setAll(all);
    errorCount.set((int) all.stream().filter(Problem::isError).count());
  }

  /** Selects the node a problem is about (if it names one). */
  public void reveal(Problem p) {
    String id = p.location().nodeId();
    if (id != null && document.graph().hasNode(id)) {
      document.selection().selectOnly(id);
    }
  }
}
