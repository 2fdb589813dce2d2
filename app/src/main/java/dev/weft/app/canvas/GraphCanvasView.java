package dev.weft.app.canvas;

import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.edit.EdgeKey;
import dev.weft.app.edit.GraphEdits;
import dev.weft.app.palette.PaletteViewModel;
import dev.weft.app.palette.QuickAddPopup;
import dev.weft.app.run.NodeRunState;
import dev.weft.app.run.RunViewModel;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Group;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Position;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The node-graph canvas: a world of groups, wires and nodes under one pan-and-zoom transform, a
 * grid behind it, a minimap and the shortcut card over it. It draws the document's graph and turns
 * mouse and keys into the document's and canvas view model's commands; it never changes the graph
 * itself. Nodes outside the viewport are culled, and far out only boxes are drawn.
 */
public final class GraphCanvasView extends Region {
  /** Below this zoom nodes drop their text (the costly part to draw). */
  static final double DETAIL_ZOOM = 0.5;

  /** Below this zoom nodes are outlines only (titles would be a few pixels high). */
  static final double OUTLINE_ZOOM = 0.3;

  private final CanvasViewModel vm;
  private final DocumentViewModel doc;
  private final RunViewModel run;
  private final CanvasGeometry geo;
  private final Rectangle grid = new Rectangle();
  private final javafx.scene.Group world = new javafx.scene.Group();
  private final javafx.scene.Group groupLayer = new javafx.scene.Group();
  private final javafx.scene.Group wireLayer = new javafx.scene.Group();
  private final javafx.scene.Group nodeLayer = new javafx.scene.Group();
  private final javafx.scene.Group handleLayer = new javafx.scene.Group();
  private final Path dragWire = new Path();
  private final Pane overlay = new Pane();
  private final Rectangle band = new Rectangle();
  private final MinimapView minimap;
  private final ShortcutOverlay shortcuts = new ShortcutOverlay();
  private final Label zoomLabel = new Label();
  private final Label hint = new Label();
  private final Translate pan = new Translate();
  private final Scale scale = new Scale();
  private final Map<String, NodeView> nodeViews = new HashMap<>();
  private final Map<String, GroupView> groupViews = new HashMap<>();
  private final Map<EdgeKey, Path> wires = new LinkedHashMap<>();
  private final Map<EdgeKey, Rect> wireBounds = new HashMap<>();
  private final Map<EdgeKey, List<Point>> wirePoints = new HashMap<>();
  private final javafx.scene.control.Tooltip hoverTip = new javafx.scene.control.Tooltip();
  private Object hoverTarget;
  private final QuickAddPopup quickAdd;
  private final BiConsumer<List<java.nio.file.Path>, Position> onFilesDropped;
  private Consumer<String> onMessage = m -> {};

  private enum Drag {
    NONE,
    PAN,
    MOVE,
    BAND,
    WIRE,
    REROUTE
  }

  private Drag drag = Drag.NONE;
  private double pressX;
  private double pressY;
  private double lastX;
  private double lastY;
  private Set<String> moving = Set.of();
  private Set<String> bandBase = Set.of();
  private EdgeKey rerouteWire;
  private int rerouteIndex;
  private Position reroutePos;
  private boolean spaceDown;
  private boolean dragged;
  private Graph drawn = Graph.EMPTY;
  private Point lastMouseWorld = new Point(0, 0);

  public GraphCanvasView(
      CanvasViewModel vm,
      RunViewModel run,
      QuickAddPopup quickAdd,
      BiConsumer<List<java.nio.file.Path>, Position> onFilesDropped) {
    this.vm = vm;
    this.doc = vm.document();
    this.run = run;
    this.geo = vm.geometry();
    this.quickAdd = quickAdd;
    this.onFilesDropped = onFilesDropped;
    this.minimap = new MinimapView(vm);
    setId("graph-canvas");
    getStyleClass().add("graph-canvas");
    setFocusTraversable(true);
    world.getTransforms().addAll(pan, scale);
    dragWire.getStyleClass().add("drag-wire");
    dragWire.setVisible(false);
    dragWire.setMouseTransparent(true);
    world.getChildren().addAll(groupLayer, wireLayer, nodeLayer, handleLayer, dragWire);
    band.getStyleClass().add("rubber-band");
    band.setVisible(false);
    overlay.getChildren().add(band);
    overlay.setMouseTransparent(true);
    zoomLabel.getStyleClass().add("zoom-label");
    zoomLabel.setMouseTransparent(true);
    hint.getStyleClass().add("canvas-hint");
    hint.setMouseTransparent(true);
    hint.setText("Drag nodes in from the palette, or press Shift+A · F1 shows every shortcut");
    shortcuts.setVisible(false);
    getChildren().addAll(grid, world, overlay, zoomLabel, hint, minimap, shortcuts);
    setMinSize(200, 150);

    pan.xProperty().bind(vm.panXProperty());
    pan.yProperty().bind(vm.panYProperty());
    scale.xProperty().bind(vm.zoomProperty());
    scale.yProperty().bind(vm.zoomProperty());
    vm.zoomProperty().addListener((o, a, b) -> viewportChanged());
    vm.panXProperty().addListener((o, a, b) -> viewportChanged());
    vm.panYProperty().addListener((o, a, b) -> viewportChanged());
    widthProperty()
        .addListener((o, a, b) -> {
          vm.viewWidthProperty().set(b.doubleValue());
          viewportChanged();
        });
    heightProperty()
        .addListener((o, a, b) -> {
          vm.viewHeightProperty().set(b.doubleValue());
          viewportChanged();
        });
    minimap.visibleProperty().bind(vm.minimapVisibleProperty().and(hint.visibleProperty().not()));
    shortcuts.visibleProperty().bind(vm.shortcutsVisibleProperty());
    vm.minimapVisibleProperty().addListener((o, a, b) -> redrawMinimap());

    doc.graphProperty().addListener((o, a, b) -> render(b));
    doc.selection().nodes().addListener((SetChangeListener<String>) c -> updateSelection());
    doc.selection().edges().addListener((SetChangeListener<EdgeKey>) c -> updateSelection());
    doc.selection().groups().addListener((SetChangeListener<String>) c -> updateSelection());
    run.states()
        .addListener(
            (MapChangeListener<String, NodeRunState>)
                c -> {
                  NodeView v = nodeViews.get(c.getKey());
                  if (v != null) {
                    v.setState(c.wasAdded() ? c.getValueAdded() : NodeRunState.IDLE);
                  }
                });
    vm.wireDragProperty().addListener((o, a, b) -> showCompatibility(b));
    run.previews()
        .addListener(
            (MapChangeListener<String, dev.weft.assets.Asset>)
                c -> {
                  NodeView v = nodeViews.get(c.getKey());
                  if (v != null) {
                    v.setPreview(c.wasAdded() ? c.getValueAdded() : null);
                  }
                });

    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    addEventHandler(
        MouseEvent.MOUSE_MOVED,
        e -> {
          lastMouseWorld = vm.toWorld(e.getX(), e.getY());
          hover(lastMouseWorld);
        });
    hoverTip.setShowDelay(javafx.util.Duration.millis(400));
    hoverTip.setWrapText(true);
    hoverTip.setMaxWidth(440);
    addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    addEventHandler(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::contextMenu);
    addEventHandler(
        ZoomEvent.ZOOM,
        e -> {
          vm.zoomAbout(e.getZoomFactor(), e.getX(), e.getY());
          e.consume();
        });
    addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    addEventHandler(
        KeyEvent.KEY_RELEASED,
        e -> {
          if (e.getCode() == KeyCode.SPACE) {
            spaceDown = false;
            e.consume();
          }
        });
    setOnDragOver(e -> {
      if (e.getDragboard().hasFiles()) {
        e.acceptTransferModes(TransferMode.COPY);
      }
      e.consume();
    });
    setOnDragDropped(e -> {
      boolean ok = false;
      if (e.getDragboard().hasFiles()) {
        List<java.nio.file.Path> files =
            e.getDragboard().getFiles().stream().map(File::toPath).toList();
        Point w = vm.toWorld(e.getX(), e.getY());
        onFilesDropped.accept(files, new Position(w.x(), w.y()));
        ok = true;
      }
      e.setDropCompleted(ok);
      e.consume();
    });
    render(doc.graph());
  }

