package dev.weft.pipelines.graph;

import java.util.Objects;

/** A port of a node in a graph: {@code node.port}. */
public record PortRef(String node, String port) {
  public PortRef {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(port, "port");
  }

  @Override
  public String toString() {
    return node + "." + port;
  }
}
