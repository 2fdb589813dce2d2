package dev.weft.app.canvas;

import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Group;
import dev.weft.pipelines.graph.Node;
import java.util.Map;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The minimap: the whole graph in small, with the viewport as a frame. Clicking or dragging in it
 * moves the viewport there.
 */
final class MinimapView extends Region {
  static final double WIDTH = 180;
  static final double HEIGHT = 120;
  private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
  private final Canvas frame = new Canvas(WIDTH, HEIGHT);
  private Graph drawnGraph;
  private final CanvasViewModel vm;
  private Rect world = Rect.EMPTY;
  private double scale = 1;
  private double offX;
  private double offY;

  MinimapView(CanvasViewModel vm) {
    this.vm = vm;
    setId("minimap");
    getStyleClass().add("minimap");
    frame.setMouseTransparent(true);
    getChildren().addAll(canvas, frame);
    setPrefSize(WIDTH, HEIGHT);
    setMinSize(WIDTH, HEIGHT);
    setMaxSize(WIDTH, HEIGHT);
    canvas.setOnMousePressed(e -> {
      jump(e.getX(), e.getY());
      e.consume();
    });
    canvas.setOnMouseDragged(e -> {
      jump(e.getX(), e.getY());
      e.consume();
    });
  }

  private void jump(double x, double y) {
    if (scale <= 0) {
      return;
    }
    vm.centerOn((x - offX) / scale + world.x(), (y - offY) / scale + world.y());
  }

  private Color lastBackground;

  /**
   * Draws the graph (only when it changed: that layer is kept) and the viewport frame over it; the
   * map covers the graph, so the frame may leave it when the view wanders off.
   */
  void redraw(Graph g, Color background, Color frameColour) {
    Rect view = vm.visibleWorld();
    if (g != drawnGraph || !background.equals(lastBackground)) {
      drawnGraph = g;
      lastBackground = background;
      drawGraph(g, background, view);
    }
    GraphicsContext fc = frame.getGraphicsContext2D();
    fc.clearRect(0, 0, WIDTH, HEIGHT);
    fc.setStroke(frameColour);
    fc.setLineWidth(1.5);
    double x = Math.max(1, offX + (view.x() - world.x()) * scale);
    double y = Math.max(1, offY + (view.y() - world.y()) * scale);
    double x2 = Math.min(WIDTH - 1, offX + (view.maxX() - world.x()) * scale);
    double y2 = Math.min(HEIGHT - 1, offY + (view.maxY() - world.y()) * scale);
    if (x2 > x && y2 > y) {
      fc.strokeRect(x, y, x2 - x, y2 - y);
    }
  }

  private void drawGraph(Graph g, Color background, Rect view) {
    GraphicsContext gc = canvas.getGraphicsContext2D();
    gc.clearRect(0, 0, WIDTH, HEIGHT);
    gc.setFill(background);
    gc.fillRoundRect(0, 0, WIDTH, HEIGHT, 10, 10);
    CanvasGeometry geo = vm.geometry();
    Rect content = geo.graphBounds(g);
    world = (content == Rect.EMPTY ? view : content).inflate(40);
    scale = Math.min((WIDTH - 8) / world.width(), (HEIGHT - 8) / world.height());
    offX = (WIDTH - world.width() * scale) / 2;
    offY = (HEIGHT - world.height() * scale) / 2;
    Map<String, Group> hidden = geo.collapsedMembership(g);
    for (Group gr : g.groups()) {
      Rect r = gr.collapsed() ? geo.collapsedBounds(g, gr) : geo.groupBounds(g, gr);
      if (r == Rect.EMPTY) {
        continue;
      }
      Color c = safe(gr.color());
      gc.setFill(c.deriveColor(0, 1, 1, gr.collapsed() ? 0.7 : 0.25));
      fill(gc, r);
    }
    for (Node n : g.nodes()) {
      if (hidden.containsKey(n.id())) {
        continue;
      }
      String category =
          vm.geometry().wiring().catalog().find(n.type()).map(t -> t.spec().category()).orElse("");
      gc.setFill(PortColors.category(category).deriveColor(0, 0.8, 0.9, 0.9));
      fill(gc, geo.nodeBounds(n));
    }
  }

  private void fill(GraphicsContext gc, Rect r) {
    gc.fillRect(
        offX + (r.x() - world.x()) * scale,
        offY + (r.y() - world.y()) * scale,
        Math.max(1.5, r.width() * scale),
        Math.max(1.5, r.height() * scale));
  }

  private static Color safe(String c) {
    try {
      return Color.web(c);
    } catch (IllegalArgumentException e) {
      return Color.web("#4a6fa5");
    }
  }
}
