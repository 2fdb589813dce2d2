package dev.weft.app.settings;

import dev.weft.nativelibs.hardware.HardwareProbe;
import dev.weft.nativelibs.hardware.HardwareProfile;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The settings dialog: appearance (theme, scale), the run mode new pipelines start in, the minimap,
 * and this machine's hardware profile as local inference sees it. Cloud endpoints and keys join
 * here once the settings module provides them.
 */
public final class SettingsDialog {
  private SettingsDialog() {}

  public static void show(
      Window owner,
      StudioSettings current,
      Executor background,
      java.util.Optional<CloudSettingsViewModel> cloudVm,
      Consumer<StudioSettings> apply) {
    Dialog<StudioSettings> d = new Dialog<>();
    d.initOwner(owner);
    d.setTitle("Settings");
    d.setHeaderText(null);
    ComboBox<StudioSettings.Theme> theme = new ComboBox<>();
    theme.getItems().setAll(StudioSettings.Theme.values());
    theme.setValue(current.theme());
    Slider scale = new Slider(100, 200, current.scale() * 100);
    scale.setMajorTickUnit(25);
    scale.setMinorTickCount(0);
    scale.setSnapToTicks(true);
    scale.setShowTickLabels(true);
    scale.setShowTickMarks(true);
    scale.setPrefWidth(260);
    Label scaleValue = new Label();
    scaleValue.textProperty().bind(scale.valueProperty().asString(Locale.ROOT, "%.0f %%"));
    ComboBox<RunMode> mode = new ComboBox<>();
    mode.getItems().setAll(RunMode.values());
    mode.setValue(current.defaultRunMode());
    CheckBox minimap = new CheckBox("Show the minimap");
    minimap.setSelected(current.minimap());
    GridPane look = new GridPane();
    look.setHgap(12);
    look.setVgap(10);
    look.setPadding(new Insets(12));
    look.addRow(0, new Label("Theme"), theme);
    look.addRow(1, new Label("Scale"), new HBox(8, scale, scaleValue));
    look.addRow(2, new Label("Backend for new pipelines"), mode);
    look.addRow(3, new Label("Canvas"), minimap);
    Label modeHelp = new Label();
    modeHelp.setWrapText(true);
    modeHelp.getStyleClass().add("text-muted");
    modeHelp.textProperty().bind(mode.valueProperty().map(RunMode::help));
    look.add(modeHelp, 1, 4);

    TextArea hardware = new TextArea("Probing this machine…");
    hardware.setEditable(false);
    hardware.setPrefRowCount(10);
    hardware.setStyle("-fx-font-family: monospace;");
    CompletableFuture.supplyAsync(() -> new HardwareProbe().probe(), background)
        .whenComplete((HardwareProfile p, Throwable e) ->
            Platform.runLater(() ->
                hardware.setText(
                    e != null ? "The hardware probe failed: " + e.getMessage() : p.describe())));
    VBox hw = new VBox(8, new Label("What local models can use on this machine:"), hardware);
    hw.setPadding(new Insets(12));
    javafx.scene.Node cloudBox =
        cloudVm
            .map(SettingsDialog::cloudTab)
            .orElseGet(() -> {
              Label none = new Label("Cloud settings are not available in this build.");
              VBox b = new VBox(none);
              b.setPadding(new Insets(12));
              return b;
            });
    TabPane tabs =
        new TabPane(new Tab("General", look), new Tab("Hardware", hw), new Tab("Cloud", cloudBox));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setPrefSize(760, 560);
    tabs.setMinWidth(720);
    d.getDialogPane().setContent(tabs);
    d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    d.setResultConverter(b ->
        b == ButtonType.OK
            ? current
                .withTheme(theme.getValue())
                .withScale(scale.getValue() / 100)
                .withDefaultRunMode(mode.getValue())
                .withMinimap(minimap.isSelected())
            : null);
    if (owner != null && owner.getScene() != null) {
      d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
      d.getDialogPane().setStyle(owner.getScene().getRoot().getStyle());
    }
    d.showAndWait()
        .ifPresent(result -> {
          apply.accept(result);
          cloudVm.ifPresent(CloudSettingsViewModel::save);
        });
  }

