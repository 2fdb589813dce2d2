package dev.weft.app.canvas;

import dev.weft.app.run.NodeRunState;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * One node on the canvas: title, typed ports with labels, a summary of its key parameters, and its
 * run state (a badge, a progress bar while it runs, the error on hover when it failed). Laid out by
 * {@link CanvasGeometry}'s numbers, so what is drawn is what the hit tests see.
 */
final class NodeView extends Region {
  private final String nodeId;
  private final CanvasGeometry geometry;
  private final Region body = new Region();
  private final Region accent = new Region();
  private final Label title = new Label();
  private final Label badge = new Label();
  private final Label footer = new Label();
  private final ProgressBar progress = new ProgressBar(0);
  private final List<Label> summaries = new ArrayList<>();
  private final List<Label> portLabels = new ArrayList<>();
  private final Map<CanvasViewModel.PortKey, Circle> ports = new HashMap<>();
  private final Tooltip tooltip = new Tooltip();
  private Node node;
  private NodeRunState state = NodeRunState.IDLE;
  private boolean detailed = true;
  private String description = "";

  NodeView(String nodeId, CanvasGeometry geometry) {
    this.nodeId = nodeId;
    this.geometry = geometry;
    setId("node-" + nodeId);
    getStyleClass().add("node-view");
    setPickOnBounds(false);
    body.getStyleClass().add("node-body");
    accent.getStyleClass().add("node-accent");
    title.getStyleClass().add("node-title");
    title.setTextOverrun(OverrunStyle.ELLIPSIS);
    badge.getStyleClass().add("node-badge");
    badge.setAlignment(Pos.CENTER_RIGHT);
    footer.getStyleClass().add("node-footer");
    footer.setTextOverrun(OverrunStyle.ELLIPSIS);
    progress.getStyleClass().add("node-progress");
    progress.setVisible(false);
    tooltip.setShowDelay(Duration.millis(350));
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(420);
    Tooltip.install(body, tooltip);
    getChildren().addAll(body, accent, title, badge, footer, progress);
  }

  String nodeId() {
    return nodeId;
  }

