package dev.weft.app.models;

import javafx.beans.property.SimpleStringProperty;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Models dialog: every model Weft knows, what is on disk, and the actions: download (with
 * progress and cancel), verify, remove, and register a local folder.
 */
public final class ModelsDialog {
  private final ModelsViewModel vm;
  private Stage stage;

  public ModelsDialog(ModelsViewModel vm) {
    this.vm = vm;
  }

  public void show(Window owner) {
    if (stage == null) {
      stage = build(owner);
    }
    vm.refresh();
    stage.show();
    stage.toFront();
  }

  private Stage build(Window owner) {
    TableView<ModelRow> table = new TableView<>(vm.rows());
    table.setId("models-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("Model", r -> r.name() + "\n" + r.id()));
    table.getColumns().add(column("Family · task", r -> r.family() + " · " + r.task()));
    table.getColumns().add(column("Variant", ModelRow::variant));
    table.getColumns().add(column("Size", r -> ModelsViewModel.size(r.downloadBytes())));
    table
        .getColumns()
        .add(
            column(
                "Status",
                r -> {
                  ModelsViewModel.Progress p = vm.downloads().get(r.id());
                  return p != null ? "downloading: " + p.text() : r.status();
                }));
    table.getColumns().add(column("Licence", ModelRow::licence));
    table.setPlaceholder(new Label("Reading the model catalog…"));
    vm.downloads()
        .addListener((MapChangeListener<String, ModelsViewModel.Progress>) c -> table.refresh());

    ProgressBar progress = new ProgressBar();
    progress.setMaxWidth(Double.MAX_VALUE);
    progress.setVisible(false);
    Button download = new Button("Download", new FontIcon(Material2AL.CLOUD_DOWNLOAD));
    Button cancel = new Button("Stop", new FontIcon(Material2MZ.STOP));
    Button verify = new Button("Verify", new FontIcon(Material2MZ.VERIFIED));
    Button remove = new Button("Remove", new FontIcon(Material2AL.DELETE_OUTLINE));
    Button folder = new Button("Add folder…", new FontIcon(Material2AL.CREATE_NEW_FOLDER));
    Button refresh = new Button(null, new FontIcon(Material2MZ.REFRESH));
    download.setDisable(vm.offline());
    Runnable update =
        () -> {
          ModelRow r = table.getSelectionModel().getSelectedItem();
          boolean has = r != null;
          boolean downloading = has && vm.downloads().containsKey(r.id());
          download.setDisable(!has || r.installed() || downloading || vm.offline());
          cancel.setDisable(!downloading);
          verify.setDisable(!has || !r.installed());
          remove.setDisable(!has || r.bytesOnDisk() == 0 && !r.installed());
          ModelsViewModel.Progress p = has ? vm.downloads().get(r.id()) : null;
          progress.setVisible(p != null);
          if (p != null) {
            progress.setProgress(
                p.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p.fraction());
          }
        };
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> update.run());
    vm.downloads()
        .addListener((MapChangeListener<String, ModelsViewModel.Progress>) c -> update.run());
    vm.rows().addListener((javafx.collections.ListChangeListener<ModelRow>) c -> update.run());
    update.run();
    download.setOnAction(e -> selected(table).ifPresent(vm::download));
    cancel.setOnAction(e -> selected(table).ifPresent(vm::cancelDownload));
    verify.setOnAction(e -> selected(table).ifPresent(vm::verify));
    remove.setOnAction(e -> selected(table).ifPresent(vm::remove));
    refresh.setOnAction(e -> vm.refresh());
    folder.setOnAction(e -> {
      DirectoryChooser d = new DirectoryChooser();
      d.setTitle("A folder with model files");
      var dir = d.showDialog(stage);
      if (dir == null) {
        return;
      }
      TextInputDialog ask =
          new TextInputDialog(
              selected(table)
                  .orElse(
                      dir.getName()
                          .toLowerCase(java.util.Locale.ROOT)
                          .replaceAll("[^a-z0-9._-]", "-")));
      ask.initOwner(stage);
      ask.setTitle("Register a model folder");
      ask.setHeaderText("Which model is in " + dir + "?");
      ask.setContentText("Model id:");
      ask.showAndWait().ifPresent(id -> vm.addFolder(dir.toPath(), id.strip()));
    });
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox buttons = new HBox(8, download, cancel, verify, remove, spacer, folder, refresh);
    buttons.setAlignment(Pos.CENTER_LEFT);
    Label message = new Label();
    message.setWrapText(true);
    message.textProperty().bind(vm.messageProperty());
    Label offline =
        new Label(
            vm.offline()
                ? "Offline mode: downloads are off (HF_HUB_OFFLINE or WEFT_OFFLINE is set)."
                : "");
    offline.getStyleClass().add("text-muted");
    VBox bottom = new VBox(8, progress, buttons, message, offline);
    bottom.setPadding(new Insets(10, 0, 0, 0));
    BorderPane root = new BorderPane(table);
    root.setBottom(bottom);
    root.setPadding(new Insets(12));
    root.setId("models-dialog");
    Stage s = new Stage();
    s.initOwner(owner);
    s.initModality(Modality.NONE);
    s.setTitle("Models");
    Scene scene = new Scene(root, 900, 520);
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
      root.setStyle(owner.getScene().getRoot().getStyle());
    }
    s.setScene(scene);
    return s;
  }

  private static java.util.Optional<String> selected(TableView<ModelRow> t) {
    return java.util.Optional.ofNullable(t.getSelectionModel().getSelectedItem()).map(ModelRow::id);
  }

  private static TableColumn<ModelRow, String> column(
      String title, java.util.function.Function<ModelRow, String> value) {
    TableColumn<ModelRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
    return c;
  }
}
