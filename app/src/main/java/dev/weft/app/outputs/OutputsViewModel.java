package dev.weft.app.outputs;

import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.run.RunViewModel;
import dev.weft.assets.Asset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;

/**
 * What the Outputs panel shows: the outputs of the selected node, or else of the node that last
 * finished; while a node runs, its live preview (streamed text, a partial image).
 */
public final class OutputsViewModel {
  /** One value to show: the node and port it came from, and whether it is a live preview. */
  public record Output(String nodeId, String port, Asset value, boolean preview) {}

  private final DocumentViewModel document;
  private final RunViewModel run;
  private final ReadOnlyObjectWrapper<String> shownNode = new ReadOnlyObjectWrapper<>(this, "node");
  private final ObservableList<Output> items = FXCollections.observableArrayList();
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableList<Output> itemsView = FXCollections.unmodifiableObservableList(items);

  public OutputsViewModel(DocumentViewModel document, RunViewModel run) {
    this.document = document;
    this.run = run;
    document.selection().nodes().addListener((SetChangeListener<String>) c -> choose());
    run.lastFinishedNodeProperty()
        .addListener((o, a, b) -> {
          if (b != null && document.selection().nodeIds().size() != 1) {
            show(b);
          }
        });
    run.outputs()
        .addListener(
            (MapChangeListener<String, Map<String, Asset>>)
                c -> {
                  if (c.getKey().equals(shownNode.get())) {
                    refresh();
                  }
                });
    run.previews()
        .addListener(
            (MapChangeListener<String, Asset>)
                c -> {
                  if (c.getKey().equals(shownNode.get())) {
                    refresh();
                  }
                });
  }

  public ReadOnlyObjectProperty<String> shownNodeProperty() {
    return shownNode.getReadOnlyProperty();
  }

  public ObservableList<Output> items() {
    return itemsView;
  }

  /**
   * The audio a transcript was made from: the nearest audio output upstream of the node, so that
   * clicking a segment can play that moment.
   */
  public java.util.Optional<dev.weft.assets.AudioAsset> sourceAudio(String nodeId) {
    var graph = document.graph();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    graph.incoming(nodeId).forEach(e -> todo.add(e.from().node()));
    while (!todo.isEmpty()) {
      String id = todo.poll();
      if (!seen.add(id)) {
        continue;
      }
      Map<String, Asset> values = run.outputs().get(id);
      if (values != null) {
        for (Asset a : values.values()) {
          if (a instanceof dev.weft.assets.AudioAsset audio) {
            return java.util.Optional.of(audio);
          }
        }
      }
      graph.incoming(id).forEach(e -> todo.add(e.from().node()));
    }
    return java.util.Optional.empty();
  }

  private void choose() {
    var ids = document.selection().nodeIds();
    if (ids.size() == 1) {
      show(ids.iterator().next());
    }
  }

  public void show(String nodeId) {
    shownNode.set(nodeId);
    refresh();
  }

  private void refresh() {
    String id = shownNode.get();
    List<Output> out = new ArrayList<>();
    if (id != null) {
      Asset preview = run.previews().get(id);
      if (preview != null) {
        out.add(new Output(id, "preview", preview, true));
      } else {
        Map<String, Asset> values = run.outputs().get(id);
        if (values != null) {
          values.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .forEach(e -> out.add(new Output(id, e.getKey(), e.getValue(), false)));
        }
      }
    }
    items.setAll(out);
  }
}
