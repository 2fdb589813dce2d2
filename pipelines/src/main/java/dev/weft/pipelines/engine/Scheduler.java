package dev.weft.pipelines.engine;

import dev.weft.assets.Asset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.Provenance;
import dev.weft.assets.store.AssetStore;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.engine.CacheKeys.Arrival;
import dev.weft.pipelines.engine.ExecutionContext.Input;
import dev.weft.pipelines.engine.NodeOutcome.State;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Conversion;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.Services;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one planned graph: starts each node when everything it depends on has succeeded, on the lane
 * it asks for; serves unchanged nodes from the cache; keeps independent branches going when one
 * fails (its dependants are blocked); and stops everything on cancel.
 */
final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** A node's life in the run; terminal states are those of {@link NodeOutcome.State}. */
  private enum Phase {
    PENDING,
    QUEUED,
    RUNNING,
    FINISHED,
    CACHED,
    FAILED,
    BLOCKED,
    CANCELLED
  }

  private final class NodeRun {
    final Node node;
    final NodeType type;
    final NodeSpec spec;
    final Lane lane;
    final List<NodeRun> consumers = new ArrayList<>(2);
    final AtomicInteger pending = new AtomicInteger();
    final AtomicReference<Phase> phase = new AtomicReference<>(Phase.PENDING);
    final CancellationToken token = new CancellationToken();
    volatile Map<String, ValueRef> outputs = Map.of();
    volatile Thread thread;
    volatile String error;

    NodeRun(Node node, NodeType type) {
      this.node = node;
      this.type = type;
      this.spec = type.spec();
      this.lane = type.lane(node.params());
    }
  }

  private final String runId;
  private final RunRequest request;
  private final Graph graph;
  private final Plan plan;
  private final Planner planner;
  private final Lanes lanes;
  private final Services services;
  private final String weftVersion;
  private final RunListener listener;
  private final Map<String, NodeRun> nodes = new LinkedHashMap<>();
  private final CompletableFuture<RunResult> done = new CompletableFuture<>();
  private final AtomicInteger settled = new AtomicInteger();
  private final AtomicInteger executed = new AtomicInteger();
  private final AtomicInteger cachedCount = new AtomicInteger();
  private final AtomicInteger failedCount = new AtomicInteger();
  private final AtomicLong seq = new AtomicLong();
  private final Object emitLock = new Object();
  private volatile boolean cancelled;
  private final long startNanos = System.nanoTime();
  private final BackendPolicy backendPolicy;

  Scheduler(
      String runId,
      RunRequest request,
      Graph graph,
      Plan plan,
      Planner planner,
      Lanes lanes,
      Services services,
      String weftVersion,
      RunListener listener) {
    this.runId = runId;
    this.request = request;
    this.graph = graph;
    this.plan = plan;
    this.planner = planner;
    this.lanes = lanes;
    this.services = services;
    this.weftVersion = weftVersion;
    this.listener = listener;
    RunOptions o = request.options();
    this.backendPolicy = o.backendOverride() != null ? o.backendOverride() : graph.backend();
    for (String id : plan.order()) {
      Node n = graph.node(id).orElseThrow();
      nodes.put(id, new NodeRun(n, planner.type(n)));
    }
    for (NodeRun nr : nodes.values()) {
      Set<String> producers = new LinkedHashSet<>();
      for (Edge e : graph.incoming(nr.node.id())) {
        if (nodes.containsKey(e.from().node())) {
          producers.add(e.from().node());
        }
      }
      nr.pending.set(producers.size());
      for (String p : producers) {
        nodes.get(p).consumers.add(nr);
      }
    }
  }

  String runId() {
    return runId;
  }

  RunHandle handle() {
    return new RunHandle(runId, this, done);
  }

  // ---- driving the run ----

  void start() {
    emit(s -> new RunEvent.RunStarted(runId, s, Instant.now(), pipelineName(), plan.order()));
    if (nodes.isEmpty()) {
      finish();
      return;
    }
    Deque<NodeRun> ready = new ArrayDeque<>();
    for (NodeRun nr : nodes.values()) {
      if (nr.pending.get() == 0) {
        ready.add(nr);
      }
    }
    drain(ready);
  }

  /** Processes ready nodes; cached ones settle here, others go to their lanes. */
  private void drain(Deque<NodeRun> ready) {
    while (!ready.isEmpty()) {
      NodeRun nr = ready.poll();
      if (cancelled) {
        settleCancelled(nr);
        continue;
      }
      Map<String, Map<String, String>> known = new HashMap<>();
      Map<String, List<Input>> inputs = new LinkedHashMap<>();
      for (Edge e : graph.incoming(nr.node.id())) {
        NodeRun producer = nodes.get(e.from().node());
        ValueRef v = producer.outputs.get(e.from().port());
        Conversion c = planner.conversion(graph, e, nr.type, nr.node);
        inputs.computeIfAbsent(e.to().port(), k -> new ArrayList<>(1)).add(new Input(v, c));
      }
      Map<String, List<Arrival>> arrivals = new HashMap<>();
      inputs.forEach((port, list) ->
          arrivals.put(
              port,
              list.stream().map(i -> new Arrival(i.value().hash(), i.conversion())).toList()));
      String key = plan.keys().get(nr.node.id());
      if (key == null) {
        key = planner.key(nr.type, nr.node, arrivals, pipelineDir());
      }
      Map<String, String> hit =
          plan.cachedOutputs().get(nr.node.id()) != null
              ? plan.cachedOutputs().get(nr.node.id())
              : request.options().useCache() && !nr.spec.alwaysRun() ? lookup(nr.spec, key) : null;
      if (hit != null) {
        Map<String, ValueRef> outs = new LinkedHashMap<>();
        hit.forEach((port, hash) -> outs.put(port, ValueRef.stored(hash, store())));
        nr.outputs = outs;
        if (nr.phase.compareAndSet(Phase.PENDING, Phase.CACHED)) {
          cachedCount.incrementAndGet();
          emit(s -> new RunEvent.NodeCached(runId, s, Instant.now(), nr.node.id(), hit));
          succeed(nr, ready);
        }
        continue;
      }
      if (!nr.phase.compareAndSet(Phase.PENDING, Phase.QUEUED)) {
        continue; // cancelled meanwhile
      }
      emit(s ->
          new RunEvent.NodeQueued(
              runId, s, Instant.now(), nr.node.id(), lanes.effective(nr.lane).id()));
      String finalKey = key;
      lanes.submit(nr.lane, () -> execute(nr, inputs, finalKey));
    }
  }

  private Map<String, String> lookup(NodeSpec spec, String key) {
    Project project = request.project();
    return project
        .cache()
        .lookup(key)
        .filter(
            e -> e.outputs().keySet().containsAll(spec.outputs().stream().map(Port::name).toList()))
        .filter(e -> e.outputs().values().stream().allMatch(project.store()::knownToContain))
        .map(ResultCache.Entry::outputs)
        .orElse(null);
  }

  private void execute(NodeRun nr, Map<String, List<Input>> inputs, String key) {
    if (!nr.phase.compareAndSet(Phase.QUEUED, Phase.RUNNING)) {
      return; // cancelled while queued
    }
    nr.thread = Thread.currentThread();
    if (cancelled) {
      nr.token.cancel();
    }
    long t0 = System.nanoTime();
    emit(s ->
        new RunEvent.NodeStarted(
            runId, s, Instant.now(), nr.node.id(), lanes.effective(nr.lane).id()));
    ExecutionContext ctx =
        new ExecutionContext(
            this, nr.node, nr.spec, nr.type.inputs(nr.node.params()), inputs, nr.token);
    Map<String, Asset> outputs;
    try {
      try {
        nr.type.execute(ctx);
      } finally {
        nr.thread = null;
        Thread.interrupted(); // a cancel's interrupt must not leak into the next task
      }
      if (cancelled || nr.token.isCancelled()) {
        throw new CancellationException("cancelled");
      }
      outputs = new LinkedHashMap<>(ctx.outputs());
      for (Port p : nr.spec.outputs()) {
        if (!outputs.containsKey(p.name())) {
          throw new IllegalStateException(
              "node type "
                  + nr.spec.id()
                  + " finished without producing its output \""
                  + p.name()
                  + "\"");
        }
      }
      Provenance provenance = ctx.provenance();
      Map<String, String> hashes = new LinkedHashMap<>();
      Map<String, ValueRef> refs = new LinkedHashMap<>();
      for (var e : outputs.entrySet()) {
        storeDeep(e.getValue(), provenance);
        hashes.put(e.getKey(), e.getValue().hash());
        refs.put(e.getKey(), ValueRef.of(e.getValue()));
      }
      if (!nr.spec.alwaysRun()) {
        request
            .project()
            .cache()
            .record(new ResultCache.Entry(key, nr.spec.id(), hashes, Instant.now()));
      }
      nr.outputs = refs;
    } catch (Throwable t) {
      if (cancelled || nr.token.isCancelled()) {
        settleCancelled(nr);
      } else {
        fail(nr, t);
      }
      return;
    }
    if (nr.phase.compareAndSet(Phase.RUNNING, Phase.FINISHED)) {
      executed.incrementAndGet();
      emit(s ->
          new RunEvent.NodeFinished(
              runId,
              s,
              Instant.now(),
              nr.node.id(),
              Map.copyOf(outputs),
              (System.nanoTime() - t0) / 1_000_000));
      Deque<NodeRun> ready = new ArrayDeque<>();
      succeed(nr, ready);
      drain(ready);
    }
  }

  private void storeDeep(Asset a, Provenance provenance) throws IOException {
    if (a instanceof ListAsset list) {
      for (Asset item : list.items()) {
        storeDeep(item, provenance);
      }
    }
    store().put(a, provenance);
  }

  private void succeed(NodeRun nr, Deque<NodeRun> ready) {
    for (NodeRun c : nr.consumers) {
      if (c.pending.decrementAndGet() == 0 && c.phase.get() == Phase.PENDING) {
        ready.add(c);
      }
    }
    settleOne();
  }

  private void fail(NodeRun nr, Throwable t) {
    String message;
    Location location;
    String hint = null;
    boolean internal = false;
    if (t instanceof WeftException we) {
      message = we.getMessage();
      location =
          we.location().nodeId() == null
              ? we.location().withNode(nr.node.id(), nr.node.displayTitle())
              : we.location();
      hint = we.hint().orElse(null);
      if (we.getCause() != null) {
        LOG.debug("node {} failed", nr.node.id(), we);
      }
    } else if (t instanceof OutOfMemoryError) {
      message = "the node ran out of memory";
      location = Location.node(nr.node.id(), nr.node.displayTitle());
      hint = "use a smaller input or model, or give Weft more memory (WEFT_JAVA_OPTS=-Xmx...)";
    } else {
      internal = true;
      message = "internal error in node type \"" + nr.spec.id() + "\": " + t;
      location = Location.node(nr.node.id(), nr.node.displayTitle());
      hint = "see the log for details; report it to the node type's author";
      LOG.error("node {} ({}) failed", nr.node.id(), nr.spec.id(), t);
    }
    nr.error = message;
    if (nr.phase.compareAndSet(Phase.RUNNING, Phase.FAILED)) {
      failedCount.incrementAndGet();
      String h = hint;
      boolean isInternal = internal;
      emit(s ->
          new RunEvent.NodeFailed(
              runId, s, Instant.now(), nr.node.id(), message, location, h, isInternal));
      blockDependants(nr);
      settleOne();
    }
  }

  private void blockDependants(NodeRun failed) {
    Deque<NodeRun> work = new ArrayDeque<>(failed.consumers);
    while (!work.isEmpty()) {
      NodeRun c = work.poll();
      if (c.phase.compareAndSet(Phase.PENDING, Phase.BLOCKED)) {
        c.error = "blocked: \"" + failed.node.id() + "\" failed";
        emit(s -> new RunEvent.NodeBlocked(runId, s, Instant.now(), c.node.id(), failed.node.id()));
        settleOne();
        work.addAll(c.consumers);
      }
    }
  }

  private void settleCancelled(NodeRun nr) {
    for (Phase from : new Phase[] {Phase.PENDING, Phase.QUEUED, Phase.RUNNING}) {
      if (nr.phase.compareAndSet(from, Phase.CANCELLED)) {
        emit(s -> new RunEvent.NodeCancelled(runId, s, Instant.now(), nr.node.id()));
        settleOne();
        return;
      }
    }
  }

  void cancel() {
    if (cancelled || done.isDone()) {
      return;
    }
    cancelled = true;
    for (NodeRun nr : nodes.values()) {
      Phase p = nr.phase.get();
      if (p == Phase.RUNNING) {
        nr.token.cancel();
        Thread t = nr.thread;
        if (t != null) {
          t.interrupt();
        }
      } else if (p == Phase.PENDING || p == Phase.QUEUED) {
        settleCancelled(nr);
      }
    }
  }

  private void settleOne() {
    if (settled.incrementAndGet() == nodes.size()) {
      finish();
    }
  }

  private void finish() {
    RunStatus status =
        cancelled
            ? RunStatus.CANCELLED
            : failedCount.get() > 0 ? RunStatus.FAILED : RunStatus.SUCCEEDED;
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    emit(s ->
        new RunEvent.RunFinished(
            runId,
            s,
            Instant.now(),
            status,
            executed.get(),
            cachedCount.get(),
            failedCount.get(),
            millis));
    Map<String, NodeOutcome> outcomes = new LinkedHashMap<>();
    for (NodeRun nr : nodes.values()) {
      State s =
          switch (nr.phase.get()) {
            case FINISHED -> State.FINISHED;
            case CACHED -> State.CACHED;
            case FAILED -> State.FAILED;
            case BLOCKED -> State.BLOCKED;
            default -> State.CANCELLED;
          };
      outcomes.put(nr.node.id(), new NodeOutcome(nr.node.id(), s, nr.outputs, nr.error));
    }
    done.complete(new RunResult(runId, status, outcomes, millis));
  }

  // ---- events ----

  void progress(String nodeId, double fraction, String message) {
    emit(s -> new RunEvent.NodeProgress(runId, s, Instant.now(), nodeId, fraction, message));
  }

  void preview(String nodeId, Asset value) {
    emit(s -> new RunEvent.NodePreview(runId, s, Instant.now(), nodeId, value));
  }

  void log(String nodeId, RunEvent.NodeLog.Level level, String message) {
    emit(s -> new RunEvent.NodeLog(runId, s, Instant.now(), nodeId, level, message));
  }

  void backendChosen(String nodeId, String backend, String model) {
    emit(s -> new RunEvent.NodeBackend(runId, s, Instant.now(), nodeId, backend, model));
  }

  /** Numbers and delivers one event; events are delivered one at a time, in order. */
  private void emit(java.util.function.LongFunction<RunEvent> event) {
    synchronized (emitLock) {
      RunEvent numbered = event.apply(seq.incrementAndGet());
      try {
        listener.onEvent(numbered);
      } catch (RuntimeException e) {
        LOG.warn("a run listener failed on {}", numbered.getClass().getSimpleName(), e);
      }
    }
  }

  // ---- what the node context reads ----

  AssetStore store() {
    return request.project().store();
  }

  Path pipelineDir() {
    return request.pipeline().baseDir();
  }

  Path outputDir() {
    return request.outputDir();
  }

  Services services() {
    return services;
  }

  boolean offline() {
    return request.options().offline();
  }

  BackendPolicy backendPolicy() {
    return backendPolicy;
  }

  String weftVersion() {
    return weftVersion;
  }

  String pipelineName() {
    return request
        .pipeline()
        .file()
        .map(f -> f.getFileName().toString())
        .orElse(graph.name().isBlank() ? request.pipeline().sourceName() : graph.name());
  }

  Optional<String> pipelineJson() {
    return request.pipelineJson();
  }
}
