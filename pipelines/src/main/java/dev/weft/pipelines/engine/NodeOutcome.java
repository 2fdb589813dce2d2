package dev.weft.pipelines.engine;

import dev.weft.assets.Asset;
import java.util.Map;

/** How one node ended in a run, with its outputs (loaded lazily for cached nodes). */
public record NodeOutcome(String nodeId, State state, Map<String, ValueRef> outputs, String error) {

  /** The end state of a node. */
  public enum State {
    FINISHED,
    CACHED,
    FAILED,
    BLOCKED,
    CANCELLED
  }

  public NodeOutcome {
    outputs = Map.copyOf(outputs);
  }

  public boolean succeeded() {
    return state == State.FINISHED || state == State.CACHED;
  }

  /** An output's value, loading it from the store when needed. */
  public Asset output(String port) {
    ValueRef ref = outputs.get(port);
    if (ref == null) {
      throw new IllegalArgumentException(
          "node " + nodeId + " has no output " + port + " in this run");
    }
    return ref.get();
  }
}
