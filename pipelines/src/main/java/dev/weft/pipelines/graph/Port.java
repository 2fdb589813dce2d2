package dev.weft.pipelines.graph;

import java.util.Objects;

/**
 * An input or output of a node type: a name unique among the type's inputs (or outputs), a type,
 * and whether an input must be connected. A list input takes any number of wires; their values are
 * joined in wire order.
 */
public record Port(String name, PortType type, boolean required, String label, String description) {

  public Port {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    label = label == null || label.isBlank() ? name : label;
    description = description == null ? "" : description;
  }

  /** A required port (for outputs "required" has no meaning and is ignored). */
  public static Port of(String name, PortType type) {
    return new Port(name, type, true, null, null);
  }

  /** An input that may be left unconnected. */
  public static Port optional(String name, PortType type) {
    return new Port(name, type, false, null, null);
  }

  public Port describedAs(String newLabel, String newDescription) {
    return new Port(name, type, required, newLabel, newDescription);
  }

  /** Whether several wires may end here. */
  public boolean acceptsMany() {
    return type.list();
  }
}
