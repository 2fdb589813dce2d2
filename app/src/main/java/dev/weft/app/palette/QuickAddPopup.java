package dev.weft.app.palette;

import dev.weft.app.edit.Wiring;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;

/**
 * The searchable node list that opens on the canvas (Shift+A, double-click, or a wire dropped on
 * empty canvas, then filtered to nodes that fit the wire's type). Enter or a click adds the node.
 */
public final class QuickAddPopup {
  private final PaletteViewModel vm;
  private final Popup popup = new Popup();
  private final TextField search = new TextField();
  private final ListView<PaletteItem> list = new ListView<>();
  private final Label heading = new Label();
  private Consumer<PaletteItem> onChoose = i -> {};
  private Runnable onCancel = () -> {};
  private boolean chosen;

  public QuickAddPopup(Wiring wiring) {
    this.vm = new PaletteViewModel(wiring);
    search.setId("quick-add-search");
    search.setPromptText("Search nodes…");
    search.textProperty().bindBidirectional(vm.queryProperty());
    list.setId("quick-add-list");
    list.setItems(vm.items());
    list.setCellFactory(l -> new PaletteCell());
    list.setPrefSize(300, 320);
    heading.getStyleClass().add("text-muted");
    VBox box = new VBox(6, heading, search, list);
    box.setPadding(new Insets(8));
    box.getStyleClass().add("quick-add");
    popup.getContent().add(box);
    popup.setAutoHide(true);
    popup.setOnAutoHide(e -> cancel());
    vm.items()
        .addListener(
            (javafx.collections.ListChangeListener<PaletteItem>)
                c -> {
                  if (!list.getItems().isEmpty()) {
                    list.getSelectionModel().selectFirst();
                  }
                });
    search.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        choose(list.getSelectionModel().getSelectedItem());
        e.consume();
      } else if (e.getCode() == KeyCode.DOWN) {
        list.getSelectionModel().selectNext();
        e.consume();
      } else if (e.getCode() == KeyCode.UP) {
        list.getSelectionModel().selectPrevious();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        popup.hide();
        cancel();
        e.consume();
      }
    });
    list.setOnMouseClicked(e -> choose(list.getSelectionModel().getSelectedItem()));
    list.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        choose(list.getSelectionModel().getSelectedItem());
      }
    });
  }

  public PaletteViewModel viewModel() {
    return vm;
  }

  /** Opens at a screen point; {@code filter} narrows it to nodes that fit a wire (or null). */
  public void show(
      Window owner,
      double screenX,
      double screenY,
      PaletteViewModel.TypeFilter filter,
      Consumer<PaletteItem> choose,
      Runnable cancel) {
    chosen = false;
    onChoose = choose;
    onCancel = cancel;
    vm.typeFilterProperty().set(filter);
    vm.queryProperty().set("");
    heading.setText(
        filter == null
            ? "Add a node"
            : filter.needsInput()
                ? "Nodes that take " + filter.type()
                : "Nodes that give " + filter.type());
    popup.show(owner, screenX, screenY);
    search.requestFocus();
    if (!list.getItems().isEmpty()) {
      list.getSelectionModel().selectFirst();
    }
  }

  public boolean isShowing() {
    return popup.isShowing();
  }

  private void choose(PaletteItem item) {
    if (item == null) {
      return;
    }
    chosen = true;
    popup.hide();
    onChoose.accept(item);
  }

  private void cancel() {
    if (!chosen) {
      chosen = true;
      onCancel.run();
    }
  }
}
