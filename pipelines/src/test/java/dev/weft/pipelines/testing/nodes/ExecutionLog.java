package dev.weft.pipelines.testing.nodes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A service test node types record their executions in, so tests can see what ran. */
public final class ExecutionLog {
  private final List<String> executed = new CopyOnWriteArrayList<>();

  void record(String nodeId) {
    executed.add(nodeId);
  }

  public List<String> executed() {
    return List.copyOf(executed);
  }

  public void clear() {
    executed.clear();
  }
}
