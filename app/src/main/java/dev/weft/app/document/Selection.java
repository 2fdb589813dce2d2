package dev.weft.app.document;

import dev.weft.app.edit.EdgeKey;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Group;
import dev.weft.pipelines.graph.Node;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * What is selected on the canvas: nodes, wires and groups. Not part of the undo history; kept
 * consistent with the graph (things that disappear are deselected).
 */
public final class Selection {
  private final ObservableSet<String> nodes = FXCollections.observableSet(new HashSet<>());
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableSet<String> nodesView = FXCollections.unmodifiableObservableSet(nodes);
  private final ObservableSet<EdgeKey> edges = FXCollections.observableSet(new HashSet<>());
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableSet<EdgeKey> edgesView = FXCollections.unmodifiableObservableSet(edges);
  private final ObservableSet<String> groups = FXCollections.observableSet(new HashSet<>());
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableSet<String> groupsView = FXCollections.unmodifiableObservableSet(groups);

  public ObservableSet<String> nodes() {
    return nodesView;
  }

  public ObservableSet<EdgeKey> edges() {
    return edgesView;
  }

  public ObservableSet<String> groups() {
    return groupsView;
  }

  public Set<String> nodeIds() {
    return Set.copyOf(nodes);
  }

  public Set<EdgeKey> edgeKeys() {
    return Set.copyOf(edges);
  }

  public boolean isEmpty() {
    return nodes.isEmpty() && edges.isEmpty() && groups.isEmpty();
  }

  public void clear() {
    nodes.clear();
    edges.clear();
    groups.clear();
  }

  /** Selects exactly these nodes. */
  public void selectNodes(Collection<String> ids) {
    edges.clear();
    groups.clear();
    nodes.retainAll(ids);
    nodes.addAll(ids);
  }

  public void selectOnly(String nodeId) {
    selectNodes(Set.of(nodeId));
  }

  /** Shift/Ctrl-click: in if out, out if in. */
  public void toggleNode(String nodeId) {
    if (!nodes.remove(nodeId)) {
      nodes.add(nodeId);
    }
  }

  public void addNodes(Collection<String> ids) {
    nodes.addAll(ids);
  }

  public void selectEdge(EdgeKey key, boolean add) {
    if (!add) {
      nodes.clear();
      groups.clear();
      edges.retainAll(Set.of(key));
    }
    if (add && edges.contains(key)) {
      edges.remove(key);
    } else {
      edges.add(key);
    }
  }

  /** Selects a group (its nodes too, so that moving and copying take them). */
  public void selectGroup(Group group, boolean add) {
    if (!add) {
      clear();
    }
    groups.add(group.id());
    nodes.addAll(group.nodes());
  }

  public boolean containsNode(String id) {
    return nodes.contains(id);
  }

  /** Drops what the graph no longer has. */
  void prune(Graph graph) {
    if (!nodes.isEmpty()) {
      Set<String> ids = new HashSet<>();
      for (Node n : graph.nodes()) {
        ids.add(n.id());
      }
      nodes.retainAll(ids);
    }
    if (!edges.isEmpty()) {
      Set<EdgeKey> keys = new HashSet<>();
      graph.edges().forEach(e -> keys.add(EdgeKey.of(e)));
      edges.retainAll(keys);
    }
    if (!groups.isEmpty()) {
      Set<String> ids = new HashSet<>();
      graph.groups().forEach(g -> ids.add(g.id()));
      groups.retainAll(ids);
    }
  }
}
