package dev.weft.app.document;

import dev.weft.app.edit.EdgeKey;
import dev.weft.app.edit.GraphEditJob;
import dev.weft.app.edit.GraphEdits;
import dev.weft.app.edit.GraphTarget;
import dev.weft.app.edit.JobManager;
import dev.weft.app.edit.Wiring;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Group;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.graph.Position;
import dev.weft.pipelines.nodes.NodeType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One open pipeline: the graph, the file behind it, the selection, and every editing command. The
 * graph changes only through jobs on the document's {@link JobManager}, so each edit can be undone;
 * views call these commands and observe the properties.
 */
public final class DocumentViewModel {
  /** How far a paste or duplicate lands from the original. */
  public static final double PASTE_OFFSET = 40;

  private static final List<String> GROUP_COLOURS =
      List.of("#5e81ac", "#a3be8c", "#b48ead", "#d08770", "#88c0d0", "#ebcb8b");

  private final Wiring wiring;
  private final PipelineFormat format;
  private final JobManager history = new JobManager(500);
  private final Selection selection = new Selection();
  private final ReadOnlyObjectWrapper<Graph> graph = new ReadOnlyObjectWrapper<>(this, "graph");
  private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
  private final ReadOnlyStringWrapper displayName = new ReadOnlyStringWrapper(this, "displayName");
  private final GraphTarget target =
      new GraphTarget() {
        @Override
        public Graph graph() {
          return graph.get();
        }

        @Override
        public void replaceGraph(Graph g) {
          graph.set(g);
          selection.prune(g);
        }
      };

  public DocumentViewModel(Wiring wiring, PipelineFormat format) {
    this.wiring = wiring;
    this.format = format;
    graph.set(Graph.EMPTY);
    file.addListener((o, a, b) -> updateName());
    history.dirtyProperty().addListener((o, a, b) -> updateName());
    updateName();
  }

  // ------------------------------------------------------------------ state

  public Graph graph() {
    return graph.get();
  }

  public ReadOnlyObjectProperty<Graph> graphProperty() {
    return graph.getReadOnlyProperty();
  }

  public Optional<Path> file() {
    return Optional.ofNullable(file.get());
  }

  public ReadOnlyObjectProperty<Path> fileProperty() {
    return file.getReadOnlyProperty();
  }

  /** The file name (or the pipeline's name, or "Untitled"), with "*" while unsaved. */
  public ReadOnlyStringProperty displayNameProperty() {
    return displayName.getReadOnlyProperty();
  }

  public JobManager history() {
    return history;
  }

  public Selection selection() {
    return selection;
  }

  public Wiring wiring() {
    return wiring;
  }

  public PipelineFormat format() {
    return format;
  }

  private void updateName() {
    String base;
    Path f = file.get();
    if (f != null) {
      base = f.getFileName().toString();
    } else if (graph.get() != null && !graph.get().name().isBlank()) {
      base = graph.get().name();
    } else {
      base = "Untitled";
    }
    displayName.set(history.isDirty() ? base + " *" : base);
  }

  /** Replaces the document with a graph read from {@code path} (or none): a fresh history. */
  public void load(Graph g, Path path) {
    selection.clear();
    graph.set(g);
    file.set(path);
    history.clear();
    updateName();
  }

  /** The document is now saved at {@code path}. */
  public void savedAs(Path path) {
    file.set(path);
    history.markSaved();
  }

  // ------------------------------------------------------------------ edits

  private boolean edit(String description, java.util.function.UnaryOperator<Graph> change) {
    return history.push(new GraphEditJob(target, description, change));
  }

  private boolean edit(
      String description, java.util.function.UnaryOperator<Graph> change, String mergeKey) {
    return history.push(new GraphEditJob(target, description, change, mergeKey));
  }

  public void undo() {
    history.undo();
  }

  public void redo() {
    history.redo();
  }

  /** Adds a node of a type with its defaults; returns its id and selects it. */
  public Optional<String> addNode(String typeId, Position at) {
    Optional<NodeType> type = wiring.catalog().find(typeId);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    Node node = GraphEdits.newNode(graph(), typeId, type.get().spec().version(), at);
    edit("Add " + type.get().spec().displayName(), g -> GraphEdits.addNode(g, node));
    selection.selectOnly(node.id());
    return Optional.of(node.id());
  }

  /**
   * Adds a node and wires it to the port a wire was dragged from (its first compatible port), as
   * one step: what dropping a wire on empty canvas and choosing a node does.
   */
  public Optional<String> addNodeConnected(
      String typeId, Position at, PortRef dragged, boolean fromOutput) {
    Optional<NodeType> type = wiring.catalog().find(typeId);
    Optional<Node> draggedNode = graph().node(dragged.node());
    if (type.isEmpty() || draggedNode.isEmpty()) {
      return Optional.empty();
    }
    Node node = GraphEdits.newNode(graph(), typeId, type.get().spec().version(), at);
    Graph withNode = GraphEdits.addNode(graph(), node);
    Optional<Graph> wired = Optional.empty();
    if (fromOutput) {
      for (Port in : wiring.inputs(node)) {
        PortRef to = new PortRef(node.id(), in.name());
        if (wiring.canConnect(withNode, dragged, to)) {
          wired = Optional.of(GraphEdits.connect(withNode, dragged, to, in));
          break;
        }
      }
    } else {
      Optional<Port> target = wiring.input(draggedNode.get(), dragged.port());
      for (Port out : wiring.outputs(node)) {
        PortRef from = new PortRef(node.id(), out.name());
        if (target.isPresent() && wiring.canConnect(withNode, from, dragged)) {
          wired = Optional.of(GraphEdits.connect(withNode, from, dragged, target.get()));
          break;
        }
      }
    }
    Graph result = wired.orElse(withNode);
    edit("Add " + type.get().spec().displayName(), g -> result);
    selection.selectOnly(node.id());
    return Optional.of(node.id());
  }

