package dev.weft.app.inspector;

import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.document.SeedLocks;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.ParamSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One field of the inspector, generated from a parameter's schema: the text shown, the value in the
 * graph, whether it is the default, and the problem with what was typed (checked as one types, so
 * invalid input is flagged inline and never reaches the graph).
 */
public final class ParamFieldViewModel {
  private final DocumentViewModel document;
  private final SeedLocks seeds;
  private final String nodeId;
  private final ParamSpec spec;
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
  private final ReadOnlyObjectWrapper<Object> value = new ReadOnlyObjectWrapper<>(this, "value");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyBooleanWrapper isDefault = new ReadOnlyBooleanWrapper(this, "default");
  private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked", true);
  private final List<ModelChoice> models;

  ParamFieldViewModel(
      DocumentViewModel document,
      SeedLocks seeds,
      Node node,
      ParamSpec spec,
      List<ModelChoice> models) {
    this.document = document;
    this.seeds = seeds;
    this.nodeId = node.id();
    this.spec = spec;
    this.models = List.copyOf(models);
    locked.set(seeds.isLocked(nodeId, spec.name()));
    locked.addListener((o, a, b) -> seeds.setLocked(nodeId, spec.name(), b));
    sync(node);
  }

  public ParamSpec spec() {
    return spec;
  }

  public String nodeId() {
    return nodeId;
  }

  public ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Object> valueProperty() {
    return value.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty defaultProperty() {
    return isDefault.getReadOnlyProperty();
  }

  /** For seeds: locked keeps the value across runs; unlocked draws a new one before each run. */
  public BooleanProperty lockedProperty() {
    return locked;
  }

  /** For model parameters: the models of the parameter's family and task. */
  public List<ModelChoice> models() {
    return models;
  }

  /** Takes the graph's value (after undo, or an edit elsewhere), unless it is what we show. */
  void sync(Node node) {
    Optional<Object> set = node.params().get(spec.name());
    Object v = set.orElse(spec.defaultValue());
    isDefault.set(set.isEmpty());
    if (!Objects.equals(v, value.get())) {
      value.set(v);
      text.set(format(v));
      error.set("");
    }
  }

  /** The person typed this: checked at once; a valid value goes to the graph. */
  public void edit(String typed) {
    text.set(typed);
    Object parsed;
    try {
      parsed = spec.parse(typed);
    } catch (IllegalArgumentException e) {
      error.set(e.getMessage());
      return;
    }
    parsed = dev.weft.pipelines.graph.Params.normalise(spec.name(), parsed);
    Optional<String> problem = spec.check(parsed);
    if (problem.isPresent()) {
      error.set(spec.label() + " " + problem.get());
      return;
    }
    error.set("");
    value.set(parsed);
    document.setParam(nodeId, spec.name(), parsed);
  }

  /** A control set this value (slider, check box, drop-down). */
  public void set(Object newValue) {
    Object v = dev.weft.pipelines.graph.Params.normalise(spec.name(), newValue);
    Optional<String> problem = spec.check(v);
    if (problem.isPresent()) {
      error.set(spec.label() + " " + problem.get());
      return;
    }
    error.set("");
    value.set(v);
    text.set(format(v));
    document.setParam(nodeId, spec.name(), v);
  }

  /** Editing this field is over (focus left, Enter): the next edit is a separate undo step. */
  public void endTyping() {
    document.endTyping();
  }

  public void reset() {
    document.resetParam(nodeId, spec.name());
  }

  /** Seeds: a new random value. */
  public void randomise() {
    document.endTyping();
    set(seeds.randomSeed());
    document.endTyping();
  }

  /**
   * File parameters: a file chosen in the file dialog, stored relative to the pipeline's folder
   * when it lies inside it (so a project folder can move).
   */
  public void chooseFile(Path chosen) {
    Path abs = chosen.toAbsolutePath().normalize();
    String stored =
        document
            .file()
            .map(f -> f.toAbsolutePath().getParent())
            .filter(abs::startsWith)
            .map(dir -> dir.relativize(abs).toString().replace('\\', '/'))
            .orElse(abs.toString());
    document.endTyping();
    edit(stored);
    document.endTyping();
  }

  /** Where a file parameter's path points (relative paths start at the pipeline's folder). */
  public Optional<Path> resolvedFile() {
    String t = text.get();
    if (t == null || t.isBlank()) {
      return Optional.empty();
    }
    Path p = Path.of(t);
    if (p.isAbsolute()) {
      return Optional.of(p);
    }
    return document.file().map(f -> f.toAbsolutePath().getParent().resolve(p));
  }

  static String format(Object v) {
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
    return v == null ? "" : v.toString();
  }
}
