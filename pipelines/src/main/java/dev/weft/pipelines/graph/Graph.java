package dev.weft.pipelines.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A pipeline: nodes, the wires between them, groups, and pipeline-wide settings. Immutable; every
 * edit returns a new graph. A graph may be invalid (duplicate ids, dangling wires, cycles): the
 * validator reports such problems, and the engine refuses to run them.
 */
public final class Graph {
  public static final Graph EMPTY =
      new Graph("", "", BackendPolicy.AUTO, List.of(), List.of(), List.of());

  private final String name;
  private final String description;
  private final BackendPolicy backend;
  private final List<Node> nodes;
  private final List<Edge> edges;
  private final List<Group> groups;
  // Derived indexes, built on first use.
  private volatile Map<String, Node> byId;
  private volatile Map<String, List<Edge>> incoming;
  private volatile Map<String, List<Edge>> outgoing;

  public Graph(
      String name,
      String description,
      BackendPolicy backend,
      List<Node> nodes,
      List<Edge> edges,
      List<Group> groups) {
    this.name = name == null ? "" : name;
    this.description = description == null ? "" : description;
    this.backend = backend == null ? BackendPolicy.AUTO : backend;
    this.nodes = List.copyOf(nodes);
    this.edges = List.copyOf(edges);
    this.groups = List.copyOf(groups);
  }

  public static Graph of(List<Node> nodes, List<Edge> edges) {
    return new Graph("", "", BackendPolicy.AUTO, nodes, edges, List.of());
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public BackendPolicy backend() {
    return backend;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  public List<Group> groups() {
    return groups;
  }

  /** The node with this id (the first, should ids repeat). */
  public Optional<Node> node(String id) {
    return Optional.ofNullable(index().get(id));
  }

  public boolean hasNode(String id) {
    return index().containsKey(id);
  }

  /** Wires ending at the node, in file order. */
  public List<Edge> incoming(String nodeId) {
    return incomingIndex().getOrDefault(nodeId, List.of());
  }

  /** Wires starting at the node, in file order. */
  public List<Edge> outgoing(String nodeId) {
    return outgoingIndex().getOrDefault(nodeId, List.of());
  }

  /** Wires ending at one input port, in file order (their values join in this order). */
  public List<Edge> incoming(String nodeId, String port) {
    List<Edge> all = incoming(nodeId);
    List<Edge> out = new ArrayList<>(1);
    for (Edge e : all) {
      if (e.to().port().equals(port)) {
        out.add(e);
      }
    }
    return out;
  }

  // ---- edits: each returns a new graph ----

  public Graph withName(String newName) {
    return new Graph(newName, description, backend, nodes, edges, groups);
  }

  public Graph withDescription(String newDescription) {
    return new Graph(name, newDescription, backend, nodes, edges, groups);
  }

  public Graph withBackend(BackendPolicy newBackend) {
    return new Graph(name, description, newBackend, nodes, edges, groups);
  }

  /** Adds the node, or replaces the node with the same id in place. */
  public Graph withNode(Node node) {
    List<Node> copy = new ArrayList<>(nodes);
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).id().equals(node.id())) {
        copy.set(i, node);
        return new Graph(name, description, backend, copy, edges, groups);
      }
    }
    copy.add(node);
    return new Graph(name, description, backend, copy, edges, groups);
  }

  public Graph withNodes(Collection<Node> added) {
    Graph g = this;
    for (Node n : added) {
      g = g.withNode(n);
    }
    return g;
  }

  /** Changes one node; a no-op when there is none with that id. */
  public Graph updateNode(String id, UnaryOperator<Node> change) {
    return node(id).map(n -> withNode(change.apply(n))).orElse(this);
  }

  /** Removes nodes, their wires, and their membership in groups. */
  public Graph withoutNodes(Set<String> ids) {
    List<Node> keptNodes = nodes.stream().filter(n -> !ids.contains(n.id())).toList();
    List<Edge> keptEdges =
        edges.stream()
            .filter(e -> !ids.contains(e.from().node()) && !ids.contains(e.to().node()))
            .toList();
    List<Group> keptGroups =
        groups.stream()
            .map(g -> g.withNodes(g.nodes().stream().filter(n -> !ids.contains(n)).toList()))
            .toList();
    return new Graph(name, description, backend, keptNodes, keptEdges, keptGroups);
  }

  public Graph withoutNode(String id) {
    return withoutNodes(Set.of(id));
  }

  public Graph withEdge(Edge edge) {
    List<Edge> copy = new ArrayList<>(edges);
    copy.add(edge);
    return new Graph(name, description, backend, nodes, copy, groups);
  }

  /** Removes the wire connecting the same ports as {@code edge}. */
  public Graph withoutEdge(Edge edge) {
    List<Edge> copy = new ArrayList<>(edges.size());
    boolean removed = false;
    for (Edge e : edges) {
      if (!removed && e.connectsSame(edge)) {
        removed = true;
        continue;
      }
      copy.add(e);
    }
    return removed ? new Graph(name, description, backend, nodes, copy, groups) : this;
  }

  public Graph withEdges(List<Edge> newEdges) {
    return new Graph(name, description, backend, nodes, newEdges, groups);
  }

  public Graph withGroups(List<Group> newGroups) {
    return new Graph(name, description, backend, nodes, edges, newGroups);
  }

  // ---- indexes ----

  private Map<String, Node> index() {
    Map<String, Node> m = byId;
    if (m == null) {
      m = new HashMap<>(nodes.size() * 2);
      for (Node n : nodes) {
        m.putIfAbsent(n.id(), n);
      }
      byId = m = Collections.unmodifiableMap(m);
    }
    return m;
  }

  private Map<String, List<Edge>> incomingIndex() {
    Map<String, List<Edge>> m = incoming;
    if (m == null) {
      m = groupEdges(true);
      incoming = m;
    }
    return m;
  }

  private Map<String, List<Edge>> outgoingIndex() {
    Map<String, List<Edge>> m = outgoing;
    if (m == null) {
      m = groupEdges(false);
      outgoing = m;
    }
    return m;
  }

  private Map<String, List<Edge>> groupEdges(boolean byTarget) {
    Map<String, List<Edge>> m = new LinkedHashMap<>();
    for (Edge e : edges) {
      String key = byTarget ? e.to().node() : e.from().node();
      m.computeIfAbsent(key, k -> new ArrayList<>(2)).add(e);
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Graph g
        && name.equals(g.name)
        && description.equals(g.description)
        && backend == g.backend
        && nodes.equals(g.nodes)
        && edges.equals(g.edges)
        && groups.equals(g.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, backend, nodes, edges, groups);
  }

  @Override
  public String toString() {
    return "Graph[" + name + ", " + nodes.size() + " nodes, " + edges.size() + " edges]";
  }
}
