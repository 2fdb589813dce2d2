package dev.weft.app.canvas;

import dev.weft.app.run.NodeRunState;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.geometry.VPos;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * One node on the canvas: title, typed ports with labels, a summary of its key parameters, and its
 * run state (a badge, a progress bar while it runs, the error in the footer and on hover). Laid out
 * by {@link CanvasGeometry}'s numbers, so what is drawn is what the hit tests see. Built from
 * shapes and {@link Text} (no controls, no effects, fonts set in code), because hundreds of these
 * are styled and drawn at once.
 */
final class NodeView extends Region {
  static final Font TITLE = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 13);
  static final Font SMALL = Font.font(Font.getDefault().getFamily(), 12);
  static final Font TINY = Font.font(Font.getDefault().getFamily(), 11);
  private static final Text MEASURE = new Text();

  private final String nodeId;
  private final CanvasGeometry geometry;
  private final Region body = new Region();
  private final Region accent = new Region();
  // Parts beyond the outline are made the first time the zoom shows them: far out (a fitted large
  // pipeline) a node is two regions, so opening costs a fraction of the CSS and layout work.
  private Text title;
  private Text badge;
  private Text footer;
  private boolean titlesBuilt;
  private boolean fullBuilt;
  private FontIcon badgeIcon;
  private Rectangle track;
  private Rectangle bar;
  private final List<Text> summaries = new ArrayList<>();
  private final List<Text> portLabels = new ArrayList<>();
  private final Map<CanvasViewModel.PortKey, Circle> ports = new HashMap<>();
  private java.util.Set<CanvasViewModel.PortKey> compatible;
  private CanvasViewModel.PortKey compatibleSource;
  private Node node;
  private Optional<NodeSpec> spec = Optional.empty();
  private Rect bounds = Rect.EMPTY;
  private NodeRunState state = NodeRunState.IDLE;

  /** How much of a node is drawn, by zoom level. */
  enum Detail {
    FULL,
    TITLES,
    OUTLINE
  }

  private Detail detail;
  private String problem = "";
  private String preview = "";

  NodeView(String nodeId, CanvasGeometry geometry, Detail detail) {
    this.nodeId = nodeId;
    this.geometry = geometry;
    this.detail = detail;
    setId("node-" + nodeId);
    getStyleClass().add("node-view");
    setPickOnBounds(false);
    body.getStyleClass().add("node-body");
    accent.setMouseTransparent(true);
    getChildren().addAll(body, accent);
  }

  private static Text text(String styleClass, Font font) {
    Text t = new Text();
    t.getStyleClass().add(styleClass);
    t.setFont(font);
    t.setTextOrigin(VPos.CENTER);
    t.setMouseTransparent(true);
    return t;
  }

  /** The text cut to fit {@code width}, with an ellipsis. */
  static String fit(String s, Font font, double width) {
    MEASURE.setFont(font);
    MEASURE.setText(s);
    if (MEASURE.getLayoutBounds().getWidth() <= width) {
      return s;
    }
    int lo = 0;
    int hi = s.length();
    while (lo < hi) {
      int mid = (lo + hi + 1) / 2;
      MEASURE.setText(s.substring(0, mid) + "…");
      if (MEASURE.getLayoutBounds().getWidth() <= width) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return s.substring(0, lo) + "…";
  }

  /** Like {@link #fit} but keeps the end of the text (streamed text grows there). */
  static String fitEnd(String s, Font font, double width) {
    MEASURE.setFont(font);
    MEASURE.setText(s);
    if (MEASURE.getLayoutBounds().getWidth() <= width) {
      return s;
    }
    int lo = 0;
    int hi = s.length();
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      MEASURE.setText("…" + s.substring(mid));
      if (MEASURE.getLayoutBounds().getWidth() <= width) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return "…" + s.substring(lo);
  }

  String nodeId() {
    return nodeId;
  }

  Node node() {
    return node;
  }

  /** The box in world units, as of the last update. */
  Rect bounds() {
    return bounds;
  }

  /** Shows the node as it is in the graph now; only rebuilds what changed. */
  void update(Node n, Optional<NodeSpec> spec) {
    if (n.equals(node)) {
      return;
    }
    Node old = node;
    node = n;
    relocate(n.position().x(), n.position().y());
    if (old != null && old.withPosition(n.position()).equals(n)) {
      bounds = new Rect(n.position().x(), n.position().y(), bounds.width(), bounds.height());
      return; // only moved
    }
    this.spec = spec;
    double w = CanvasGeometry.NODE_WIDTH;
    double h = geometry.nodeHeight(n);
    bounds = new Rect(n.position().x(), n.position().y(), w, h);
    String category = spec.map(NodeSpec::category).orElse("Other");
    accent.setBackground(accentBackground(PortColors.category(category)));
    pseudoClassStateChanged(UNKNOWN, spec.isEmpty());
    body.resizeRelocate(0, 0, w, h);
    accent.resizeRelocate(0, 0, w, 4);
    if (titlesBuilt || detail != Detail.OUTLINE) {
      buildTitles();
    }
    if (fullBuilt || detail == Detail.FULL) {
      buildFull();
    }
    layoutState();
  }

  private static final Map<javafx.scene.paint.Color, Background> ACCENTS = new HashMap<>();

  /** One background per category colour, shared by every node of that category. */
  private static Background accentBackground(javafx.scene.paint.Color c) {
    return ACCENTS.computeIfAbsent(
        c, k -> new Background(new BackgroundFill(k, new CornerRadii(8, 8, 0, 0, false), null)));
  }

  /** The title and the port circles: what is drawn from {@link Detail#TITLES} on. */
  private void buildTitles() {
    titlesBuilt = true;
    double w = CanvasGeometry.NODE_WIDTH;
    if (title == null) {
      title = text("node-title", TITLE);
      title.setX(12);
      title.setY(CanvasGeometry.HEADER / 2 + 1);
      insertBefore(List.of(title), badgeIcon, track);
    }
    title.setText(fit(node.displayTitle(), TITLE, w - 80));
    getChildren().removeAll(ports.values());
    ports.clear();
    for (CanvasGeometry.PortAnchor a : geometry.ports(node)) {
      double y = a.center().y() - node.position().y();
      Circle c = new Circle(a.output() ? w : 0, y, CanvasGeometry.PORT_RADIUS);
      c.getStyleClass().addAll("port", "port-" + a.type().kind().name().toLowerCase(Locale.ROOT));
      if (a.type().list()) {
        c.getStyleClass().add("port-list");
      }
      c.setId("port-" + node.id() + (a.output() ? "-out-" : "-in-") + a.port());
      ports.put(new CanvasViewModel.PortKey(node.id(), a.port(), a.output()), c);
    }
    insertBefore(
        List.copyOf(ports.values()),
        summaries.isEmpty() ? null : summaries.getFirst(),
        badgeIcon,
        track);
    applyCompatibility();
  }

  /** Port labels, parameter summary, badge and footer: what is drawn at {@link Detail#FULL}. */
  private void buildFull() {
    fullBuilt = true;
    double w = CanvasGeometry.NODE_WIDTH;
    double h = bounds.height();
    if (badge == null) {
      badge = text("node-badge", TINY);
      badge.setTextAlignment(TextAlignment.RIGHT);
      badge.setY(CanvasGeometry.HEADER / 2 + 1);
      footer = text("node-footer", TINY);
      footer.setX(12);
      insertBefore(List.of(badge, footer), firstPort());
    }
    footer.setY(h - CanvasGeometry.FOOTER / 2 - 2);
    getChildren().removeAll(portLabels);
    portLabels.clear();
    for (CanvasGeometry.PortAnchor a : geometry.ports(node)) {
      Text l = text("port-label", SMALL);
      l.setText(fit(a.label(), SMALL, w / 2 - 18));
      l.setY(a.center().y() - node.position().y());
      if (a.output()) {
        l.setTextAlignment(TextAlignment.RIGHT);
        l.setX(w - 14 - l.getLayoutBounds().getWidth());
      } else {
        l.setX(14);
      }
      portLabels.add(l);
    }
    insertBefore(portLabels, firstPort());
    rebuildSummary(node);
  }

  private void rebuildSummary(Node n) {
    getChildren().removeAll(summaries);
    summaries.clear();
    List<ParamSpec> params = geometry.summaryParams(n);
    double y0 = CanvasGeometry.HEADER + geometry.portRows(n) * CanvasGeometry.ROW;
    for (int i = 0; i < params.size(); i++) {
      ParamSpec p = params.get(i);
      Object v = n.params().get(p.name()).orElse(p.defaultValue());
      String s = summary(p, v);
      Text t = text("node-summary", SMALL);
      if (s.isEmpty()) {
        // a blank model means the default from the settings, not a missing value
        s = p.label() + (p instanceof ParamSpec.ModelParam ? ": default" : ": —");
        t.getStyleClass().add("empty");
      }
      t.setText(fit(s, SMALL, CanvasGeometry.NODE_WIDTH - 24));
      t.setX(12);
      t.setY(y0 + i * CanvasGeometry.SUMMARY_LINE + CanvasGeometry.SUMMARY_LINE / 2);
      summaries.add(t);
    }
    insertBefore(summaries, badgeIcon, track);
  }

  private javafx.scene.Node firstPort() {
    for (javafx.scene.Node c : getChildren()) {
      if (c instanceof Circle) {
        return c;
      }
    }
    return null;
  }

  /**
   * Adds children below the first of {@code anchors} that is present (or on top), so parts made
   * late stack as they would have had they been made together: labels under port dots, the
   * run-state marks over everything.
   */
  private void insertBefore(List<? extends javafx.scene.Node> nodes, javafx.scene.Node... anchors) {
    for (javafx.scene.Node a : anchors) {
      int i = a == null ? -1 : getChildren().indexOf(a);
      if (i >= 0) {
        getChildren().addAll(i, nodes);
        return;
      }
    }
    getChildren().addAll(nodes);
  }

  static String summary(ParamSpec p, Object v) {
    String s =
        v == null
            ? ""
            : v instanceof Double d && d == Math.rint(d)
                ? Long.toString(d.longValue())
                : v.toString();
    s = s.replace('\n', ' ').strip();
    if (s.isEmpty()) {
      return "";
    }
    if (p instanceof ParamSpec.EnumParam e) {
      for (ParamSpec.EnumParam.Option o : e.options()) {
        if (o.value().equals(s)) {
          s = o.label();
        }
      }
    }
    if (p instanceof ParamSpec.TextParam) {
      return s;
    }
    return p.label() + ": " + s;
  }

  /** The run state: badge, progress bar, footer text and style class. */
  void setState(NodeRunState s) {
    if (s.equals(state)) {
      return;
    }
    NodeRunState.Phase oldPhase = state.phase();
    state = s;
    if (oldPhase != s.phase()) {
      getStyleClass().removeIf(c -> c.startsWith("state-"));
      getStyleClass().add("state-" + s.phase().name().toLowerCase(Locale.ROOT));
    }
    layoutState();
  }

  private void layoutState() {
    if (node == null) {
      return;
    }
    double w = CanvasGeometry.NODE_WIDTH;
    double h = bounds.height();
    if (badgeIcon != null) {
      getChildren().remove(badgeIcon);
      badgeIcon = null;
    }
    FontIcon icon = titlesBuilt ? icon(state.phase()) : null;
    if (icon != null) {
      icon.setIconSize(14);
      icon.setLayoutX(w - 26);
      icon.setLayoutY(CanvasGeometry.HEADER / 2 + 6);
      icon.setMouseTransparent(true);
      badgeIcon = icon;
      getChildren().add(icon);
    }
    boolean running = state.phase() == NodeRunState.Phase.RUNNING;
    if (running && track == null) {
      track = new Rectangle();
      track.getStyleClass().add("node-progress-track");
      bar = new Rectangle();
      bar.getStyleClass().add("node-progress-bar");
      track.setArcWidth(4);
      track.setArcHeight(4);
      bar.setArcWidth(4);
      bar.setArcHeight(4);
      getChildren().addAll(track, bar);
    }
    if (track != null) {
      track.setVisible(running);
      bar.setVisible(running);
      double tw = w - 20;
      track.setX(10);
      track.setY(h - 7);
      track.setWidth(tw);
      track.setHeight(4);
      boolean unknown = state.progress() < 0;
      bar.setX(10);
      bar.setY(h - 7);
      bar.setHeight(4);
      bar.setWidth(unknown ? tw : tw * Math.max(0, Math.min(1, state.progress())));
      bar.setOpacity(unknown ? 0.45 : 1);
    }
    if (fullBuilt) {
      badge.setText(label(state.phase()));
      badge.setX(w - 30 - badge.getLayoutBounds().getWidth());
      footer.setText(footerText());
    }
    applyDetail();
  }

  /** The footer: the error, the running message or preview, or the validation problem. */
  private String footerText() {
    double w = CanvasGeometry.NODE_WIDTH;
    String f =
        switch (state.phase()) {
          case FAILED, BLOCKED -> state.error();
          case RUNNING -> preview.isEmpty() ? state.message() : preview;
          case IDLE, QUEUED -> problem;
          case DONE -> state.backend();
          default -> "";
        };
    return state.phase() == NodeRunState.Phase.RUNNING && !preview.isEmpty()
        ? fitEnd(f, TINY, w - 24)
        : fit(f, TINY, w - 24);
  }

  /**
   * A validation problem of the node (empty: none): marked on the node, shown in its footer while
   * it is idle and on hover.
   */
  void setProblem(String text) {
    String t = text == null ? "" : text;
    if (t.equals(problem)) {
      return;
    }
    problem = t;
    pseudoClassStateChanged(PROBLEM, !t.isEmpty());
    layoutState();
  }

  /** The latest live preview while the node runs (streamed text shows its newest words). */
  void setPreview(dev.weft.assets.Asset value) {
    String p =
        switch (value) {
          case null -> "";
          case dev.weft.assets.TextAsset t -> {
            String flat = t.text().replace('\n', ' ').strip();
            yield flat.length() > 60 ? "…" + flat.substring(flat.length() - 60) : flat;
          }
          default -> "preview: " + value.describe();
        };
    if (!p.equals(preview)) {
      preview = p;
      layoutState();
    }
  }

  /** What a hover over the node shows: its failure, or what its type does. */
  String tooltipText() {
    if (!problem.isEmpty()
        && !state.phase().isFinal()
        && state.phase() != NodeRunState.Phase.RUNNING) {
      return "Problem: " + problem + "\n\n" + description();
    }
    if (state.phase() == NodeRunState.Phase.FAILED || state.phase() == NodeRunState.Phase.BLOCKED) {
      return (state.phase() == NodeRunState.Phase.FAILED ? "Failed: " : "")
          + state.error()
          + (state.hint().isBlank() ? "" : "\nFix: " + state.hint());
    }
    return description();
  }

  private String description() {
    if (node == null) {
      return "";
    }
    return spec.map(s ->
            s.displayName()
                + " ("
                + s.id()
                + ")"
                + (s.description().isBlank() ? "" : "\n" + s.description()))
        .orElse("Unknown node type " + node.type() + ": install the plugin that provides it");
  }

  private static FontIcon icon(NodeRunState.Phase p) {
    FontIcon i =
        switch (p) {
          case IDLE -> null;
          case QUEUED -> new FontIcon(Material2AL.HOURGLASS_EMPTY);
          case RUNNING -> new FontIcon(Material2MZ.PLAY_CIRCLE_OUTLINE);
          case CACHED -> new FontIcon(Material2AL.CACHED);
          case DONE -> new FontIcon(Material2AL.CHECK_CIRCLE);
          case FAILED -> new FontIcon(Material2AL.ERROR);
          case CANCELLED -> new FontIcon(Material2AL.CANCEL);
          case BLOCKED -> new FontIcon(Material2AL.BLOCK);
        };
    if (i != null) {
      i.getStyleClass().add("node-badge-icon");
    }
    return i;
  }

  private static String label(NodeRunState.Phase p) {
    return switch (p) {
      case IDLE, RUNNING -> "";
      case QUEUED -> "queued";
      case CACHED -> "cached";
      case DONE -> "done";
      case FAILED -> "failed";
      case CANCELLED -> "stopped";
      case BLOCKED -> "blocked";
    };
  }

  void setSelected(boolean selected) {
    pseudoClassStateChanged(SELECTED, selected);
  }

  /** Far out, text goes first (the costly part to draw), then ports and titles. */
  void setDetail(Detail d) {
    if (d == detail) {
      return;
    }
    detail = d;
    if (node != null) {
      boolean built = false;
      if (d != Detail.OUTLINE && !titlesBuilt) {
        buildTitles();
        built = true;
      }
      if (d == Detail.FULL && !fullBuilt) {
        buildFull();
        built = true;
      }
      if (built) {
        layoutState();
        return;
      }
    }
    applyDetail();
  }

  Detail detail() {
    return detail;
  }

  private void applyDetail() {
    boolean full = detail == Detail.FULL;
    boolean titles = detail != Detail.OUTLINE;
    portLabels.forEach(l -> l.setVisible(full));
    summaries.forEach(l -> l.setVisible(full));
    if (fullBuilt) {
      footer.setVisible(full);
      badge.setVisible(full);
    }
    if (titlesBuilt) {
      title.setVisible(titles);
    }
    ports.values().forEach(c -> c.setVisible(titles));
    if (badgeIcon != null) {
      badgeIcon.setVisible(titles);
    }
  }

  /** Lights the ports a dragged wire may end on and dims the others (null: back to normal). */
  void showCompatibility(
      java.util.Set<CanvasViewModel.PortKey> compatible, CanvasViewModel.PortKey source) {
    this.compatible = compatible;
    this.compatibleSource = source;
    applyCompatibility();
  }

  private void applyCompatibility() {
    for (Map.Entry<CanvasViewModel.PortKey, Circle> e : ports.entrySet()) {
      Circle c = e.getValue();
      boolean lit = compatible != null && compatible.contains(e.getKey());
      boolean dim = compatible != null && !lit && !e.getKey().equals(compatibleSource);
      c.pseudoClassStateChanged(COMPATIBLE, lit);
      c.pseudoClassStateChanged(INCOMPATIBLE, dim);
    }
  }

  Optional<Circle> port(CanvasViewModel.PortKey key) {
    return Optional.ofNullable(ports.get(key));
  }

  static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
  static final PseudoClass COMPATIBLE = PseudoClass.getPseudoClass("compatible");
  static final PseudoClass INCOMPATIBLE = PseudoClass.getPseudoClass("incompatible");
  static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown-type");
  static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

  @Override
  protected void layoutChildren() {
    // children are placed in update(); nothing moves on layout passes
  }
}
