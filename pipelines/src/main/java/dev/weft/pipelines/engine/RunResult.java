package dev.weft.pipelines.engine;

import java.util.Map;
import java.util.Optional;

/** How a run ended and how each node in it ended. */
public record RunResult(
    String runId, RunStatus status, Map<String, NodeOutcome> nodes, long durationMillis) {
  public RunResult {
    nodes = Map.copyOf(nodes);
  }

  public Optional<NodeOutcome> node(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  public long count(NodeOutcome.State state) {
    return nodes.values().stream().filter(n -> n.state() == state).count();
  }
}
