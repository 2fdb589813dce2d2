package dev.weft.app.edit;

import dev.weft.pipelines.graph.Conversion;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.NodeType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which wires are legal: the ports a node has with its current parameters, and whether an output
 * may feed an input (the engine's conversion table, no wires into the same node, no cycles).
 */
public final class Wiring {
  private final NodeCatalog catalog;

  public Wiring(NodeCatalog catalog) {
    this.catalog = catalog;
  }

  public NodeCatalog catalog() {
    return catalog;
  }

  /** The inputs of a node with its parameters (a template grows one per placeholder). */
  public List<Port> inputs(Node node) {
    return catalog.find(node.type()).map(t -> safeInputs(t, node)).orElse(List.of());
  }

  public List<Port> outputs(Node node) {
    return catalog.find(node.type()).map(t -> t.spec().outputs()).orElse(List.of());
  }

  private static List<Port> safeInputs(NodeType t, Node node) {
    try {
      return t.inputs(node.params());
    } catch (RuntimeException e) {
      // A plugin's inputs() failing must not break drawing; the validator reports the node.
      return t.spec().inputs();
    }
  }

  public Optional<Port> input(Node node, String name) {
    return inputs(node).stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<Port> output(Node node, String name) {
    return outputs(node).stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Whether values of these types can flow along a wire. */
  public static boolean compatible(PortType from, PortType to) {
    return Conversion.between(from, to).isPresent();
  }

  /** Why the wire from {@code from} (an output) to {@code to} (an input) is refused, or empty. */
  public Optional<String> whyNot(Graph graph, PortRef from, PortRef to) {
    Optional<Node> source = graph.node(from.node());
    Optional<Node> target = graph.node(to.node());
    if (source.isEmpty() || target.isEmpty()) {
      return Optional.of("the node is gone");
    }
    Optional<Port> out = output(source.get(), from.port());
    Optional<Port> in = input(target.get(), to.port());
    if (out.isEmpty()) {
      return Optional.of(source.get().displayTitle() + " has no output " + from.port());
    }
    if (in.isEmpty()) {
      return Optional.of(target.get().displayTitle() + " has no input " + to.port());
    }
    if (from.node().equals(to.node())) {
      return Optional.of("a node cannot feed itself");
    }
    if (!compatible(out.get().type(), in.get().type())) {
      return Optional.of(
          out.get().type() + " cannot go into " + in.get().type() + " (" + in.get().label() + ")");
    }
    if (reaches(graph, to.node(), from.node())) {
      return Optional.of("that wire would make a loop");
    }
    for (Edge e : graph.incoming(to.node(), to.port())) {
      if (e.from().equals(from)) {
        return Optional.of("these ports are already connected");
      }
    }
    return Optional.empty();
  }

  public boolean canConnect(Graph graph, PortRef from, PortRef to) {
    return whyNot(graph, from, to).isEmpty();
  }

  /** Whether {@code target} is downstream of {@code start} (or is it). */
  static boolean reaches(Graph graph, String start, String target) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.push(start);
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (n.equals(target)) {
        return true;
      }
      if (seen.add(n)) {
        for (Edge e : graph.outgoing(n)) {
          todo.push(e.to().node());
        }
      }
    }
    return false;
  }
}
