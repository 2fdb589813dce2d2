package dev.weft.pipelines.graph;

/** A point on the canvas, in canvas units. */
public record Position(double x, double y) {
  public static final Position ORIGIN = new Position(0, 0);

  public Position {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("a position must be finite, got (" + x + ", " + y + ")");
    }
  }

  public Position plus(double dx, double dy) {
    return new Position(x + dx, y + dy);
  }
}
