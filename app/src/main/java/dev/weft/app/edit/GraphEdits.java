package dev.weft.app.edit;

import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Group;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.graph.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The editor's changes to a graph as pure functions (graph in, graph out): adding, wiring, moving,
 * removing, pasting, grouping and rerouting. Jobs wrap them so each can be undone.
 */
public final class GraphEdits {
  private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_-]+");

  private GraphEdits() {}

  /** An id not used in the graph, made from {@code base} ("template", "template_2", ...). */
  public static String freshId(Graph graph, String base) {
    return freshId(graph.nodes().stream().map(Node::id).toList(), base);
  }

  static String freshId(Collection<String> taken, String base) {
    Set<String> used = new HashSet<>(taken);
    String b = NOT_ID.matcher(base).replaceAll("_").replaceAll("^_+|_+$", "");
    if (b.isEmpty()) {
      b = "node";
    }
    if (!used.contains(b)) {
      return b;
    }
    String stem = b.replaceAll("_[0-9]+$", "");
    for (int i = 2; ; i++) {
      String candidate = stem + "_" + i;
      if (!used.contains(candidate)) {
        return candidate;
      }
    }
  }

  /** The id stem for a node of a type: its id's last part ("text.template" gives "template"). */
  public static String idStem(String typeId) {
    int dot = typeId.lastIndexOf('.');
    return (dot >= 0 ? typeId.substring(dot + 1) : typeId).toLowerCase(Locale.ROOT);
  }

  public static Graph addNode(Graph graph, Node node) {
    return graph.withNode(node);
  }

  /**
   * Adds the wire; a single-value input that already has a wire gives it up for the new one (lists
   * take any number).
   */
  public static Graph connect(Graph graph, PortRef from, PortRef to, Port input) {
    Graph g = graph;
    if (!input.acceptsMany()) {
      for (Edge e : graph.incoming(to.node(), to.port())) {
        g = g.withoutEdge(e);
      }
    }
    return g.withEdge(new Edge(from, to, List.of()));
  }

  /** Moves the wire {@code key} to end at other ports, keeping its place among the wires. */
  public static Graph reconnect(Graph graph, EdgeKey key, PortRef from, PortRef to, Port input) {
    Graph without = removeEdges(graph, Set.of(key));
    return connect(without, from, to, input);
  }

  public static Graph removeEdges(Graph graph, Set<EdgeKey> keys) {
    if (keys.isEmpty()) {
      return graph;
    }
    List<Edge> kept = graph.edges().stream().filter(e -> !keys.contains(EdgeKey.of(e))).toList();
    return kept.size() == graph.edges().size() ? graph : graph.withEdges(kept);
  }

  /** Removes nodes (with their wires and group places), wires, and groups emptied by it. */
  public static Graph remove(Graph graph, Set<String> nodes, Set<EdgeKey> edges) {
    Graph g = removeEdges(graph, edges);
    if (!nodes.isEmpty()) {
      g = g.withoutNodes(nodes);
      List<Group> groups = g.groups().stream().filter(gr -> !gr.nodes().isEmpty()).toList();
      if (groups.size() != g.groups().size()) {
        g = g.withGroups(groups);
      }
    }
    return g;
  }

  /**
   * Moves nodes by (dx, dy), and the reroute points of wires that run between moved nodes, so a
   * moved cluster keeps its shape.
   */
  public static Graph move(Graph graph, Set<String> ids, double dx, double dy) {
    if (ids.isEmpty() || (dx == 0 && dy == 0)) {
      return graph;
    }
    List<Node> nodes = new ArrayList<>(graph.nodes().size());
    for (Node n : graph.nodes()) {
      nodes.add(ids.contains(n.id()) ? n.withPosition(n.position().plus(dx, dy)) : n);
    }
    List<Edge> edges = new ArrayList<>(graph.edges().size());
    for (Edge e : graph.edges()) {
      if (!e.via().isEmpty() && ids.contains(e.from().node()) && ids.contains(e.to().node())) {
        edges.add(e.withVia(e.via().stream().map(p -> p.plus(dx, dy)).toList()));
      } else {
        edges.add(e);
      }
    }
    return new Graph(
        graph.name(), graph.description(), graph.backend(), nodes, edges, graph.groups());
  }

  /** Puts nodes at given places (snapping, aligning). */
  public static Graph place(Graph graph, Map<String, Position> places) {
    Graph g = graph;
    for (Map.Entry<String, Position> e : places.entrySet()) {
      g = g.updateNode(e.getKey(), n -> n.withPosition(e.getValue()));
    }
    return g;
  }

  /** Sets a parameter, or clears it (back to the type's default) when {@code value} is null. */
  public static Graph setParam(Graph graph, String nodeId, String key, Object value) {
    return graph.updateNode(
        nodeId,
        n -> n.withParams(value == null ? n.params().without(key) : n.params().with(key, value)));
  }

  public static Graph rename(Graph graph, String nodeId, String title) {
    return graph.updateNode(nodeId, n -> n.withTitle(title.strip()));
  }

  /**
   * The part of the graph a copy takes: the nodes, the wires between them, and the groups whose
   * nodes are all taken. Wires to nodes left behind are dropped.
   */
  public static Graph extract(Graph graph, Set<String> ids) {
    List<Node> nodes = graph.nodes().stream().filter(n -> ids.contains(n.id())).toList();
    List<Edge> edges =
        graph.edges().stream()
            .filter(e -> ids.contains(e.from().node()) && ids.contains(e.to().node()))
            .toList();
    List<Group> groups =
        graph.groups().stream()
            .filter(g -> !g.nodes().isEmpty() && ids.containsAll(g.nodes()))
            .toList();
    return new Graph(graph.name(), "", graph.backend(), nodes, edges, groups);
  }

  /** What pasting added: the new graph and the ids the pasted nodes got. */
  public record Pasted(Graph graph, List<String> nodeIds) {}

  /**
   * Adds a copied part to the graph: nodes get fresh ids where theirs are taken (wires and groups
   * follow), and everything moves by (dx, dy).
   */
  public static Pasted paste(Graph graph, Graph part, double dx, double dy) {
    Set<String> taken = new LinkedHashSet<>();
    graph.nodes().forEach(n -> taken.add(n.id()));
    Map<String, String> rename = new HashMap<>();
    List<Node> added = new ArrayList<>();
    for (Node n : part.nodes()) {
      String id = taken.contains(n.id()) ? freshId(taken, n.id()) : n.id();
      taken.add(id);
      rename.put(n.id(), id);
      added.add(n.withId(id).withPosition(n.position().plus(dx, dy)));
    }
    List<Edge> edges = new ArrayList<>(graph.edges());
    for (Edge e : part.edges()) {
      String from = rename.get(e.from().node());
      String to = rename.get(e.to().node());
      if (from != null && to != null) {
        edges.add(
            new Edge(
                new PortRef(from, e.from().port()),
                new PortRef(to, e.to().port()),
                e.via().stream().map(p -> p.plus(dx, dy)).toList()));
      }
    }
    Set<String> groupIds = new HashSet<>();
    graph.groups().forEach(g -> groupIds.add(g.id()));
    List<Group> groups = new ArrayList<>(graph.groups());
    for (Group g : part.groups()) {
      String id = groupIds.contains(g.id()) ? freshId(groupIds, g.id()) : g.id();
      groupIds.add(id);
      List<String> members =
          g.nodes().stream().map(rename::get).filter(java.util.Objects::nonNull).toList();
      if (!members.isEmpty()) {
        groups.add(new Group(id, g.title(), g.color(), members, g.collapsed()));
      }
    }
    List<Node> nodes = new ArrayList<>(graph.nodes());
    nodes.addAll(added);
    Graph result =
        new Graph(graph.name(), graph.description(), graph.backend(), nodes, edges, groups);
    return new Pasted(result, added.stream().map(Node::id).toList());
  }

  /** Frames nodes in a new group; a node leaves any group it was in. */
  public static Graph group(
      Graph graph, String groupId, String title, String color, List<String> ids) {
    Set<String> members = new LinkedHashSet<>(ids);
    List<Group> groups = new ArrayList<>();
    for (Group g : graph.groups()) {
      List<String> rest = g.nodes().stream().filter(n -> !members.contains(n)).toList();
      if (!rest.isEmpty()) {
        groups.add(g.withNodes(rest));
      }
    }
    groups.add(new Group(groupId, title, color, List.copyOf(members), false));
    return graph.withGroups(groups);
  }

  public static Graph ungroup(Graph graph, String groupId) {
    return graph.withGroups(graph.groups().stream().filter(g -> !g.id().equals(groupId)).toList());
  }

  public static Graph updateGroup(
      Graph graph, String groupId, java.util.function.UnaryOperator<Group> change) {
    return graph.withGroups(
        graph.groups().stream().map(g -> g.id().equals(groupId) ? change.apply(g) : g).toList());
  }

  /** An id for a new group. */
  public static String freshGroupId(Graph graph) {
    return freshId(graph.groups().stream().map(Group::id).toList(), "group");
  }

  /** Inserts a reroute point into a wire at position {@code index} of its via list. */
  public static Graph addReroute(Graph graph, EdgeKey key, int index, Position at) {
    return mapEdge(
        graph,
        key,
        e -> {
          List<Position> via = new ArrayList<>(e.via());
          via.add(Math.max(0, Math.min(index, via.size())), at);
          return e.withVia(via);
        });
  }

  public static Graph moveReroute(Graph graph, EdgeKey key, int index, Position to) {
    return mapEdge(
        graph,
        key,
        e -> {
          if (index < 0 || index >= e.via().size()) {
            return e;
          }
          List<Position> via = new ArrayList<>(e.via());
          via.set(index, to);
          return e.withVia(via);
        });
  }

  public static Graph removeReroute(Graph graph, EdgeKey key, int index) {
    return mapEdge(
        graph,
        key,
        e -> {
          if (index < 0 || index >= e.via().size()) {
            return e;
          }
          List<Position> via = new ArrayList<>(e.via());
          via.remove(index);
          return e.withVia(via);
        });
  }

  private static Graph mapEdge(
      Graph graph, EdgeKey key, java.util.function.UnaryOperator<Edge> change) {
    List<Edge> edges = new ArrayList<>(graph.edges().size());
    boolean changed = false;
    for (Edge e : graph.edges()) {
      if (key.matches(e)) {
        Edge c = change.apply(e);
        changed |= !c.equals(e);
        edges.add(c);
      } else {
        edges.add(e);
      }
    }
    return changed ? graph.withEdges(edges) : graph;
  }

  /** A node of a type at a place, with the type's defaults (no parameters set). */
  public static Node newNode(Graph graph, String typeId, int version, Position at) {
    return new Node(freshId(graph, idStem(typeId)), typeId, version, "", Params.EMPTY, at);
  }
}
