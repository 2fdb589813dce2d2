package dev.weft.app.palette;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The palette on the left: a search field over every node type, grouped by category. Drag a type
 * onto the canvas, or double-click it (or press Enter) to add it in the middle of the view.
 */
public final class PaletteView extends VBox {
  /** What a palette drag carries: the node type id. */
  public static final DataFormat NODE_TYPE = new DataFormat("application/x-weft-node-type");

  private final PaletteViewModel vm;
  private final atlantafx.base.controls.CustomTextField search =
      new atlantafx.base.controls.CustomTextField();
  private final ListView<PaletteItem> list = new ListView<>();

  public PaletteView(PaletteViewModel vm, Consumer<String> add) {
    this.vm = vm;
    setId("palette");
    getStyleClass().add("side-panel");
    Label title = new Label("Nodes");
    title.getStyleClass().add("panel-title");
    search.setId("palette-search");
    search.setPromptText("Search nodes");
    search.setLeft(new FontIcon(Material2MZ.SEARCH));
    search.textProperty().bindBidirectional(vm.queryProperty());
    list.setId("palette-list");
    list.setItems(vm.items());
    list.setCellFactory(l -> new GroupedCell());
    VBox.setVgrow(list, Priority.ALWAYS);
    list.setOnMouseClicked(e -> {
      PaletteItem item = list.getSelectionModel().getSelectedItem();
      if (e.getClickCount() == 2 && item != null) {
        add.accept(item.typeId());
      }
    });
    list.setOnKeyPressed(e -> {
      PaletteItem item = list.getSelectionModel().getSelectedItem();
      if (e.getCode() == KeyCode.ENTER && item != null) {
        add.accept(item.typeId());
      }
    });
    search.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        vm.first().ifPresent(i -> add.accept(i.typeId()));
        e.consume();
      } else if (e.getCode() == KeyCode.DOWN) {
        list.requestFocus();
        list.getSelectionModel().selectFirst();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        search.clear();
      }
    });
    setSpacing(6);
    setPadding(new Insets(0, 8, 8, 8));
    getChildren().addAll(title, search, list);
  }

  /** Puts the cursor in the search field (Ctrl+F). */
  public void focusSearch() {
    search.requestFocus();
    search.selectAll();
  }

  /** A palette cell that heads each category when the list is not searched. */
  private final class GroupedCell extends ListCell<PaletteItem> {
    private final PaletteCell inner = new PaletteCell();
    private final Label header = new Label();
    private final VBox box = new VBox();

    GroupedCell() {
      header.getStyleClass().add("palette-header");
      setOnDragDetected(e -> {
        if (getItem() == null) {
          return;
        }
        Dragboard db = startDragAndDrop(TransferMode.COPY);
        ClipboardContent c = new ClipboardContent();
        c.put(NODE_TYPE, getItem().typeId());
        c.putString(getItem().name());
        db.setContent(c);
        e.consume();
      });
    }

    @Override
    protected void updateItem(PaletteItem item, boolean empty) {
      super.updateItem(item, empty);
      inner.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        setId(null);
        return;
      }
      setId("palette-" + item.typeId());
      int i = getIndex();
      boolean first =
          vm.queryProperty().get().isBlank()
              && (i == 0
                  || !getListView().getItems().get(i - 1).category().equals(item.category()));
      box.getChildren().clear();
      if (first) {
        header.setText(item.category().toUpperCase(java.util.Locale.ROOT));
        box.getChildren().add(header);
      }
      box.getChildren().add(inner.getGraphic());
      setGraphic(box);
      setTooltip(inner.getTooltip());
    }
  }
}
