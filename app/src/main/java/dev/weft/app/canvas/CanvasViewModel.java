package dev.weft.app.canvas;

import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.edit.EdgeKey;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.graph.PortType;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The canvas's own state over a document: the viewport (zoom and pan, with zoom about a point, fit
 * and zoom to selection), the grid and snapping, the wire being dragged with the ports it may end
 * on, and the minimap and shortcut overlay switches. View pixels are {@code world * zoom + pan}.
 */
public final class CanvasViewModel {
  public static final double MIN_ZOOM = 0.1;
  public static final double MAX_ZOOM = 4;
  public static final double GRID = 20;

  private final DocumentViewModel document;
  private final CanvasGeometry geometry;
  private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
  private final ReadOnlyDoubleWrapper panX = new ReadOnlyDoubleWrapper(this, "panX", 0);
  private final ReadOnlyDoubleWrapper panY = new ReadOnlyDoubleWrapper(this, "panY", 0);
  private final DoubleProperty viewWidth = new SimpleDoubleProperty(this, "viewWidth", 800);
  private final DoubleProperty viewHeight = new SimpleDoubleProperty(this, "viewHeight", 600);
  private final DoubleProperty baseScale = new SimpleDoubleProperty(this, "baseScale", 1);
  private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snap", true);
  private final BooleanProperty minimapVisible = new SimpleBooleanProperty(this, "minimap", true);
  private final BooleanProperty shortcutsVisible =
      new SimpleBooleanProperty(this, "shortcuts", false);
  private final ReadOnlyObjectWrapper<WireDrag> wireDrag =
      new ReadOnlyObjectWrapper<>(this, "wireDrag");

  /** A port as the canvas knows it: node, port name, side. */
  public record PortKey(String node, String port, boolean output) {
    public PortRef ref() {
      return new PortRef(node, port);
    }
  }

  /**
   * A wire being dragged from {@code source} (the fixed end); {@code detached} is the wire that was
   * picked up by its input end, if any; {@code compatible} are the ports it may end on.
   */
  public record WireDrag(
      PortKey source, PortType type, Optional<EdgeKey> detached, Set<PortKey> compatible) {}

  public CanvasViewModel(DocumentViewModel document, CanvasGeometry geometry) {
    this.document = document;
    this.geometry = geometry;
  }

  public DocumentViewModel document() {
    return document;
  }

  public CanvasGeometry geometry() {
    return geometry;
  }

  // ------------------------------------------------------------------ viewport

