package dev.weft.app.palette;

import dev.weft.app.canvas.PortColors;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A node type in a palette list: its name over its category, with the description on hover. */
final class PaletteCell extends ListCell<PaletteItem> {
  private final Label name = new Label();
  private final Label category = new Label();
  private final Region swatch = new Region();
  private final VBox box = new VBox(1, name, category);
  private final javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, swatch, box);

  PaletteCell() {
    getStyleClass().add("palette-cell");
    name.getStyleClass().add("palette-name");
    category.getStyleClass().add("palette-category");
    swatch.getStyleClass().add("palette-swatch");
    swatch.setMinSize(4, 28);
    swatch.setPrefSize(4, 28);
  }

  @Override
  protected void updateItem(PaletteItem item, boolean empty) {
    super.updateItem(item, empty);
    if (empty || item == null) {
      setGraphic(null);
      setTooltip(null);
      setId(null);
      return;
    }
    name.setText(item.name());
    category.setText(item.category() + " · " + item.typeId());
    swatch.setStyle(
        "-fx-background-color: " + PortColors.css(PortColors.category(item.category())) + ";");
    setTooltip(item.description().isBlank() ? null : new Tooltip(item.description()));
    setId("palette-" + item.typeId());
    setGraphic(row);
  }
}
