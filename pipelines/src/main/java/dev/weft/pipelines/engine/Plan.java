package dev.weft.pipelines.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run will do, worked out before anything executes: the nodes in dependency order, the cache
 * key of each node whose inputs are already known, which nodes the cache serves (with their
 * outputs' hashes), and which must (or may) run. A node downstream of one that runs may still turn
 * out cached, when the upstream node produces the same value as before.
 */
public record Plan(
    List<String> order,
    Map<String, String> keys,
    Map<String, Map<String, String>> cachedOutputs,
    Set<String> toRun) {

  public Plan {
    order = List.copyOf(order);
    keys = Map.copyOf(keys);
    cachedOutputs = Map.copyOf(cachedOutputs);
    toRun = Set.copyOf(toRun);
  }

  public boolean isCached(String nodeId) {
    return cachedOutputs.containsKey(nodeId);
  }
}
