package dev.weft.pipelines.format;

import java.util.Map;

/**
 * Where things were in a pipeline file: the line and column of each JSON value by its JSON pointer
 * ({@code /nodes/3}, {@code /nodes/3/params/steps}), so problems can name a line.
 */
public final class SourceMap {
  public static final SourceMap EMPTY = new SourceMap(Map.of());

  /** A line and column, both starting at 1. */
  public record Position(int line, int column) {}

  private final Map<String, Position> byPointer;

  SourceMap(Map<String, Position> byPointer) {
    this.byPointer = Map.copyOf(byPointer);
  }

  /** The position of the value at a pointer, or of its nearest enclosing value. */
  public Position find(String pointer) {
    String p = pointer;
    while (true) {
      Position pos = byPointer.get(p);
      if (pos != null) {
        return pos;
      }
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return new Position(1, 1);
      }
      p = p.substring(0, slash);
    }
  }

  public int size() {
    return byPointer.size();
  }
}