  private final Map<String, String> problems = new HashMap<>();

  /** Marks the nodes that have validation errors (the Problems panel's list). */
  public void showProblems(javafx.collections.ObservableList<dev.weft.pipelines.Problem> list) {
    Runnable apply =
        () -> {
          problems.clear();
          for (dev.weft.pipelines.Problem p : list) {
            String id = p.location().nodeId();
            if (id != null && p.isError() && !p.code().equals("run.failed")) {
              problems.merge(
                  id,
                  p.message()
                      + (p.hint() == null || p.hint().isBlank() ? "" : " (" + p.hint() + ")"),
                  (a, b) -> a + "\n" + b);
            }
          }
          nodeViews.forEach((id, v) -> v.setProblem(problems.get(id)));
        };
    list.addListener(
        (javafx.collections.ListChangeListener<dev.weft.pipelines.Problem>) c -> apply.run());
    apply.run();
  }

  /** Where status notes go (a refused wire, a failed paste). */
  public void setOnMessage(Consumer<String> handler) {
    onMessage = handler;
  }

  public CanvasViewModel viewModel() {
    return vm;
  }

  // ------------------------------------------------------------------ layout

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    grid.setWidth(w);
    grid.setHeight(h);
    grid.setMouseTransparent(true);
    overlay.resize(w, h);
    minimap.resizeRelocate(
        w - MinimapView.WIDTH - 12,
        h - MinimapView.HEIGHT - 12,
        MinimapView.WIDTH,
        MinimapView.HEIGHT);
    zoomLabel.autosize();
    zoomLabel.relocate(12, h - zoomLabel.getHeight() - 10);
    hint.autosize();
    hint.relocate((w - hint.getWidth()) / 2, (h - hint.getHeight()) / 2);
    shortcuts.autosize();
    shortcuts.relocate(
        Math.max(0, (w - shortcuts.getWidth()) / 2), Math.max(0, (h - shortcuts.getHeight()) / 2));
  }

  private void viewportChanged() {
    drawGrid();
    cull();
    zoomLabel.setText(Math.round(vm.zoom() / vm.baseScaleProperty().get() * 100) + " %");
    redrawMinimap();
  }

  /**
   * The grid is one rectangle filled with a tile image (minor and major lines) repeated from the
   * pan offset: a texture fill costs the same at any zoom, where stroking every line did not. The
   * tile is redrawn only when the grid step changes.
   */
  private void drawGrid() {
    double step = CanvasViewModel.GRID * vm.zoom();
    while (step < 10) {
      step *= 5;
    }
    int tile = (int) Math.max(5, Math.round(step * 5));
    Color bg = lookup("-canvas-bg", Color.web("#1e2127"));
    Color minor = lookup("-canvas-grid", Color.web("#2a2e36"));
    Color major = lookup("-canvas-grid-major", Color.web("#333844"));
    if (gridTile == null || gridTileSize != tile || !bg.equals(gridTileBg)) {
      gridTile = gridTile(tile, step, bg, minor, major);
      gridTileSize = tile;
      gridTileBg = bg;
    }
    double scaleStep = (double) tile / 5;
    double ox = mod(vm.panXProperty().get(), tile) - tile;
    double oy = mod(vm.panYProperty().get(), tile) - tile;
    grid.setFill(new javafx.scene.paint.ImagePattern(gridTile, ox, oy, tile, tile, false));
    gridStepShown = scaleStep;
  }

  private javafx.scene.image.WritableImage gridTile;
  private int gridTileSize;
  private Color gridTileBg;
  private double gridStepShown;

  private static javafx.scene.image.WritableImage gridTile(
      int size, double step, Color bg, Color minor, Color major) {
    javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(size, size);
    javafx.scene.image.PixelWriter w = img.getPixelWriter();
    int b = argb(bg);
    int mi = argb(minor);
    int ma = argb(major);
    int[] row = new int[size];
    for (int y = 0; y < size; y++) {
      boolean lineRow = y == 0 || isLine(y, step);
      for (int x = 0; x < size; x++) {
        if (x == 0 || y == 0) {
          row[x] = ma;
        } else if (lineRow || isLine(x, step)) {
          row[x] = mi;
        } else {
          row[x] = b;
        }
      }
      w.setPixels(0, y, size, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, size);
    }
    return img;
  }

  private static boolean isLine(int px, double step) {
    double k = px / step;
    return Math.abs(k - Math.rint(k)) * step < 0.5;
  }

  private static int argb(Color c) {
    return (int) Math.round(c.getOpacity() * 255) << 24
        | (int) Math.round(c.getRed() * 255) << 16
        | (int) Math.round(c.getGreen() * 255) << 8
        | (int) Math.round(c.getBlue() * 255);
  }

  private static double mod(double a, double m) {
    double r = a % m;
    return r < 0 ? r + m : r;
  }

  /** A colour from the stylesheet (looked up on this node), or a fallback. */
  private Color lookup(String name, Color fallback) {
    Object v = getProperties().get(name);
    return v instanceof Color c ? c : fallback;
  }

  /** Colours the canvas draws itself (grid, minimap), set by the theme. */
  public void setCanvasColours(
      Color background, Color gridMinor, Color gridMajor, Color minimapBg, Color minimapFrame) {
    getProperties().put("-canvas-bg", background);
    getProperties().put("-canvas-grid", gridMinor);
    getProperties().put("-canvas-grid-major", gridMajor);
    getProperties().put("-minimap-bg", minimapBg);
    getProperties().put("-minimap-frame", minimapFrame);
    drawGrid();
    redrawMinimap();
  }

  private void redrawMinimap() {
    if (minimap.isVisible()) {
      minimap.redraw(
          drawn,
          lookup("-minimap-bg", Color.web("#15171c", 0.85)),
          lookup("-minimap-frame", Color.web("#e5e9f0")));
    }
  }

  /**
   * Shows what is in view and hides the rest (and text when far out). A node gets its view the
   * first time it comes into view, so opening a large pipeline builds only what the first frame
   * shows.
   */
  private void cull() {
    Rect view = vm.visibleWorld().inflate(60);
    // what matters is the size on screen, so the UI scale does not enter here
    boolean detailed = vm.zoom() >= DETAIL_ZOOM;
    boolean outline = vm.zoom() < OUTLINE_ZOOM;
    NodeView.Detail detail =
        outline
            ? NodeView.Detail.OUTLINE
            : detailed ? NodeView.Detail.FULL : NodeView.Detail.TITLES;
    Map<String, Group> hidden = geo.collapsedMembership(drawn);
    List<NodeView> shown = new ArrayList<>(nodeViews.size() + 16);
    for (Node n : drawn.nodes()) {
      NodeView v = nodeViews.get(n.id());
      Placed p = placed.get(n.id());
      boolean show = p != null && !hidden.containsKey(n.id()) && view.intersects(p.box());
      if (v == null) {
        if (!show) {
          continue;
        }
        v = createView(n, detail);
      }
      v.setVisible(show);
      if (show) {
        v.setDetail(detail);
      }
      shown.add(v);
    }
    syncNodeLayer(shown);
    for (Map.Entry<EdgeKey, Path> e : wires.entrySet()) {
      Rect b = wireBounds.get(e.getKey());
      e.getValue().setVisible(b != null && view.intersects(b));
    }
  }

  /** A node's view, made when it first comes into view: it starts in the current run state. */
  private NodeView createView(Node n, NodeView.Detail detail) {
    NodeView v = new NodeView(n.id(), geo, detail);
    nodeViews.put(n.id(), v);
    v.setState(run.state(n.id()));
    v.setProblem(problems.get(n.id()));
    v.setPreview(run.previews().get(n.id()));
    v.setSelected(doc.selection().nodes().contains(n.id()));
    CanvasViewModel.WireDrag d = vm.wireDragProperty().get();
    if (d != null) {
      v.showCompatibility(d.compatible(), d.source());
    }
    v.update(n, geo.wiring().catalog().find(n.type()).map(t -> t.spec()));
    return v;
  }

  /**
   * Makes the node layer hold exactly {@code views}, in graph order, by removing and inserting runs
   * of views rather than replacing the whole list: a view that stays keeps its CSS.
   */
  private void syncNodeLayer(List<NodeView> views) {
    javafx.collections.ObservableList<javafx.scene.Node> kids = nodeLayer.getChildren();
    if (kids.equals(views)) {
      return;
    }
    Set<javafx.scene.Node> wanted =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    wanted.addAll(views);
    kids.removeIf(k -> !wanted.contains(k));
    // what is left keeps its order unless the graph reordered its nodes
    int j = 0;
    for (NodeView v : views) {
      if (j < kids.size() && kids.get(j) == v) {
        j++;
      }
    }
    if (j != kids.size()) {
      kids.setAll(views);
      return;
    }
    j = 0;
    List<javafx.scene.Node> missing = new ArrayList<>();
    for (NodeView v : views) {
      if (j < kids.size() && kids.get(j) == v) {
        if (!missing.isEmpty()) {
          kids.addAll(j, missing);
          j += missing.size();
          missing.clear();
        }
        j++;
      } else {
        missing.add(v);
      }
    }
    if (!missing.isEmpty()) {
      kids.addAll(j, missing);
    }
  }

  /** A node with its box, kept between renders so unchanged nodes are not measured again. */
  private record Placed(Node node, Rect box) {}

  private Map<String, Placed> placed = new HashMap<>();

  // ------------------------------------------------------------------ drawing the graph

  /** Draws a graph: the document's, or a preview of it while nodes are dragged. */
  private void render(Graph g) {
    drawn = g;
    hint.setVisible(g.nodes().isEmpty());
    Map<String, Group> hidden = geo.collapsedMembership(g);
    // boxes for every node; views updated where they exist (cull makes the missing ones in view)
    Map<String, Placed> boxes = HashMap.newHashMap(g.nodes().size());
    for (Node n : g.nodes()) {
      Placed p = placed.get(n.id());
      Rect box;
      if (p != null && p.node() == n) {
        box = p.box();
      } else if (p != null && p.node().withPosition(n.position()).equals(n)) {
        box = new Rect(n.position().x(), n.position().y(), p.box().width(), p.box().height());
      } else {
        box = geo.nodeBounds(n);
      }
      boxes.put(n.id(), new Placed(n, box));
      NodeView v = nodeViews.get(n.id());
      if (v != null) {
        v.update(n, geo.wiring().catalog().find(n.type()).map(t -> t.spec()));
      }
    }
    placed = boxes;
    nodeViews.keySet().retainAll(boxes.keySet());

    // groups
    Set<String> groupIds = new HashSet<>();
    List<javafx.scene.Node> groups = new ArrayList<>();
    for (Group gr : g.groups()) {
      Rect r = gr.collapsed() ? geo.collapsedBounds(g, gr) : geo.groupBounds(g, gr);
      if (r == Rect.EMPTY) {
        continue;
      }
      groupIds.add(gr.id());
      GroupView v = groupViews.computeIfAbsent(gr.id(), GroupView::new);
      v.update(gr, r);
      groups.add(v);
    }
    groupViews.keySet().retainAll(groupIds);
    // collapsed groups sit above wires so their box hides what is inside
    List<javafx.scene.Node> open =
        groups.stream().filter(v -> !((GroupView) v).group().collapsed()).toList();
    List<javafx.scene.Node> closed =
        groups.stream().filter(v -> ((GroupView) v).group().collapsed()).toList();
    groupLayer.getChildren().setAll(open);
    // wires
    Map<EdgeKey, Path> old = new HashMap<>(wires);
    wires.clear();
    wireBounds.clear();
    List<javafx.scene.Node> wireNodes = new ArrayList<>();
    List<javafx.scene.Node> handles = new ArrayList<>();
    for (Edge e : g.edges()) {
      if (!geo.edgeVisible(hidden, e)) {
        continue;
      }
      EdgeKey key = EdgeKey.of(e);
      Path p = old.remove(key);
      if (p == null) {
        p = new Path();
        p.getStyleClass().add("wire");
        p.setMouseTransparent(true);
        p.setId("wire-" + key.from() + "-" + key.to());
      }
      List<Point> pts = geo.wirePoints(g, hidden, e);
      if (!pts.equals(wirePoints.get(key))) {
        p.getElements().setAll(elements(pts));
        wirePoints.put(key, pts);
      }
      Color c =
          g.node(e.from().node())
              .flatMap(n -> geo.wiring().output(n, e.from().port()))
              .map(port -> PortColors.of(port.type()))
              .orElse(Color.GRAY);
      p.setStroke(c);
      boolean dangling =
          g.node(e.to().node()).flatMap(n -> geo.wiring().input(n, e.to().port())).isEmpty();
      p.pseudoClassStateChanged(DANGLING, dangling);
      wires.put(key, p);
      wireBounds.put(key, bounds(pts));
      wireNodes.add(p);
      for (int i = 0; i < e.via().size(); i++) {
        Position v = e.via().get(i);
        Circle h = new Circle(v.x(), v.y(), 5);
        h.getStyleClass().add("reroute");
        h.setStroke(c);
        h.setMouseTransparent(true);
        handles.add(h);
      }
    }
    wirePoints.keySet().retainAll(wires.keySet());
    if (!wireLayer.getChildren().equals(wireNodes)) {
      wireLayer.getChildren().setAll(wireNodes);
    }
    if (!closed.isEmpty()) {
      wireLayer.getChildren().addAll(closed);
    }
    handleLayer.getChildren().setAll(handles);
    updateSelection();
    cull();
    redrawMinimap();
  }

  private static List<PathElement> elements(List<Point> pts) {
    List<PathElement> els = new ArrayList<>(pts.size());
    els.add(new MoveTo(pts.getFirst().x(), pts.getFirst().y()));
    for (int i = 0; i + 1 < pts.size(); i++) {
      Point[] c = CanvasGeometry.curve(pts.get(i), pts.get(i + 1));
      els.add(new CubicCurveTo(c[1].x(), c[1].y(), c[2].x(), c[2].y(), c[3].x(), c[3].y()));
    }
    return els;
  }

  private static Rect bounds(List<Point> pts) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Point p : pts) {
      minX = Math.min(minX, p.x());
      minY = Math.min(minY, p.y());
      maxX = Math.max(maxX, p.x());
      maxY = Math.max(maxY, p.y());
    }
    return new Rect(minX - 60, minY - 10, maxX - minX + 120, maxY - minY + 20);
  }

  private void updateSelection() {
    Set<String> sel = doc.selection().nodes();
    nodeViews.forEach((id, v) -> v.setSelected(sel.contains(id)));
    Set<EdgeKey> edges = doc.selection().edges();
    wires.forEach((k, p) -> p.pseudoClassStateChanged(NodeView.SELECTED, edges.contains(k)));
    Set<String> groups = doc.selection().groups();
    groupViews.forEach((id, v) -> v.setSelected(groups.contains(id)));
  }

  private void showCompatibility(CanvasViewModel.WireDrag d) {
    for (NodeView v : nodeViews.values()) {
      v.showCompatibility(d == null ? null : d.compatible(), d == null ? null : d.source());
    }
    if (d == null) {
      dragWire.setVisible(false);
    } else {
      dragWire.setStroke(PortColors.of(d.type()));
      d.detached().map(wires::get).ifPresent(p -> p.setVisible(false));
    }
  }

  /** One tooltip for the whole canvas, saying what is under the pointer (a port, a node). */
  private void hover(Point w) {
    Graph g = doc.graph();
    Object target = null;
    String text = null;
    Optional<CanvasGeometry.PortAnchor> port = geo.portAt(g, w.x(), w.y(), 3 / vm.zoom());
    if (port.isPresent()) {
      CanvasGeometry.PortAnchor a = port.get();
      target = a;
      text = a.label() + " (" + (a.output() ? "output" : "input") + "): " + a.type();
    } else {
      Optional<Node> node = geo.nodeAt(g, w.x(), w.y());
      if (node.isPresent()) {
        NodeView v = nodeViews.get(node.get().id());
        target = v == null ? null : v.node();
        text = v == null ? null : v.tooltipText();
      }
    }
    if (java.util.Objects.equals(target, hoverTarget)
        && (text == null || text.equals(hoverTip.getText()))) {
      return;
    }
    hoverTarget = target;
    if (text == null || text.isBlank()) {
      javafx.scene.control.Tooltip.uninstall(this, hoverTip);
      hoverTip.hide();
    } else {
      hoverTip.setText(text);
      javafx.scene.control.Tooltip.install(this, hoverTip);
    }
  }

  // ------------------------------------------------------------------ mouse

  private void pressed(MouseEvent e) {
    requestFocus();
    menu.hide();
    pressX = lastX = e.getX();
    pressY = lastY = e.getY();
    dragged = false;
    vm.shortcutsVisibleProperty().set(false);
    if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.PRIMARY && spaceDown) {
      drag = Drag.PAN;
      setCursor(javafx.scene.Cursor.CLOSED_HAND);
      e.consume();
      return;
    }
    if (e.getButton() != MouseButton.PRIMARY) {
      drag = Drag.NONE;
      return;
    }
    Point w = vm.toWorld(e.getX(), e.getY());
    Graph g = doc.graph();
    double tol = 4 / vm.zoom();
    boolean additive = e.isShiftDown() || e.isShortcutDown();
    // a port: start a wire
    Optional<CanvasGeometry.PortAnchor> port = geo.portAt(g, w.x(), w.y(), tol);
    if (port.isPresent()) {
      CanvasGeometry.PortAnchor a = port.get();
      CanvasViewModel.WireDrag d =
          vm.beginWire(new CanvasViewModel.PortKey(a.node(), a.port(), a.output()));
      if (d != null) {
        drag = Drag.WIRE;
        updateDragWire(w);
        e.consume();
        return;
      }
    }
    // a reroute point: move it (double-click removes it)
    for (Edge edge : g.edges()) {
      for (int i = 0; i < edge.via().size(); i++) {
        Position v = edge.via().get(i);
        if (Math.hypot(v.x() - w.x(), v.y() - w.y()) <= 7 / vm.zoom()) {
          if (e.getClickCount() == 2) {
            doc.removeReroute(EdgeKey.of(edge), i);
            drag = Drag.NONE;
          } else {
            drag = Drag.REROUTE;
            rerouteWire = EdgeKey.of(edge);
            rerouteIndex = i;
            reroutePos = v;
            doc.selection().selectEdge(rerouteWire, false);
          }
          e.consume();
          return;
        }
      }
    }
    // a node
    Optional<Node> node = geo.nodeAt(g, w.x(), w.y());
    if (node.isPresent()) {
      String id = node.get().id();
      if (additive) {
        doc.selection().toggleNode(id);
      } else if (!doc.selection().containsNode(id)) {
        doc.selection().selectOnly(id);
      }
      moving = doc.selection().nodeIds();
      drag = moving.isEmpty() ? Drag.NONE : Drag.MOVE;
      e.consume();
      return;
    }
    // a group: title bar of an open one, or a collapsed box
    for (int i = g.groups().size() - 1; i >= 0; i--) {
      Group gr = g.groups().get(i);
      Rect r = gr.collapsed() ? geo.collapsedBounds(g, gr) : geo.groupBounds(g, gr);
      if (r == Rect.EMPTY) {
        continue;
      }
      boolean onTitle =
          gr.collapsed()
              ? r.contains(w.x(), w.y())
              : new Rect(r.x(), r.y(), r.width(), CanvasGeometry.GROUP_TITLE)
                  .contains(w.x(), w.y());
      if (!onTitle) {
        continue;
      }
      boolean onToggle = w.x() >= r.maxX() - 30 && w.y() <= r.y() + CanvasGeometry.GROUP_TITLE;
      if (onToggle || e.getClickCount() == 2 && gr.collapsed()) {
        doc.setGroupCollapsed(gr.id(), !gr.collapsed());
        drag = Drag.NONE;
      } else if (e.getClickCount() == 2) {
        renameGroup(gr);
        drag = Drag.NONE;
      } else {
        doc.selection().selectGroup(gr, additive);
        moving = Set.copyOf(gr.nodes());
        drag = Drag.MOVE;
      }
      e.consume();
      return;
    }
    // a wire: select it; double-click bends it with a reroute point
    Optional<CanvasGeometry.WireHit> wire = geo.wireAt(g, w.x(), w.y(), 6 / vm.zoom());
    if (wire.isPresent()) {
      if (e.getClickCount() == 2) {
        doc.addReroute(wire.get().edge(), wire.get().segment(), new Position(w.x(), w.y()));
      } else {
        doc.selection().selectEdge(wire.get().edge(), additive);
      }
      drag = Drag.NONE;
      e.consume();
      return;
    }
    // empty canvas: double-click adds a node, a drag draws a rubber band
    if (e.getClickCount() == 2) {
      openQuickAdd(e.getScreenX(), e.getScreenY(), w, null);
      drag = Drag.NONE;
      e.consume();
      return;
    }
    bandBase = additive ? doc.selection().nodeIds() : Set.of();
    if (!additive) {
      doc.selection().clear();
    }
    drag = Drag.BAND;
    e.consume();
  }

  private void dragged(MouseEvent e) {
    double dx = e.getX() - lastX;
    double dy = e.getY() - lastY;
    lastX = e.getX();
    lastY = e.getY();
    if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3) {
      dragged = true;
    }
    Point w = vm.toWorld(e.getX(), e.getY());
    lastMouseWorld = w;
    switch (drag) {
      case PAN -> vm.panBy(dx, dy);
      case MOVE -> {
        if (dragged) {
          double[] d = snappedOffset(e);
          render(GraphEdits.move(doc.graph(), moving, d[0], d[1]));
        }
      }
      case BAND -> {
        Rect r = Rect.spanning(pressX, pressY, e.getX(), e.getY());
        band.setX(r.x());
        band.setY(r.y());
        band.setWidth(r.width());
        band.setHeight(r.height());
        band.setVisible(dragged);
        if (dragged) {
          Point a = vm.toWorld(r.x(), r.y());
          Point b = vm.toWorld(r.maxX(), r.maxY());
          Set<String> ids = new HashSet<>(bandBase);
          ids.addAll(geo.nodesIn(doc.graph(), Rect.spanning(a.x(), a.y(), b.x(), b.y())));
          doc.selection().selectNodes(ids);
        }
      }
      case WIRE -> updateDragWire(w);
      case REROUTE -> {
        reroutePos = new Position(vm.snap(w.x()), vm.snap(w.y()));
        render(GraphEdits.moveReroute(doc.graph(), rerouteWire, rerouteIndex, reroutePos));
      }
      case NONE -> {}
    }
    autoScroll(e);
    e.consume();
  }

  /** The drag's offset in world units, snapped so the grabbed node lands on the grid. */
  private double[] snappedOffset(MouseEvent e) {
    double dx = (e.getX() - pressX) / vm.zoom();
    double dy = (e.getY() - pressY) / vm.zoom();
    if (!vm.snapToGridProperty().get() || e.isAltDown() || moving.isEmpty()) {
      return new double[] {dx, dy};
    }
    Point start = vm.toWorld(pressX, pressY);
    Node anchor =
        geo.nodeAt(doc.graph(), start.x(), start.y())
            .filter(n -> moving.contains(n.id()))
            .orElseGet(() -> doc.graph().node(moving.iterator().next()).orElseThrow());
    double x = anchor.position().x() + dx;
    double y = anchor.position().y() + dy;
    return new double[] {vm.snap(x) - anchor.position().x(), vm.snap(y) - anchor.position().y()};
  }

  private void autoScroll(MouseEvent e) {
    if (drag != Drag.MOVE && drag != Drag.WIRE && drag != Drag.BAND) {
      return;
    }
    double edge = 24;
    double sx = e.getX() < edge ? 8 : e.getX() > getWidth() - edge ? -8 : 0;
    double sy = e.getY() < edge ? 8 : e.getY() > getHeight() - edge ? -8 : 0;
    if (sx != 0 || sy != 0) {
      vm.panBy(sx, sy);
      pressX += sx;
      pressY += sy;
    }
  }

  private void released(MouseEvent e) {
    Point w = vm.toWorld(e.getX(), e.getY());
    switch (drag) {
      case PAN -> setCursor(null);
      case MOVE -> {
        if (dragged) {
          double[] d = snappedOffset(e);
          doc.moveNodes(moving, d[0], d[1]);
          render(doc.graph());
        }
      }
      case BAND -> band.setVisible(false);
      case WIRE -> finishWire(e, w);
      case REROUTE -> {
        if (dragged) {
          doc.moveReroute(rerouteWire, rerouteIndex, reroutePos);
        }
        render(doc.graph());
      }
      case NONE -> {}
    }
    drag = Drag.NONE;
    e.consume();
  }

  private void updateDragWire(Point w) {
    CanvasViewModel.WireDrag d = vm.wireDragProperty().get();
    if (d == null) {
      return;
    }
    Graph g = doc.graph();
    Node n = g.node(d.source().node()).orElse(null);
    if (n == null) {
      return;
    }
    Point anchor =
        geo.ports(n).stream()
            .filter(a -> a.port().equals(d.source().port()) && a.output() == d.source().output())
            .findFirst()
            .map(CanvasGeometry.PortAnchor::center)
            .orElse(new Point(n.position().x(), n.position().y()));
    Point a = d.source().output() ? anchor : w;
    Point b = d.source().output() ? w : anchor;
    // snap the loose end onto a compatible port under the mouse
    Optional<CanvasGeometry.PortAnchor> over = geo.portAt(g, w.x(), w.y(), 8 / vm.zoom());
    if (over.isPresent()
        && d.compatible()
            .contains(
                new CanvasViewModel.PortKey(
                    over.get().node(), over.get().port(), over.get().output()))) {
      if (d.source().output()) {
        b = over.get().center();
      } else {
        a = over.get().center();
      }
    }
    dragWire.getElements().setAll(elements(List.of(a, b)));
    dragWire.setVisible(true);
  }

  private void finishWire(MouseEvent e, Point w) {
    dragWire.setVisible(false);
    CanvasViewModel.WireDrag d = vm.wireDragProperty().get();
    if (d == null) {
      return;
    }
    Optional<CanvasGeometry.PortAnchor> over = geo.portAt(doc.graph(), w.x(), w.y(), 8 / vm.zoom());
    if (over.isPresent()) {
      CanvasGeometry.PortAnchor a = over.get();
      CanvasViewModel.PortKey target = new CanvasViewModel.PortKey(a.node(), a.port(), a.output());
      if (target.equals(d.source())) {
        vm.cancelWire();
        render(doc.graph());
        return;
      }
      Optional<String> why = vm.dropWireOn(target);
      why.ifPresent(onMessage);
      render(doc.graph());
      return;
    }
    if (!dragged) {
      vm.cancelWire();
      render(doc.graph());
      return;
    }
    Optional<CanvasViewModel.WireDrag> open = vm.dropWireOnEmpty();
    render(doc.graph());
    open.ifPresent(drop -> openQuickAdd(e.getScreenX(), e.getScreenY(), w, drop));
  }

  /** Opens the node search at a point; a wire drop narrows it and connects the choice. */
  private void openQuickAdd(
      double screenX, double screenY, Point at, CanvasViewModel.WireDrag wire) {
    if (getScene() == null || getScene().getWindow() == null) {
      return;
    }
    PaletteViewModel.TypeFilter filter =
        wire == null ? null : new PaletteViewModel.TypeFilter(wire.type(), wire.source().output());
    Position pos =
        new Position(
            vm.snap(
                wire != null && !wire.source().output()
                    ? at.x() - CanvasGeometry.NODE_WIDTH
                    : at.x()),
            vm.snap(at.y() - CanvasGeometry.HEADER));
    quickAdd.show(
        getScene().getWindow(),
        screenX,
        screenY,
        filter,
        item -> {
          if (wire == null) {
            doc.addNode(item.typeId(), pos);
          } else {
            doc.addNodeConnected(item.typeId(), pos, wire.source().ref(), wire.source().output());
          }
          requestFocus();
        },
        this::requestFocus);
  }

  private void scrolled(ScrollEvent e) {
    if (e.getTouchCount() > 0 || e.isInertia() || e.getDeltaX() != 0 && !e.isShortcutDown()) {
      vm.panBy(e.getDeltaX(), e.getDeltaY());
    } else if (e.getDeltaY() != 0) {
      double factor = Math.pow(1.0015, e.getDeltaY());
      vm.zoomAbout(factor, e.getX(), e.getY());
    }
    e.consume();
  }

  // ------------------------------------------------------------------ context menu

  private final javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
  private Consumer<String> onRunUpTo = id -> {};

  /** What "Run up to here" in a node's menu does. */
  public void setOnRunUpTo(Consumer<String> handler) {
    onRunUpTo = handler;
  }

  private static javafx.scene.control.MenuItem action(String text, Runnable run) {
    javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem(text);
    m.setOnAction(e -> run.run());
    return m;
  }

  private void contextMenu(javafx.scene.input.ContextMenuEvent e) {
    menu.hide();
    Point w = vm.toWorld(e.getX(), e.getY());
    Graph g = doc.graph();
    List<javafx.scene.control.MenuItem> items = new ArrayList<>();
    Optional<Node> node = geo.nodeAt(g, w.x(), w.y());
    Optional<Group> group = groupAt(g, w);
    Optional<CanvasGeometry.WireHit> wire = geo.wireAt(g, w.x(), w.y(), 6 / vm.zoom());
    if (node.isPresent()) {
      String id = node.get().id();
      if (!doc.selection().containsNode(id)) {
        doc.selection().selectOnly(id);
      }
      items.add(action("Run up to here", () -> onRunUpTo.accept(id)));
      items.add(new javafx.scene.control.SeparatorMenuItem());
      items.add(action("Duplicate", doc::duplicateSelection));
      items.add(action("Copy", this::copy));
      items.add(action("Cut", this::cut));
      items.add(action("Delete", doc::deleteSelection));
      items.add(new javafx.scene.control.SeparatorMenuItem());
      items.add(action("Group selection", () -> doc.groupSelection("Group")));
      items.add(action("Zoom to selection", vm::zoomToSelection));
    } else if (group.isPresent()) {
      Group gr = group.get();
      doc.selection().selectGroup(gr, false);
      items.add(action("Rename…", () -> renameGroup(gr)));
      javafx.scene.control.Menu colours = new javafx.scene.control.Menu("Colour");
      for (String c :
          List.of("#5e81ac", "#a3be8c", "#b48ead", "#d08770", "#88c0d0", "#ebcb8b", "#bf616a")) {
        javafx.scene.shape.Rectangle sw = new javafx.scene.shape.Rectangle(14, 14, Color.web(c));
        javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem(c, sw);
        m.setOnAction(a -> doc.recolourGroup(gr.id(), c));
        colours.getItems().add(m);
      }
      items.add(colours);
      items.add(
          action(
              gr.collapsed() ? "Expand" : "Collapse",
              () -> doc.setGroupCollapsed(gr.id(), !gr.collapsed())));
      items.add(action("Ungroup", () -> doc.ungroup(gr.id())));
    } else if (wire.isPresent()) {
      EdgeKey key = wire.get().edge();
      doc.selection().selectEdge(key, false);
      items.add(
          action(
              "Add a reroute point here",
              () -> doc.addReroute(key, wire.get().segment(), new Position(w.x(), w.y()))));
      items.add(action("Delete wire", () -> doc.disconnect(key)));
    } else {
      double sx = e.getScreenX();
      double sy = e.getScreenY();
      items.add(action("Add node…", () -> openQuickAdd(sx, sy, w, null)));
      items.add(action("Paste", this::paste));
      items.add(action("Select all", doc::selectAll));
      items.add(new javafx.scene.control.SeparatorMenuItem());
      items.add(action("Fit pipeline", vm::fitToView));
      items.add(action("Zoom 100 %", vm::resetZoom));
    }
    menu.getItems().setAll(items);
    menu.show(this, e.getScreenX(), e.getScreenY());
    e.consume();
  }

  private Optional<Group> groupAt(Graph g, Point w) {
    for (int i = g.groups().size() - 1; i >= 0; i--) {
      Group gr = g.groups().get(i);
      Rect r = gr.collapsed() ? geo.collapsedBounds(g, gr) : geo.groupBounds(g, gr);
      if (r != Rect.EMPTY
          && r.contains(w.x(), w.y())
          && (gr.collapsed() || w.y() <= r.y() + CanvasGeometry.GROUP_TITLE)) {
        return Optional.of(gr);
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ keys

  private void keyPressed(KeyEvent e) {
    KeyCode k = e.getCode();
    boolean ctrl = e.isShortcutDown();
    boolean handled = true;
    if (k == KeyCode.SPACE) {
      spaceDown = true;
    } else if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
      doc.deleteSelection();
    } else if (ctrl && k == KeyCode.D) {
      doc.duplicateSelection();
    } else if (ctrl && k == KeyCode.C) {
      copy();
    } else if (ctrl && k == KeyCode.X) {
      cut();
    } else if (ctrl && k == KeyCode.V) {
      paste();
    } else if (ctrl && k == KeyCode.A) {
      doc.selectAll();
    } else if (ctrl && e.isShiftDown() && k == KeyCode.G) {
      ungroupSelection();
    } else if (ctrl && k == KeyCode.G) {
      doc.groupSelection("Group");
    } else if (!ctrl && e.isShiftDown() && k == KeyCode.A) {
      Point v = vm.toView(lastMouseWorld.x(), lastMouseWorld.y());
      Point2D s = localToScreen(v.x(), v.y());
      if (s != null) {
        openQuickAdd(s.getX(), s.getY(), lastMouseWorld, null);
      }
    } else if (!ctrl && k == KeyCode.F) {
      vm.fitToView();
    } else if (!ctrl && k == KeyCode.Z) {
      vm.zoomToSelection();
    } else if (!ctrl && k == KeyCode.DIGIT1) {
      vm.resetZoom();
    } else if (!ctrl && k == KeyCode.M) {
      vm.minimapVisibleProperty().set(!vm.minimapVisibleProperty().get());
    } else if (!ctrl && k == KeyCode.G) {
      vm.snapToGridProperty().set(!vm.snapToGridProperty().get());
      onMessage.accept(vm.snapToGridProperty().get() ? "Snap to grid on" : "Snap to grid off");
    } else if (k == KeyCode.F1) {
      vm.shortcutsVisibleProperty().set(!vm.shortcutsVisibleProperty().get());
    } else if (k == KeyCode.ESCAPE) {
      if (vm.wireDragProperty().get() != null) {
        vm.cancelWire();
        dragWire.setVisible(false);
        drag = Drag.NONE;
        render(doc.graph());
      } else if (vm.shortcutsVisibleProperty().get()) {
        vm.shortcutsVisibleProperty().set(false);
      } else {
        doc.selection().clear();
      }
    } else if (!ctrl
        && (k == KeyCode.LEFT || k == KeyCode.RIGHT || k == KeyCode.UP || k == KeyCode.DOWN)) {
      double step = e.isShiftDown() ? CanvasViewModel.GRID * 5 : CanvasViewModel.GRID;
      double dx = k == KeyCode.LEFT ? -step : k == KeyCode.RIGHT ? step : 0;
      double dy = k == KeyCode.UP ? -step : k == KeyCode.DOWN ? step : 0;
      doc.nudgeSelection(dx, dy);
    } else {
      handled = false;
    }
    if (handled) {
      e.consume();
    }
  }

  private void ungroupSelection() {
    for (String id : doc.selection().groups()) {
      doc.ungroup(id);
      return;
    }
    Set<String> sel = doc.selection().nodeIds();
    for (Group g : doc.graph().groups()) {
      if (!sel.isEmpty() && sel.containsAll(g.nodes())) {
        doc.ungroup(g.id());
        return;
      }
    }
  }

  private void renameGroup(Group g) {
    javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(g.title());
    d.setTitle("Rename group");
    d.setHeaderText(null);
    d.setContentText("Title:");
    if (getScene() != null) {
      d.initOwner(getScene().getWindow());
    }
    d.showAndWait().ifPresent(t -> doc.renameGroup(g.id(), t));
  }

  // ------------------------------------------------------------------ clipboard

  public void copy() {
    doc.copySelection()
        .ifPresent(json -> {
          ClipboardContent c = new ClipboardContent();
          c.putString(json);
          Clipboard.getSystemClipboard().setContent(c);
          onMessage.accept(
              "Copied " + doc.selection().nodeIds().size() + " nodes as pipeline JSON");
        });
  }

  public void cut() {
    doc.cutSelection()
        .ifPresent(json -> {
          ClipboardContent c = new ClipboardContent();
          c.putString(json);
          Clipboard.getSystemClipboard().setContent(c);
        });
  }

  /** Pastes the clipboard's pipeline JSON at the mouse (when it is over the canvas). */
  public void paste() {
    Clipboard cb = Clipboard.getSystemClipboard();
    if (!cb.hasString()) {
      onMessage.accept("The clipboard holds no text");
      return;
    }
    Rect view = vm.visibleWorld();
    Optional<Position> at =
        view.contains(lastMouseWorld.x(), lastMouseWorld.y())
            ? Optional.of(new Position(vm.snap(lastMouseWorld.x()), vm.snap(lastMouseWorld.y())))
            : Optional.empty();
    doc.paste(cb.getString(), at).ifPresent(onMessage);
  }

  // ------------------------------------------------------------------ for tests and the screenshot

  /** The view of a node, if drawn. */
  public Optional<javafx.scene.Node> nodeView(String id) {
    return Optional.ofNullable(nodeViews.get(id));
  }

  /** A port's circle, if drawn. */
  public Optional<Circle> portView(String node, String port, boolean output) {
    NodeView v = nodeViews.get(node);
    return v == null ? Optional.empty() : v.port(new CanvasViewModel.PortKey(node, port, output));
  }

  /** The text shown on hover over a node (its error when it failed). */
  public Optional<String> nodeTooltip(String id) {
    return Optional.ofNullable(nodeViews.get(id)).map(NodeView::tooltipText);
  }

  /** How many nodes are drawn (not culled) now. */
  public long visibleNodeCount() {
    return nodeViews.values().stream().filter(javafx.scene.Node::isVisible).count();
  }

  static final javafx.css.PseudoClass DANGLING = javafx.css.PseudoClass.getPseudoClass("dangling");
}
