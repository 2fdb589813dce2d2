package dev.weft.pipelines.graph;

import java.util.List;
import java.util.Objects;

/**
 * A wire from an output port to an input port, optionally bent through reroute points ({@code
 * via}), which are layout only.
 */
public record Edge(PortRef from, PortRef to, List<Position> via) {
  public Edge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    via = via == null ? List.of() : List.copyOf(via);
  }

  public static Edge of(String fromNode, String fromPort, String toNode, String toPort) {
    return new Edge(new PortRef(fromNode, fromPort), new PortRef(toNode, toPort), List.of());
  }

  /** The same wire with other reroute points. */
  public Edge withVia(List<Position> newVia) {
    return new Edge(from, to, newVia);
  }

  /** Whether two edges connect the same ports (reroute points aside). */
  public boolean connectsSame(Edge other) {
    return from.equals(other.from) && to.equals(other.to);
  }

  @Override
  public String toString() {
    return from + " -> " + to;
  }
}