  Node node() {
    return node;
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
      return; // only moved
    }
    description =
        spec.map(s -> s.displayName() + " (" + s.id() + ")\n" + s.description())
            .orElse("unknown node type " + n.type());
    title.setText(n.displayTitle());
    String category = spec.map(NodeSpec::category).orElse("Other");
    accent.setStyle("-fx-background-color: " + PortColors.css(PortColors.category(category)) + ";");
    getStyleClass().removeIf(c -> c.equals("unknown-type"));
    if (spec.isEmpty()) {
      getStyleClass().add("unknown-type");
    }
    rebuildPorts(n);
    rebuildSummary(n);
    double h = geometry.nodeHeight(n);
    double w = CanvasGeometry.NODE_WIDTH;
    body.resizeRelocate(0, 0, w, h);
    accent.resizeRelocate(0, 0, w, 4);
    title.resizeRelocate(12, 5, w - 60, CanvasGeometry.HEADER - 8);
    badge.resizeRelocate(w - 72, 5, 62, CanvasGeometry.HEADER - 8);
    footer.resizeRelocate(12, h - CanvasGeometry.FOOTER, w - 24, CanvasGeometry.FOOTER - 2);
    progress.resizeRelocate(10, h - 8, w - 20, 5);
    updateTooltip();
    applyDetail();
  }

  private void rebuildPorts(Node n) {
    getChildren().removeAll(ports.values());
    getChildren().removeAll(portLabels);
    ports.clear();
    portLabels.clear();
    double w = CanvasGeometry.NODE_WIDTH;
    for (CanvasGeometry.PortAnchor a : geometry.ports(n)) {
      double y = a.center().y() - n.position().y();
      Circle c = new Circle(a.output() ? w : 0, y, CanvasGeometry.PORT_RADIUS);
      c.getStyleClass()
          .addAll("port", "port-" + a.type().kind().name().toLowerCase(java.util.Locale.ROOT));
      if (a.type().list()) {
        c.getStyleClass().add("port-list");
      }
      c.setStyle("-port-color: " + PortColors.css(PortColors.of(a.type())) + ";");
      c.setId("port-" + n.id() + (a.output() ? "-out-" : "-in-") + a.port());
      Tooltip.install(c, new Tooltip(a.label() + ": " + a.type()));
      ports.put(new CanvasViewModel.PortKey(n.id(), a.port(), a.output()), c);
      Label l = new Label(a.label());
      l.getStyleClass().add("port-label");
      l.setTextOverrun(OverrunStyle.ELLIPSIS);
      if (a.output()) {
        l.setAlignment(Pos.CENTER_RIGHT);
        l.resizeRelocate(w / 2, y - 9, w / 2 - 14, 18);
      } else {
        l.setAlignment(Pos.CENTER_LEFT);
        l.resizeRelocate(14, y - 9, w / 2 - 14, 18);
      }
      portLabels.add(l);
    }
    getChildren().addAll(portLabels);
    getChildren().addAll(ports.values());
  }

  private void rebuildSummary(Node n) {
    getChildren().removeAll(summaries);
    summaries.clear();
    List<ParamSpec> params = geometry.summaryParams(n);
    double y0 = CanvasGeometry.HEADER + geometry.portRows(n) * CanvasGeometry.ROW;
    for (int i = 0; i < params.size(); i++) {
      ParamSpec p = params.get(i);
      Object v = n.params().get(p.name()).orElse(p.defaultValue());
      String text = summary(p, v);
      Label l = new Label(text);
      l.getStyleClass().add("node-summary");
      if (text.isEmpty()) {
        l.setText(p.label() + ": —");
        l.getStyleClass().add("empty");
      }
      l.setTextOverrun(OverrunStyle.ELLIPSIS);
      l.resizeRelocate(
          12,
          y0 + i * CanvasGeometry.SUMMARY_LINE,
          CanvasGeometry.NODE_WIDTH - 24,
          CanvasGeometry.SUMMARY_LINE);
      summaries.add(l);
    }
    getChildren().addAll(summaries);
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
      getStyleClass().add("state-" + s.phase().name().toLowerCase(java.util.Locale.ROOT));
      badge.setGraphic(icon(s.phase()));
      badge.setText(label(s.phase()));
    }
    boolean running = s.phase() == NodeRunState.Phase.RUNNING;
    progress.setVisible(running);
    progress.setProgress(
        running ? (s.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : s.progress()) : 0);
    footer.setText(
        switch (s.phase()) {
          case FAILED, BLOCKED -> s.error();
          case RUNNING -> s.message();
          default -> "";
        });
    updateTooltip();
  }

  private void updateTooltip() {
    if (state.phase() == NodeRunState.Phase.FAILED || state.phase() == NodeRunState.Phase.BLOCKED) {
      tooltip.setText(
          (state.phase() == NodeRunState.Phase.FAILED ? "Failed: " : "")
              + state.error()
              + (state.hint().isBlank() ? "" : "\nFix: " + state.hint()));
    } else {
      tooltip.setText(description);
    }
  }

  /** The failure text shown on hover (for tests). */
  String tooltipText() {
    return tooltip.getText();
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
      case IDLE -> "";
      case QUEUED -> "queued";
      case RUNNING -> "";
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

  /** Far out, only boxes, titles and ports are drawn (text is the costly part). */
  void setDetailed(boolean d) {
    if (d == detailed) {
      return;
    }
    detailed = d;
    applyDetail();
  }

  private void applyDetail() {
    portLabels.forEach(l -> l.setVisible(detailed));
    summaries.forEach(l -> l.setVisible(detailed));
    footer.setVisible(detailed);
    badge.setVisible(detailed);
  }

  /** Lights the ports a dragged wire may end on and dims the others (null: back to normal). */
  void showCompatibility(
      java.util.Set<CanvasViewModel.PortKey> compatible, CanvasViewModel.PortKey source) {
    for (Map.Entry<CanvasViewModel.PortKey, Circle> e : ports.entrySet()) {
      Circle c = e.getValue();
      boolean lit = compatible != null && compatible.contains(e.getKey());
      boolean dim = compatible != null && !lit && !e.getKey().equals(source);
      c.pseudoClassStateChanged(COMPATIBLE, lit);
      c.pseudoClassStateChanged(INCOMPATIBLE, dim);
    }
  }

  Optional<Circle> port(CanvasViewModel.PortKey key) {
    return Optional.ofNullable(ports.get(key));
  }

  static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");
  static final javafx.css.PseudoClass COMPATIBLE =
      javafx.css.PseudoClass.getPseudoClass("compatible");
  static final javafx.css.PseudoClass INCOMPATIBLE =
      javafx.css.PseudoClass.getPseudoClass("incompatible");

  @Override
  protected void layoutChildren() {
    // children are placed in update(); nothing moves on layout passes
  }
}
