package dev.weft.app.canvas;

import dev.weft.pipelines.graph.Group;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * A group on the canvas: a titled, tinted frame around its nodes with a collapse arrow, or, when
 * collapsed, one box standing for all of them.
 */
final class GroupView extends Region {
  private final Region frame = new Region();
  private final Label title = new Label();
  private final Label toggle = new Label();
  private final Label count = new Label();
  private Group group;
  private Rect bounds = Rect.EMPTY;

  GroupView(String id) {
    setId("group-" + id);
    getStyleClass().add("group-view");
    setPickOnBounds(false);
    frame.getStyleClass().add("group-frame");
    title.getStyleClass().add("group-title");
    title.setTextOverrun(OverrunStyle.ELLIPSIS);
    toggle.getStyleClass().add("group-toggle");
    toggle.setAlignment(Pos.CENTER);
    count.getStyleClass().add("group-count");
    getChildren().addAll(frame, title, toggle, count);
  }

  Group group() {
    return group;
  }

  Rect bounds() {
    return bounds;
  }

  void update(Group g, Rect r) {
    group = g;
    bounds = r;
    relocate(r.x(), r.y());
    Color c = parse(g.color());
    String rgb = PortColors.css(c);
    frame.setStyle(
        "-fx-background-color: "
            + rgba(c, g.collapsed() ? 0.35 : 0.10)
            + "; -fx-border-color: "
            + rgb
            + ";");
    frame.resizeRelocate(0, 0, r.width(), r.height());
    pseudoClassStateChanged(COLLAPSED, g.collapsed());
    title.setText(g.title().isBlank() ? "Group" : g.title());
    title.resizeRelocate(10, 4, Math.max(10, r.width() - 44), CanvasGeometry.GROUP_TITLE - 8);
    toggle.setGraphic(
        new FontIcon(g.collapsed() ? Material2AL.EXPAND_MORE : Material2AL.EXPAND_LESS));
    toggle.resizeRelocate(r.width() - 28, 4, 22, CanvasGeometry.GROUP_TITLE - 8);
    count.setVisible(g.collapsed());
    count.setText(g.nodes().size() == 1 ? "1 node" : g.nodes().size() + " nodes");
    count.resizeRelocate(10, CanvasGeometry.GROUP_TITLE, r.width() - 20, 18);
  }

  void setSelected(boolean s) {
    pseudoClassStateChanged(NodeView.SELECTED, s);
  }

  private static Color parse(String colour) {
    try {
      return Color.web(colour);
    } catch (IllegalArgumentException e) {
      return Color.web("#4a6fa5");
    }
  }

  private static String rgba(Color c, double alpha) {
    return String.format(
        java.util.Locale.ROOT,
        "rgba(%d,%d,%d,%.2f)",
        (int) (c.getRed() * 255),
        (int) (c.getGreen() * 255),
        (int) (c.getBlue() * 255),
        alpha);
  }

  static final javafx.css.PseudoClass COLLAPSED =
      javafx.css.PseudoClass.getPseudoClass("collapsed");

  @Override
  protected void layoutChildren() {
    // placed in update()
  }
}
