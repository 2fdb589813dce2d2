package dev.weft.pipelines.graph;

import java.util.List;
import java.util.Objects;

/** A titled, coloured frame around nodes that move together and can collapse into one box. */
public record Group(String id, String title, String color, List<String> nodes, boolean collapsed) {
  public Group {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    color = color == null || color.isBlank() ? "#4a6fa5" : color;
    nodes = List.copyOf(nodes);
  }

  public Group withNodes(List<String> newNodes) {
    return new Group(id, title, color, newNodes, collapsed);
  }

  public Group withCollapsed(boolean newCollapsed) {
    return new Group(id, title, color, nodes, newCollapsed);
  }

  public Group withTitle(String newTitle) {
    return new Group(id, newTitle, color, nodes, collapsed);
  }

  public Group withColor(String newColor) {
    return new Group(id, title, newColor, nodes, collapsed);
  }
}
