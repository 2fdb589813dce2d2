package dev.weft.app.canvas;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The F1 overlay: every shortcut of the editor on one card. */
final class ShortcutOverlay extends VBox {
  /** A shortcut and what it does. */
  record Shortcut(String keys, String action) {}

  static final List<Shortcut> SHORTCUTS =
      List.of(
          new Shortcut("Ctrl+Enter", "Run the pipeline"),
          new Shortcut("Ctrl+Shift+Enter", "Run up to the selected node"),
          new Shortcut("Escape", "Stop dragging / close this card"),
          new Shortcut("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
          new Shortcut("Ctrl+C / X / V", "Copy, cut, paste (pipeline JSON)"),
          new Shortcut("Ctrl+D", "Duplicate the selection"),
          new Shortcut("Ctrl+A", "Select all"),
          new Shortcut("Delete", "Delete the selection"),
          new Shortcut("Ctrl+G / Ctrl+Shift+G", "Group / ungroup"),
          new Shortcut("Shift+A, double-click", "Add a node here"),
          new Shortcut("Arrows (Shift: ×5)", "Nudge the selection"),
          new Shortcut("F", "Fit the pipeline in view"),
          new Shortcut("Z", "Zoom to the selection"),
          new Shortcut("1", "Zoom to 100 %"),
          new Shortcut("M", "Show or hide the minimap"),
          new Shortcut("G", "Snap to the grid on or off"),
          new Shortcut("Wheel / pinch", "Zoom about the cursor"),
          new Shortcut("Middle drag, Space+drag", "Pan"),
          new Shortcut("Shift/Ctrl+click, drag", "Add to the selection, rubber band"),
          new Shortcut("Drag from a port", "Connect (compatible ports light up)"),
          new Shortcut("Drag a wire's input end", "Reconnect or remove it"),
          new Shortcut("Double-click a wire", "Add a reroute point"),
          new Shortcut("Ctrl+S / Ctrl+O / Ctrl+N", "Save, open, new"),
          new Shortcut("F1", "This card"));

  ShortcutOverlay() {
    setId("shortcut-overlay");
    getStyleClass().add("shortcut-overlay");
    setAlignment(Pos.TOP_LEFT);
    setPadding(new Insets(18, 24, 18, 24));
    setSpacing(10);
    setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    Label title = new Label("Keyboard and mouse");
    title.getStyleClass().add("title-3");
    GridPane grid = new GridPane();
    grid.setHgap(18);
    grid.setVgap(4);
    for (int i = 0; i < SHORTCUTS.size(); i++) {
      Shortcut s = SHORTCUTS.get(i);
      Label k = new Label(s.keys());
      k.getStyleClass().add("shortcut-keys");
      Label a = new Label(s.action());
      int col = i < (SHORTCUTS.size() + 1) / 2 ? 0 : 2;
      int row = col == 0 ? i : i - (SHORTCUTS.size() + 1) / 2;
      grid.add(k, col, row);
      grid.add(a, col + 1, row);
    }
    getChildren().addAll(title, grid);
  }
}