  private static javafx.scene.Node cloudTab(CloudSettingsViewModel vm) {
    vm.load();
    ComboBox<dev.weft.pipelines.settings.Region> region = new ComboBox<>();
    region.getItems().setAll(dev.weft.pipelines.settings.Region.values());
    region.valueProperty().bindBidirectional(vm.regionProperty());
    javafx.scene.control.TextField host = new javafx.scene.control.TextField();
    host.setPromptText(
        "optional workspace host, e.g. https://ws1.ap-southeast-1.maas.aliyuncs.com");
    host.textProperty().bindBidirectional(vm.workspaceHostProperty());
    javafx.scene.control.PasswordField key = new javafx.scene.control.PasswordField();
    key.setPromptText("paste a new DashScope API key to replace the current one");
    key.textProperty().bindBidirectional(vm.newDashScopeKeyProperty());
    Label status = new Label();
    status.textProperty().bind(vm.dashScopeKeyStatusProperty().map(t -> "Current key: " + t));
    javafx.scene.control.Button forget = new javafx.scene.control.Button("Remove key");
    forget.setOnAction(e -> vm.removeDashScopeKey());
    CheckBox offline = new CheckBox("Offline: never call cloud endpoints (local models only)");
    offline.selectedProperty().bindBidirectional(vm.offlineProperty());
    GridPane dash = new GridPane();
    dash.setHgap(10);
    dash.setVgap(8);
    dash.addRow(0, new Label("DashScope region"), region);
    dash.addRow(1, new Label("Workspace host"), host);
    dash.addRow(2, new Label("API key"), key);
    dash.add(new HBox(10, status, forget), 1, 3);
    GridPane.setHgrow(host, javafx.scene.layout.Priority.ALWAYS);
    javafx.scene.control.ListView<CloudSettingsViewModel.EndpointRow> list =
        new javafx.scene.control.ListView<>(vm.endpoints());
    list.setPrefHeight(90);
    list.setMinHeight(72);
    list.setPlaceholder(new Label("No OpenAI-compatible endpoints (vLLM, Ollama, LM Studio, …)"));
    javafx.scene.control.TextField name = new javafx.scene.control.TextField();
    name.setPromptText("name");
    name.setPrefColumnCount(10);
    name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    javafx.scene.control.TextField url = new javafx.scene.control.TextField();
    url.setPromptText("http://host:8000/v1");
    HBox.setHgrow(url, javafx.scene.layout.Priority.ALWAYS);
    ComboBox<dev.weft.pipelines.settings.EndpointType> type = new ComboBox<>();
    type.getItems().setAll(dev.weft.pipelines.settings.EndpointType.values());
    type.setValue(dev.weft.pipelines.settings.EndpointType.OPENAI);
    type.setConverter(
        new javafx.util.StringConverter<>() {
          @Override
          public String toString(dev.weft.pipelines.settings.EndpointType t) {
            return t == null ? "" : t.label();
          }

          @Override
          public dev.weft.pipelines.settings.EndpointType fromString(String s) {
            return null;
          }
        });
    javafx.scene.control.PasswordField epKey = new javafx.scene.control.PasswordField();
    epKey.setPromptText("key (if any)");
    epKey.setPrefColumnCount(14);
    Label epError = new Label();
    epError.getStyleClass().add("field-error");
    javafx.scene.control.Button add = new javafx.scene.control.Button("Add");
    add.setOnAction(e ->
        vm.putEndpoint(name.getText(), url.getText(), type.getValue(), epKey.getText())
            .ifPresentOrElse(
                epError::setText,
                () -> {
                  epError.setText("");
                  name.clear();
                  url.clear();
                  epKey.clear();
                }));
    javafx.scene.control.Button remove = new javafx.scene.control.Button("Remove");
    remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
    remove.setOnAction(e -> vm.removeEndpoint(list.getSelectionModel().getSelectedItem()));
    javafx.scene.control.Button listModels = new javafx.scene.control.Button("List models");
    listModels.setId("endpoint-list-models");
    listModels.setTooltip(
        new javafx.scene.control.Tooltip(
            "Ask the selected server which models it serves (GET /v1/models)"));
    listModels.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
    listModels.setOnAction(e -> vm.listModels(list.getSelectionModel().getSelectedItem()));
    // two rows, so the address has room and every button shows its label
    HBox form = new HBox(6, name, url, type);
    form.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    HBox actions = new HBox(6, epKey, add, remove, listModels);
    actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    for (javafx.scene.control.Button b : List.of(add, remove, listModels)) {
      b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    Label listed = new Label();
    listed.setId("endpoint-models");
    listed.getStyleClass().add("text-muted");
    listed.setWrapText(true);
    listed.textProperty().bind(vm.listingProperty());
    Label where = new Label();
    where.getStyleClass().add("text-muted");
    where
        .textProperty()
        .bind(vm.storageProperty().map(s -> s.isBlank() ? "" : "New keys are kept in: " + s));
    Label error = new Label();
    error.getStyleClass().add("field-error");
    error.setWrapText(true);
    error.textProperty().bind(vm.errorProperty());
    VBox box =
        new VBox(
            10,
            dash,
            new Label("OpenAI-compatible endpoints"),
            list,
            form,
            actions,
            epError,
            listed,
            offline,
            where,
            error);
    box.setPadding(new Insets(12));
    return box;
  }
}
