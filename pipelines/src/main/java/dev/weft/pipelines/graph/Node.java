package dev.weft.pipelines.graph;

import java.util.Objects;

/**
 * One node in a graph: its id (unique in the graph), the id and version of its type, a title a
 * person chose, parameter values, and where it sits on the canvas.
 */
public record Node(
    String id, String type, int version, String title, Params params, Position position) {

  public Node {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    title = title == null ? "" : title;
    params = params == null ? Params.EMPTY : params;
    position = position == null ? Position.ORIGIN : position;
  }

  public static Node of(String id, String type) {
    return new Node(id, type, 1, "", Params.EMPTY, Position.ORIGIN);
  }

  /** The title, or the id when no title was given. */
  public String displayTitle() {
    return title.isBlank() ? id : title;
  }

  public Node withId(String newId) {
    return new Node(newId, type, version, title, params, position);
  }

  public Node withTitle(String newTitle) {
    return new Node(id, type, version, newTitle, params, position);
  }

  public Node withParams(Params newParams) {
    return new Node(id, type, version, title, newParams, position);
  }

  public Node withParam(String key, Object value) {
    return withParams(params.with(key, value));
  }

  public Node withPosition(Position newPosition) {
    return new Node(id, type, version, title, params, newPosition);
  }

  public Node withVersion(int newVersion) {
    return new Node(id, type, newVersion, title, params, position);
  }
}