  /**
   * Connects two ports given in either order (one output, one input); returns why not when the wire
   * is refused.
   */
  public Optional<String> connect(PortRef a, boolean aIsOutput, PortRef b) {
    PortRef from = aIsOutput ? a : b;
    PortRef to = aIsOutput ? b : a;
    Optional<String> why = wiring.whyNot(graph(), from, to);
    if (why.isPresent()) {
      return why;
    }
    Port input = graph().node(to.node()).flatMap(n -> wiring.input(n, to.port())).orElseThrow();
    edit("Connect " + from + " to " + to, g -> GraphEdits.connect(g, from, to, input));
    return Optional.empty();
  }

  /** Moves one end of a wire to another port; returns why not when refused. */
  public Optional<String> reconnect(EdgeKey wire, PortRef from, PortRef to) {
    Graph without = GraphEdits.removeEdges(graph(), Set.of(wire));
    Optional<String> why = wiring.whyNot(without, from, to);
    if (why.isPresent()) {
      return why;
    }
    Port input = without.node(to.node()).flatMap(n -> wiring.input(n, to.port())).orElseThrow();
    edit("Reconnect wire", g -> GraphEdits.reconnect(g, wire, from, to, input));
    return Optional.empty();
  }

  public void disconnect(EdgeKey wire) {
    edit("Remove wire", g -> GraphEdits.removeEdges(g, Set.of(wire)));
  }

  /** Deletes the selected nodes and wires (a selected group takes its nodes with it). */
  public void deleteSelection() {
    Set<String> nodes = selection.nodeIds();
    Set<EdgeKey> edges = selection.edgeKeys();
    if (nodes.isEmpty() && edges.isEmpty()) {
      return;
    }
    String what = describe(nodes.size(), edges.size());
    edit("Delete " + what, g -> GraphEdits.remove(g, nodes, edges));
  }

  private static String describe(int nodes, int edges) {
    List<String> parts = new ArrayList<>();
    if (nodes > 0) {
      parts.add(nodes == 1 ? "1 node" : nodes + " nodes");
    }
    if (edges > 0) {
      parts.add(edges == 1 ? "1 wire" : edges + " wires");
    }
    return String.join(" and ", parts);
  }

  /** Moves nodes by a drag's total offset: one undo step per drag. */
  public void moveNodes(Set<String> ids, double dx, double dy) {
    Set<String> moved = Set.copyOf(ids);
    edit("Move " + describe(moved.size(), 0), g -> GraphEdits.move(g, moved, dx, dy));
  }

  /** Moves the selection with the arrow keys; repeated nudges fold into one step. */
  public void nudgeSelection(double dx, double dy) {
    Set<String> ids = selection.nodeIds();
    if (ids.isEmpty()) {
      return;
    }
    edit(
        "Move " + describe(ids.size(), 0),
        g -> GraphEdits.move(g, ids, dx, dy),
        "nudge:" + String.join(",", new java.util.TreeSet<>(ids)));
  }

  /** Sets a parameter; typing in one field makes one undo step until {@link #endTyping}. */
  public void setParam(String nodeId, String key, Object value) {
    String label = graph().node(nodeId).map(n -> n.displayTitle()).orElse(nodeId);
    edit(
        "Edit " + key + " of " + label,
        g -> GraphEdits.setParam(g, nodeId, key, value),
        "param:" + nodeId + ":" + key);
  }

  /** Back to the type's default value. */
  public void resetParam(String nodeId, String key) {
    history.seal();
    edit("Reset " + key, g -> GraphEdits.setParam(g, nodeId, key, null));
    history.seal();
  }

  /** A field lost focus or Enter was pressed: the next edit is a new undo step. */
  public void endTyping() {
    history.seal();
  }

  public void rename(String nodeId, String title) {
    edit("Rename " + nodeId, g -> GraphEdits.rename(g, nodeId, title), "title:" + nodeId);
  }

  public void setBackend(BackendPolicy policy) {
    history.seal();
    edit("Backend " + policy.id(), g -> g.withBackend(policy));
  }

  public void setPipelineName(String name) {
    edit("Rename pipeline", g -> g.withName(name.strip()), "pipeline-name");
  }

  public void setPipelineDescription(String text) {
    edit("Describe pipeline", g -> g.withDescription(text), "pipeline-description");
  }

