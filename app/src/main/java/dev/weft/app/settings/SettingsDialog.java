package dev.weft.app.settings;

import dev.weft.nativelibs.hardware.HardwareProbe;
import dev.weft.nativelibs.hardware.HardwareProfile;
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
      Window owner, StudioSettings current, Executor background, Consumer<StudioSettings> apply) {
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
    Label cloud =
        new Label(
            "Cloud endpoints and API keys are set here once the cloud settings module is part of the"
                + " build; until then model nodes run locally.");
    cloud.setWrapText(true);
    VBox cloudBox = new VBox(cloud);
    cloudBox.setPadding(new Insets(12));
    TabPane tabs =
        new TabPane(new Tab("General", look), new Tab("Hardware", hw), new Tab("Cloud", cloudBox));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setPrefSize(560, 360);
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
    d.showAndWait().ifPresent(apply);
  }
}
