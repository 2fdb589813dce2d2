package dev.weft.pipelines.testing;

import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds graphs in tests: {@code Graphs.create().node("a", "text.literal", "text", "hi")...}. */
public final class Graphs {
  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  public static Graphs create() {
    return new Graphs();
  }

  /** A node with parameters given as name, value pairs. */
  public Graphs node(String id, String type, Object... params) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i + 1 < params.length; i += 2) {
      p.put((String) params[i], params[i + 1]);
    }
    nodes.add(new Node(id, type, 1, "", Params.of(p), new Position(nodes.size() * 200, 0)));
    return this;
  }

  /** A wire "a.out" to "b.in". */
  public Graphs edge(String from, String to) {
    int f = from.lastIndexOf('.');
    int t = to.lastIndexOf('.');
    edges.add(
        Edge.of(
            from.substring(0, f), from.substring(f + 1), to.substring(0, t), to.substring(t + 1)));
    return this;
  }

  public Graph build() {
    return Graph.of(nodes, edges);
  }
}
