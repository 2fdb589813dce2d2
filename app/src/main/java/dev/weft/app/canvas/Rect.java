package dev.weft.app.canvas;

/** An axis-aligned rectangle in canvas (world) units. */
public record Rect(double x, double y, double width, double height) {
  public static final Rect EMPTY = new Rect(0, 0, 0, 0);

  public static Rect spanning(double x1, double y1, double x2, double y2) {
    return new Rect(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
  }

  public double maxX() {
    return x + width;
  }

  public double maxY() {
    return y + height;
  }

  public double centerX() {
    return x + width / 2;
  }

  public double centerY() {
    return y + height / 2;
  }

  public boolean contains(double px, double py) {
    return px >= x && px <= x + width && py >= y && py <= y + height;
  }

  public boolean intersects(Rect o) {
    return o.x < maxX() && o.maxX() > x && o.y < maxY() && o.maxY() > y;
  }

  public Rect union(Rect o) {
    if (this == EMPTY) {
      return o;
    }
    if (o == EMPTY) {
      return this;
    }
    double nx = Math.min(x, o.x);
    double ny = Math.min(y, o.y);
    return new Rect(nx, ny, Math.max(maxX(), o.maxX()) - nx, Math.max(maxY(), o.maxY()) - ny);
  }

  public Rect inflate(double d) {
    return new Rect(x - d, y - d, width + 2 * d, height + 2 * d);
  }
}
