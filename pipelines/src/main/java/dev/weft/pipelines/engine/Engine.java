package dev.weft.pipelines.engine;

import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.validate.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pipelines: validates (every problem at once), plans (cache keys, what must run), and
 * schedules nodes on lanes, emitting events to a listener. One engine serves many runs; its lanes
 * are shared, so concurrent runs share the machine fairly.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private final NodeCatalog catalog;
  private final Services services;
  private final Lanes lanes;
  private final String weftVersion;
  private final Validator validator;
  private final Planner planner;
  private final ConcurrentHashMap<Path, Project> projects = new ConcurrentHashMap<>();

  public Engine(NodeCatalog catalog, Services services, Lanes lanes, String weftVersion) {
    this.catalog = catalog;
    this.services = services;
    this.lanes = lanes;
    this.weftVersion = weftVersion;
    this.validator = new Validator(catalog, services);
    this.planner = new Planner(catalog, services);
  }

  public NodeCatalog catalog() {
    return catalog;
  }

  public Services services() {
    return services;
  }

  public Lanes lanes() {
    return lanes;
  }

  /** The project in this folder, shared by every run of this engine. */
  public Project project(Path root) {
    return projects.computeIfAbsent(root.toAbsolutePath().normalize(), Project::at);
  }

  /** The planner, for callers that plan a pipeline they already validated. */
  public Planner planner() {
    return planner;
  }

  /** Brings nodes saved by older versions of their types up to date. */
  public ParsedPipeline upgrade(ParsedPipeline pipeline) {
    Graph g = pipeline.graph();
    Graph upgraded = g;
    for (Node n : g.nodes()) {
      Optional<NodeType> t = catalog.find(n.type());
      if (t.isPresent() && n.version() < t.get().spec().version()) {
        upgraded = upgraded.withNode(t.get().upgrade(n));
      }
    }
    return upgraded == g ? pipeline : pipeline.withGraph(upgraded);
  }

  /** Every problem with the pipeline (format problems included). */
  public List<Problem> validate(ParsedPipeline pipeline, boolean offline) {
    return validator.validate(upgrade(pipeline), offline);
  }

  /** What a run would do, without running anything; the pipeline must be valid. */
  public Plan plan(RunRequest request) {
    ParsedPipeline p = checked(request);
    return planner.plan(p.graph(), request.project(), request.options(), p.baseDir());
  }

  /**
   * Validates, plans and starts a run, returning at once; throws {@link InvalidPipelineException}
   * (with every problem) when the pipeline cannot run.
   */
  public RunHandle start(RunRequest request, RunListener listener) {
    ParsedPipeline p = checked(request);
    for (String target : request.options().targets()) {
      if (!p.graph().hasNode(target)) {
        throw InvalidPipelineException.of(
            Problem.error(
                "run.unknown-target",
                "there is no node \"" + target + "\" to run up to",
                null,
                "name a node of this pipeline"));
      }
    }
    Plan plan = planner.plan(p.graph(), request.project(), request.options(), p.baseDir());
    String runId = UUID.randomUUID().toString();
    Scheduler scheduler =
        new Scheduler(
            runId, request, p.graph(), plan, planner, lanes, services, weftVersion, listener);
    RunHandle handle = scheduler.handle();
    services
        .find(StoreBudget.class)
        .ifPresent(budget -> {
          Path root = request.project().root();
          runsEnding.merge(root, 1, Integer::sum);
          handle
              .future()
              .whenComplete((result, failure) -> {
                try {
                  if (result != null) {
                    evictAfter(request.project(), budget, result);
                  }
                } finally {
                  runsEnding.computeIfPresent(root, (k, n) -> n == 1 ? null : n - 1);
                }
              });
        });
    scheduler.start();
    return handle;
  }

  /** Per project, runs under way whose eviction pass is not yet queued. */
  private final ConcurrentHashMap<Path, Integer> runsEnding = new ConcurrentHashMap<>();

  /** Projects whose store an eviction pass is working on now. */
  private final Set<Path> evicting = ConcurrentHashMap.newKeySet();

  /** Per project, the outputs every finished run since the last pass asks to keep. */
  private final ConcurrentHashMap<Path, Set<String>> evictionPending = new ConcurrentHashMap<>();

  /**
   * Keeps a project's store within its budget after a run that stored something, on the I/O lane
   * and one pass per project at a time; the run's own outputs are never evicted. A run that ends
   * while a pass is under way is not dropped: its outputs join the pending keep set and the pass
   * goes round again.
   */
  private void evictAfter(Project project, StoreBudget budget, RunResult result) {
    if (result.count(NodeOutcome.State.FINISHED) == 0) {
      return;
    }
    Set<String> keep = new HashSet<>();
    for (NodeOutcome n : result.nodes().values()) {
      n.outputs().values().forEach(v -> keep.add(v.hash()));
    }
    evictionPending.merge(
        project.root(),
        keep,
        (a, b) -> {
          Set<String> union = new HashSet<>(a);
          union.addAll(b);
          return union;
        });
    drainEvictions(project, budget);
  }

  private void drainEvictions(Project project, StoreBudget budget) {
    Path root = project.root();
    if (!evicting.add(root)) {
      return; // the pass under way picks the pending keep set up
    }
    lanes.submit(
        Lane.IO,
        () -> {
          try {
            Set<String> keep;
            while ((keep = evictionPending.remove(root)) != null) {
              evictOnce(project, budget, keep);
            }
          } finally {
            evicting.remove(root);
            if (evictionPending.containsKey(root)) {
              drainEvictions(project, budget);
            }
          }
        });
  }

  /**
   * Whether no run of the project at {@code root} is under way or ending and no eviction pass is
   * pending or working.
   */
  boolean storeUpkeepIdle(Path root) {
    Path r = root.toAbsolutePath().normalize();
    return !runsEnding.containsKey(r) && !evicting.contains(r) && !evictionPending.containsKey(r);
  }

  private static void evictOnce(Project project, StoreBudget budget, Set<String> keep) {
    try {
      var report = project.store().evict(budget.maxBytes(), keep);
      if (!report.removedHashes().isEmpty()) {
        LOG.info(
            "store {}: evicted {} least recently used assets to stay within {} bytes",
            project.root(),
            report.removedHashes().size(),
            budget.maxBytes());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("store {}: eviction failed", project.root(), e);
    }
  }

  /** Runs to the end and returns how it went. */
  public RunResult run(RunRequest request, RunListener listener) throws InterruptedException {
    RunHandle handle = start(request, listener);
    try {
      return handle.await();
    } catch (InterruptedException e) {
      handle.cancel();
      throw e;
    }
  }

  private ParsedPipeline checked(RunRequest request) {
    ParsedPipeline p = upgrade(request.pipeline());
    List<Problem> problems = validator.validate(p, request.options().offline());
    if (Validator.hasErrors(problems)) {
      throw new InvalidPipelineException(problems);
    }
    return p;
  }

  @Override
  public void close() {
    lanes.close();
    for (Project p : projects.values()) {
      try {
        p.close();
      } catch (IOException e) {
        LOG.warn("closing project {} failed", p.root(), e);
      }
    }
    projects.clear();
  }
}
