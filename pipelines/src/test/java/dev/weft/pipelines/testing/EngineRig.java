package dev.weft.pipelines.testing;

import dev.weft.pipelines.engine.Engine;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunRequest;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.nodes.ExecutionLog;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An engine over a temporary project with the test node types, recording every event. */
public final class EngineRig implements AutoCloseable {
  public final Path projectDir;
  public final NodeCatalog catalog = TestCatalog.withTestNodes();
  public final ExecutionLog log = new ExecutionLog();
  public final List<RunEvent> events =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private Engine engine;
  private Services services;

  public EngineRig(Path projectDir) {
    this(projectDir, Services.builder());
  }

  public EngineRig(Path projectDir, Services.Builder extra) {
    this.projectDir = projectDir;
    this.services = extra.put(ExecutionLog.class, log).build();
    this.engine = new Engine(catalog, services, new Lanes(Lanes.Config.forThisMachine()), "test");
  }

  public Engine engine() {
    return engine;
  }

  /** A fresh engine over the same project, as after a restart of the studio. */
  public void restart() {
    engine.close();
    engine = new Engine(catalog, services, new Lanes(Lanes.Config.forThisMachine()), "test");
  }

  public RunRequest request(Graph graph, RunOptions options) {
    ParsedPipeline parsed =
        new ParsedPipeline(
            graph,
            "test.weft.json",
            Optional.of(projectDir.resolve("test.weft.json")),
            dev.weft.pipelines.format.SourceMap.EMPTY,
            java.util.Map.of(),
            List.of());
    Project project = engine.project(projectDir);
    return new RunRequest(
        parsed, project, projectDir.resolve("outputs"), options, Optional.empty());
  }

  public RunResult run(Graph graph) throws InterruptedException {
    return run(graph, RunOptions.DEFAULT);
  }

  public RunResult run(Graph graph, RunOptions options) throws InterruptedException {
    events.clear();
    log.clear();
    return engine.run(request(graph, options), events::add);
  }

  public RunHandle start(Graph graph, RunOptions options) {
    events.clear();
    log.clear();
    return engine.start(request(graph, options), events::add);
  }

  /** The events about one node, in order. */
  public List<RunEvent> eventsOf(String nodeId) {
    // a synchronized list must be held while it is iterated: a run may still be adding events
    synchronized (events) {
      return events.stream().filter(e -> nodeId.equals(e.nodeId())).toList();
    }
  }

  public <T extends RunEvent> List<T> events(Class<T> type) {
    synchronized (events) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