  public ReadOnlyDoubleProperty zoomProperty() {
    return zoom.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty panXProperty() {
    return panX.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty panYProperty() {
    return panY.getReadOnlyProperty();
  }

  public double zoom() {
    return zoom.get();
  }

  public DoubleProperty viewWidthProperty() {
    return viewWidth;
  }

  public DoubleProperty viewHeightProperty() {
    return viewHeight;
  }

  /** The UI scale: at 200 % "100 % zoom" draws nodes twice as large, and fitting stops there. */
  public DoubleProperty baseScaleProperty() {
    return baseScale;
  }

  public BooleanProperty snapToGridProperty() {
    return snapToGrid;
  }

  public BooleanProperty minimapVisibleProperty() {
    return minimapVisible;
  }

  public BooleanProperty shortcutsVisibleProperty() {
    return shortcutsVisible;
  }

  public Point toWorld(double vx, double vy) {
    return new Point((vx - panX.get()) / zoom.get(), (vy - panY.get()) / zoom.get());
  }

  public Point toView(double wx, double wy) {
    return new Point(wx * zoom.get() + panX.get(), wy * zoom.get() + panY.get());
  }

  /** The part of the world the view shows now. */
  public Rect visibleWorld() {
    Point a = toWorld(0, 0);
    return new Rect(a.x(), a.y(), viewWidth.get() / zoom.get(), viewHeight.get() / zoom.get());
  }

  public void setViewport(double newZoom, double newPanX, double newPanY) {
    zoom.set(clampZoom(newZoom));
    panX.set(newPanX);
    panY.set(newPanY);
  }

  public void panBy(double dx, double dy) {
    panX.set(panX.get() + dx);
    panY.set(panY.get() + dy);
  }

  /** Zooms by {@code factor} keeping the world point under (vx, vy) where it is. */
  public void zoomAbout(double factor, double vx, double vy) {
    double old = zoom.get();
    double next = clampZoom(old * factor);
    if (next == old) {
      return;
    }
    Point w = toWorld(vx, vy);
    zoom.set(next);
    panX.set(vx - w.x() * next);
    panY.set(vy - w.y() * next);
  }

  /** Shows the world point (x, y) in the middle of the view. */
  public void centerOn(double x, double y) {
    panX.set(viewWidth.get() / 2 - x * zoom.get());
    panY.set(viewHeight.get() / 2 - y * zoom.get());
  }

  /** Zooms and pans so the rectangle fills the view (never above 100 %). */
  public void show(Rect r) {
    if (r == Rect.EMPTY || r.width() <= 0 && r.height() <= 0) {
      setViewport(baseScale.get(), 40, 40);
      return;
    }
    double margin = 48;
    double w = Math.max(1, viewWidth.get() - 2 * margin);
    double h = Math.max(1, viewHeight.get() - 2 * margin);
    double z =
        clampZoom(Math.min(1, Math.min(w / Math.max(1, r.width()), h / Math.max(1, r.height()))));
    zoom.set(z);
    centerOn(r.centerX(), r.centerY());
  }

  public void fitToView() {
    fitTo(document.graph());
  }

  /**
   * Fits the view to a graph about to be shown: fitting before the document changes lets the canvas
   * build a newly opened pipeline's views once, at the zoom they will be seen at.
   */
  public void fitTo(Graph g) {
    show(geometry.graphBounds(g));
  }

  public void zoomToSelection() {
    Graph g = document.graph();
    Rect r = Rect.EMPTY;
    for (String id : document.selection().nodeIds()) {
      Optional<Node> n = g.node(id);
      if (n.isPresent()) {
        r = r.union(geometry.nodeBounds(n.get()));
      }
    }
    if (r == Rect.EMPTY) {
      fitToView();
    } else {
      show(r);
    }
  }

  public void resetZoom() {
    Point c = toWorld(viewWidth.get() / 2, viewHeight.get() / 2);
    zoom.set(baseScale.get());
    centerOn(c.x(), c.y());
  }

  private static double clampZoom(double z) {
    return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
  }

  /** A coordinate on the grid, when snapping is on. */
  public double snap(double v) {
    return snapToGrid.get() ? Math.round(v / GRID) * GRID : v;
  }

  // ------------------------------------------------------------------ wires

  public ReadOnlyObjectProperty<WireDrag> wireDragProperty() {
    return wireDrag.getReadOnlyProperty();
  }

  /**
   * Starts dragging a wire from a port. Pressing on an input that already has a wire (a single
   * value input) picks that wire up by its end instead, for reconnecting.
   */
  public WireDrag beginWire(PortKey port) {
    Graph g = document.graph();
    Optional<Node> node = g.node(port.node());
    if (node.isEmpty()) {
      return null;
    }
    if (!port.output()) {
      var existing = g.incoming(port.node(), port.port());
      var input = geometry.wiring().input(node.get(), port.port());
      if (!existing.isEmpty() && input.isPresent() && !input.get().acceptsMany()) {
        var e = existing.getLast();
        PortKey source = new PortKey(e.from().node(), e.from().port(), true);
        EdgeKey key = EdgeKey.of(e);
        return start(source, Optional.of(key));
      }
    }
    return start(port, Optional.empty());
  }

  private WireDrag start(PortKey source, Optional<EdgeKey> detached) {
    Graph g = document.graph();
    Graph probe =
        detached.map(k -> dev.weft.app.edit.GraphEdits.removeEdges(g, Set.of(k))).orElse(g);
    Node node = g.node(source.node()).orElseThrow();
    PortType type =
        (source.output()
                ? geometry.wiring().output(node, source.port())
                : geometry.wiring().input(node, source.port()))
            .map(p -> p.type())
            .orElse(PortType.ANY);
    Set<PortKey> ok = new HashSet<>();
    for (Node n : g.nodes()) {
      for (CanvasGeometry.PortAnchor a : geometry.ports(n)) {
        if (a.output() == source.output()) {
          continue;
        }
        PortRef from = source.output() ? source.ref() : new PortRef(a.node(), a.port());
        PortRef to = source.output() ? new PortRef(a.node(), a.port()) : source.ref();
        if (geometry.wiring().canConnect(probe, from, to)) {
          ok.add(new PortKey(a.node(), a.port(), a.output()));
        }
      }
    }
    WireDrag d = new WireDrag(source, type, detached, Set.copyOf(ok));
    wireDrag.set(d);
    return d;
  }

  /**
   * Ends the drag over a port (connects, or reconnects the picked-up wire); returns why not, or
   * empty when connected.
   */
  public Optional<String> dropWireOn(PortKey target) {
    WireDrag d = wireDrag.get();
    wireDrag.set(null);
    if (d == null) {
      return Optional.of("no wire is being dragged");
    }
    if (target.output() == d.source().output()) {
      return Optional.of(
          target.output() ? "an output connects to an input" : "an input connects to an output");
    }
    PortRef from = d.source().output() ? d.source().ref() : target.ref();
    PortRef to = d.source().output() ? target.ref() : d.source().ref();
    if (d.detached().isPresent()) {
      if (d.detached().get().to().equals(to) && d.detached().get().from().equals(from)) {
        return Optional.empty();
      }
      return document.reconnect(d.detached().get(), from, to);
    }
    return document.connect(from, true, to);
  }

  /**
   * Ends the drag on empty canvas: a picked-up wire is removed; a new wire asks for a node to
   * connect (returns the drag so the view can open the palette filtered to its type).
   */
  public Optional<WireDrag> dropWireOnEmpty() {
    WireDrag d = wireDrag.get();
    wireDrag.set(null);
    if (d == null) {
      return Optional.empty();
    }
    if (d.detached().isPresent()) {
      document.disconnect(d.detached().get());
      return Optional.empty();
    }
    return Optional.of(d);
  }

  public void cancelWire() {
    wireDrag.set(null);
  }
}
