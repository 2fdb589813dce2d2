package dev.weft.pipelines.nodes;

import java.util.Locale;

/**
 * The kind of resource a node's work needs, which decides where the scheduler runs it: a GPU (one
 * job per device unless its memory budget allows more; the CPU lane serves when there is no GPU),
 * the CPU (sized to the cores), the network (many calls at once on virtual threads), or disk I/O.
 */
public enum Lane {
  GPU,
  CPU,
  NETWORK,
  IO;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
