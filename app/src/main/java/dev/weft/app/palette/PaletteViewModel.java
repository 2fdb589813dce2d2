package dev.weft.app.palette;

import dev.weft.app.edit.Wiring;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The node palette: every node type by category, narrowed by a search (name, id, category,
 * keywords, description; best matches first) and optionally by a port type, so that a wire dropped
 * on empty canvas offers only nodes that can take (or give) that type.
 */
public final class PaletteViewModel {
  /** Narrows the palette to nodes with a port that fits a dragged wire. */
  public record TypeFilter(PortType type, boolean needsInput) {}

  private final List<NodeSpec> specs;
  private final Map<String, NodeType> types = new LinkedHashMap<>();
  private final StringProperty query = new SimpleStringProperty(this, "query", "");
  private final ObjectProperty<TypeFilter> typeFilter = new SimpleObjectProperty<>(this, "type");
  private final ObservableList<PaletteItem> items = FXCollections.observableArrayList();
  // one read-only view, kept: listeners on a discarded view would be lost with it
  private final ObservableList<PaletteItem> itemsView =
      FXCollections.unmodifiableObservableList(items);

  public PaletteViewModel(Wiring wiring) {
    List<NodeType> all = new ArrayList<>(wiring.catalog().all());
    all.removeIf(t -> t.spec().category().equalsIgnoreCase("Test"));
    all.forEach(t -> types.put(t.spec().id(), t));
    this.specs = all.stream().map(NodeType::spec).toList();
    query.addListener((o, a, b) -> refresh());
    typeFilter.addListener((o, a, b) -> refresh());
    refresh();
  }

  public StringProperty queryProperty() {
    return query;
  }

  public ObjectProperty<TypeFilter> typeFilterProperty() {
    return typeFilter;
  }

  /** The matching types: by category when not searching, best match first when searching. */
  public ObservableList<PaletteItem> items() {
    return itemsView;
  }

  /** The categories of the matching types, in order. */
  public List<String> categories() {
    return items.stream().map(PaletteItem::category).distinct().toList();
  }

  public Optional<PaletteItem> first() {
    return items.isEmpty() ? Optional.empty() : Optional.of(items.getFirst());
  }

  private void refresh() {
    String q = query.get() == null ? "" : query.get().strip().toLowerCase(Locale.ROOT);
    TypeFilter filter = typeFilter.get();
    record Scored(NodeSpec spec, int score) {}
    List<Scored> matched = new ArrayList<>();
    for (NodeSpec s : specs) {
      if (filter != null && !fits(types.get(s.id()), filter)) {
        continue;
      }
      int score = q.isEmpty() ? 0 : score(s, q);
      if (score >= 0) {
        matched.add(new Scored(s, score));
      }
    }
    Comparator<Scored> order =
        q.isEmpty()
            ? Comparator.comparing((Scored x) -> x.spec().category())
                .thenComparing(x -> x.spec().displayName())
            : Comparator.comparingInt((Scored x) -> -x.score())
                .thenComparing(x -> x.spec().displayName());
    items.setAll(matched.stream().sorted(order).map(x -> PaletteItem.of(x.spec())).toList());
  }

  private static boolean fits(NodeType t, TypeFilter f) {
    List<Port> ports = f.needsInput() ? t.inputs(Params.EMPTY) : t.spec().outputs();
    if (f.needsInput() && ports.isEmpty()) {
      ports = t.spec().inputs();
    }
    for (Port p : ports) {
      boolean ok =
          f.needsInput()
              ? Wiring.compatible(f.type(), p.type())
              : Wiring.compatible(p.type(), f.type());
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /** How well a spec matches every word of the query; -1 when a word matches nothing. */
  static int score(NodeSpec s, String q) {
    String name = s.displayName().toLowerCase(Locale.ROOT);
    String id = s.id().toLowerCase(Locale.ROOT);
    String category = s.category().toLowerCase(Locale.ROOT);
    String description = s.description().toLowerCase(Locale.ROOT);
    List<String> keywords = s.keywords().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    int total = 0;
    for (String word : q.split("\\s+")) {
      int best = -1;
      if (name.startsWith(word)) {
        best = 100;
      } else if (java.util.Arrays.stream(name.split("\\s+")).anyMatch(w -> w.startsWith(word))) {
        best = 80;
      } else if (name.contains(word)) {
        best = 60;
      } else if (id.contains(word)) {
        best = 50;
      } else if (keywords.stream().anyMatch(k -> k.startsWith(word))) {
        best = 40;
      } else if (category.startsWith(word)) {
        best = 30;
      } else if (description.contains(word)) {
        best = 10;
      }
      if (best < 0) {
        return -1;
      }
      total += best;
    }
    return total;
  }
}