  public void selectAll() {
    selection.selectNodes(graph().nodes().stream().map(Node::id).toList());
  }

  // ------------------------------------------------------------------ clipboard

  /** The selected nodes (and wires and groups among them) as pipeline JSON, if any. */
  public Optional<String> copySelection() {
    Set<String> ids = selection.nodeIds();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(format.write(GraphEdits.extract(graph(), ids)));
  }

  public Optional<String> cutSelection() {
    Optional<String> json = copySelection();
    if (json.isPresent()) {
      Set<String> ids = selection.nodeIds();
      edit("Cut " + describe(ids.size(), 0), g -> GraphEdits.remove(g, ids, Set.of()));
    }
    return json;
  }

  /**
   * Pastes pipeline JSON (from this or another window, or a text editor): the nodes land with their
   * top-left corner at {@code at}, or offset from where they were copied; they get fresh ids where
   * theirs are taken, and become the selection. Returns why nothing was pasted.
   */
  public Optional<String> paste(String json, Optional<Position> at) {
    Graph part;
    try {
      part = format.read(json, "the clipboard").graph();
    } catch (InvalidPipelineException e) {
      return Optional.of("the clipboard holds no pipeline: " + e.getMessage());
    }
    if (part.nodes().isEmpty()) {
      return Optional.of("the clipboard's pipeline has no nodes");
    }
    double minX = part.nodes().stream().mapToDouble(n -> n.position().x()).min().orElse(0);
    double minY = part.nodes().stream().mapToDouble(n -> n.position().y()).min().orElse(0);
    double dx = at.map(p -> p.x() - minX).orElse(PASTE_OFFSET);
    double dy = at.map(p -> p.y() - minY).orElse(PASTE_OFFSET);
    GraphEdits.Pasted pasted = GraphEdits.paste(graph(), part, dx, dy);
    history.seal();
    edit("Paste " + describe(pasted.nodeIds().size(), 0), g -> pasted.graph());
    selection.selectNodes(pasted.nodeIds());
    return Optional.empty();
  }

  /** Ctrl+D: copies of the selected nodes beside them, wired among themselves. */
  public void duplicateSelection() {
    Set<String> ids = selection.nodeIds();
    if (ids.isEmpty()) {
      return;
    }
    Graph part = GraphEdits.extract(graph(), ids);
    GraphEdits.Pasted pasted = GraphEdits.paste(graph(), part, PASTE_OFFSET, PASTE_OFFSET);
    history.seal();
    edit("Duplicate " + describe(ids.size(), 0), g -> pasted.graph());
    selection.selectNodes(pasted.nodeIds());
  }

  // ------------------------------------------------------------------ groups

  /** Frames the selected nodes in a new group; returns its id. */
  public Optional<String> groupSelection(String title) {
    List<String> ids =
        graph().nodes().stream().map(Node::id).filter(selection::containsNode).toList();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String id = GraphEdits.freshGroupId(graph());
    String colour = GROUP_COLOURS.get(graph().groups().size() % GROUP_COLOURS.size());
    String name = title == null || title.isBlank() ? "Group" : title.strip();
    edit("Group " + describe(ids.size(), 0), g -> GraphEdits.group(g, id, name, colour, ids));
    return Optional.of(id);
  }

  public void ungroup(String groupId) {
    edit("Ungroup", g -> GraphEdits.ungroup(g, groupId));
  }

  public void setGroupCollapsed(String groupId, boolean collapsed) {
    edit(
        collapsed ? "Collapse group" : "Expand group",
        g -> GraphEdits.updateGroup(g, groupId, gr -> gr.withCollapsed(collapsed)));
  }

  public void renameGroup(String groupId, String title) {
    edit(
        "Rename group",
        g -> GraphEdits.updateGroup(g, groupId, gr -> gr.withTitle(title.strip())),
        "group-title:" + groupId);
  }

  public void recolourGroup(String groupId, String colour) {
    edit("Colour group", g -> GraphEdits.updateGroup(g, groupId, gr -> gr.withColor(colour)));
  }

  /** The group with this id. */
  public Optional<Group> group(String id) {
    return graph().groups().stream().filter(g -> g.id().equals(id)).findFirst();
  }

  // ------------------------------------------------------------------ reroute points

  public void addReroute(EdgeKey wire, int index, Position at) {
    edit("Add reroute point", g -> GraphEdits.addReroute(g, wire, index, at));
  }

  public void moveReroute(EdgeKey wire, int index, Position to) {
    edit("Move reroute point", g -> GraphEdits.moveReroute(g, wire, index, to));
  }

  public void removeReroute(EdgeKey wire, int index) {
    edit("Remove reroute point", g -> GraphEdits.removeReroute(g, wire, index));
  }

  /** The wire with these ends, if the graph has it. */
  public Optional<Edge> edge(EdgeKey key) {
    return graph().edges().stream().filter(key::matches).findFirst();
  }

  /** Ids of the nodes in the order they are drawn, a set for quick lookups. */
  public Set<String> nodeIds() {
    Set<String> ids = new LinkedHashSet<>();
    graph().nodes().forEach(n -> ids.add(n.id()));
    return ids;
  }
}
