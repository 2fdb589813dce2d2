package dev.weft.pipelines.engine;

import dev.weft.pipelines.graph.BackendPolicy;
import java.util.Set;

/**
 * How to run: whether to use the cache, whether the network is off limits, a backend policy that
 * overrides the pipeline's (null keeps it), and the nodes to run up to (empty means all).
 */
public record RunOptions(
    boolean useCache, boolean offline, BackendPolicy backendOverride, Set<String> targets) {

  public static final RunOptions DEFAULT = new RunOptions(true, false, null, Set.of());

  public RunOptions {
    targets = targets == null ? Set.of() : Set.copyOf(targets);
  }

  public RunOptions withoutCache() {
    return new RunOptions(false, offline, backendOverride, targets);
  }

  public RunOptions withOffline(boolean newOffline) {
    return new RunOptions(useCache, newOffline, backendOverride, targets);
  }

  public RunOptions withBackend(BackendPolicy policy) {
    return new RunOptions(useCache, offline, policy, targets);
  }

  /** Run only these nodes and what they depend on. */
  public RunOptions upTo(Set<String> nodes) {
    return new RunOptions(useCache, offline, backendOverride, nodes);
  }
}
