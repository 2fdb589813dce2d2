package dev.weft.app.inspector;

import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.document.SeedLocks;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;

/**
 * The inspector for the one selected node: its title, type and description, and a field per
 * parameter generated from the node type's schema. With no node (or several) selected it shows the
 * pipeline's own name and description.
 */
public final class InspectorViewModel {
  private final DocumentViewModel document;
  private final SeedLocks seeds;
  private final ModelChoices models;
  private final ReadOnlyObjectWrapper<String> nodeId = new ReadOnlyObjectWrapper<>(this, "node");
  private final ReadOnlyObjectWrapper<NodeSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
  private final ObservableList<ParamFieldViewModel> fields = FXCollections.observableArrayList();
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableList<ParamFieldViewModel> fieldsView =
      FXCollections.unmodifiableObservableList(fields);

  public InspectorViewModel(DocumentViewModel document, SeedLocks seeds, ModelChoices models) {
    this.document = document;
    this.seeds = seeds;
    this.models = models;
    document.selection().nodes().addListener((SetChangeListener<String>) c -> refresh());
    document.graphProperty().addListener((o, a, b) -> sync(b));
    refresh();
  }

  /** The node shown, or null for the pipeline itself. */
  public ReadOnlyObjectProperty<String> nodeIdProperty() {
    return nodeId.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<NodeSpec> specProperty() {
    return spec.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ObservableList<ParamFieldViewModel> fields() {
    return fieldsView;
  }

  public Optional<ParamFieldViewModel> field(String param) {
    return fields.stream().filter(f -> f.spec().name().equals(param)).findFirst();
  }

  public DocumentViewModel document() {
    return document;
  }

  public void rename(String newTitle) {
    String id = nodeId.get();
    if (id != null) {
      document.rename(id, newTitle);
    }
  }

  private void refresh() {
    var ids = document.selection().nodeIds();
    Optional<Node> node =
        ids.size() == 1 ? document.graph().node(ids.iterator().next()) : Optional.empty();
    Optional<NodeType> type = node.flatMap(n -> document.wiring().catalog().find(n.type()));
    if (node.isEmpty()) {
      nodeId.set(null);
      spec.set(null);
      title.set("");
      fields.clear();
      return;
    }
    if (node.get().id().equals(nodeId.get())) {
      sync(document.graph());
      return;
    }
    List<ParamFieldViewModel> list = new ArrayList<>();
    if (type.isPresent()) {
      for (ParamSpec p : type.get().spec().params()) {
        List<ModelChoice> choices =
            p instanceof ParamSpec.ModelParam m ? models.choices(m.family(), m.task()) : List.of();
        list.add(new ParamFieldViewModel(document, seeds, node.get(), p, choices));
      }
    }
    nodeId.set(node.get().id());
    spec.set(type.map(NodeType::spec).orElse(null));
    title.set(node.get().title());
    fields.setAll(list);
  }

  private void sync(Graph g) {
    String id = nodeId.get();
    if (id == null) {
      return;
    }
    Optional<Node> node = g.node(id);
    if (node.isEmpty()) {
      refresh();
      return;
    }
    title.set(node.get().title());
    for (ParamFieldViewModel f : fields) {
      f.sync(node.get());
    }
  }
}
