package dev.weft.app.edit;

import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.PortRef;

/** Names a wire by the ports it joins, whatever its reroute points (a graph holds one per pair). */
public record EdgeKey(PortRef from, PortRef to) {
  public static EdgeKey of(Edge e) {
    return new EdgeKey(e.from(), e.to());
  }

  public boolean matches(Edge e) {
    return e.from().equals(from) && e.to().equals(to);
  }

  @Override
  public String toString() {
    return from + " -> " + to;
  }
}
