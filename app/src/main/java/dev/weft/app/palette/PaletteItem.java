package dev.weft.app.palette;

import dev.weft.pipelines.nodes.NodeSpec;

/** A node type as the palette lists it. */
public record PaletteItem(String typeId, String name, String category, String description) {
  public static PaletteItem of(NodeSpec spec) {
    return new PaletteItem(spec.id(), spec.displayName(), spec.category(), spec.description());
  }
}
