package dev.weft.app.document;

import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which seed parameters are unlocked: an unlocked seed gets a new random value before each run
 * (locked ones, the default, keep theirs so a result can be reproduced).
 */
public final class SeedLocks {
  private final Set<String> unlocked = new HashSet<>();
  private final RandomGenerator random;

  public SeedLocks(RandomGenerator random) {
    this.random = random;
  }

  private static String key(String node, String param) {
    return node + "\u0000" + param;
  }

  public boolean isLocked(String node, String param) {
    return !unlocked.contains(key(node, param));
  }

  public void setLocked(String node, String param, boolean locked) {
    if (locked) {
      unlocked.remove(key(node, param));
    } else {
      unlocked.add(key(node, param));
    }
  }

  public long randomSeed() {
    return random.nextLong(ParamSpec.SeedParam.MAX + 1);
  }

  /** New values for every unlocked seed in the graph, by node then parameter. */
  public Map<String, Map<String, Long>> reroll(Graph graph, NodeCatalog catalog) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (Node n : graph.nodes()) {
      catalog
          .find(n.type())
          .ifPresent(t -> {
            for (ParamSpec p : t.spec().params()) {
              if (p instanceof ParamSpec.SeedParam && !isLocked(n.id(), p.name())) {
                out.computeIfAbsent(n.id(), k -> new LinkedHashMap<>()).put(p.name(), randomSeed());
              }
            }
          });
    }
    return out;
  }
}
