package dev.weft.app.shell;

import dev.weft.app.canvas.GraphCanvasView;
import dev.weft.app.files.Recovery;
import dev.weft.app.inspector.InspectorView;
import dev.weft.app.models.ModelsDialog;
import dev.weft.app.outputs.OutputsView;
import dev.weft.app.palette.PaletteView;
import dev.weft.app.palette.QuickAddPopup;
import dev.weft.app.problems.ProblemsView;
import dev.weft.app.runlog.RunLogView;
import dev.weft.app.settings.RunMode;
import dev.weft.app.settings.SettingsDialog;
import dev.weft.app.settings.StudioSettings;
import dev.weft.app.studio.StudioViewModel;
import dev.weft.app.theme.Themes;
import dev.weft.app.welcome.WelcomeView;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.Position;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The studio window's layout: menu and toolbar on top, the palette left, the canvas in the middle
 * over a dock with Run log, Problems and Outputs, the inspector right, a status bar below. It wires
 * controls to the {@link StudioViewModel}'s commands and holds no state of its own.
 */
public final class MainWindowView extends BorderPane {
  private final StudioViewModel vm;
  private final ModelsDialog models;
  private final GraphCanvasView canvas;
  private final PaletteView palette;
  private final TabPane dock = new TabPane();
  private final Tab problemsTab;
  private final Tab outputsTab;
  private final StackPane centre = new StackPane();
  private final VBox recoveryBars = new VBox();
  private WelcomeView welcome;
  private InspectorView inspectorView;

  public MainWindowView(StudioViewModel vm, ModelsDialog models) {
    this.vm = vm;
    this.models = models;
    setId("studio");
    QuickAddPopup quickAdd = new QuickAddPopup(vm.wiring());
    canvas = new GraphCanvasView(vm.canvas(), vm.run(), quickAdd, vm::dropFiles);
    canvas.setOnMessage(vm::showMessage);
    canvas.showProblems(vm.problems().problems());
    canvas.setOnRunUpTo(id -> {
      vm.document().selection().selectOnly(id);
      vm.run(true);
    });
    palette = new PaletteView(vm.palette(), this::addFromPalette);
    acceptPaletteDrops();

    InspectorView inspector = new InspectorView(vm.inspector(), this::showModels);
    inspectorView = inspector;
    RunLogView log = new RunLogView(vm.run(), id -> vm.document().selection().selectOnly(id));
    ProblemsView problems = new ProblemsView(vm.problems());
    OutputsView outputs = new OutputsView(vm.outputs(), vm.threads().io());
    Tab logTab = new Tab("Run log", log);
    problemsTab = new Tab("Problems", problems);
    problemsTab
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.problems().problems().isEmpty()
                        ? "Problems"
                        : "Problems (" + vm.problems().problems().size() + ")",
                vm.problems().problems()));
    outputsTab = new Tab("Outputs", outputs);
    logTab.setGraphic(new FontIcon(Material2AL.LIST));
    problemsTab.setGraphic(new FontIcon(Material2MZ.WARNING));
    outputsTab.setGraphic(new FontIcon(Material2AL.IMAGE));
    dock.getTabs().addAll(logTab, problemsTab, outputsTab);
    dock.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    dock.setId("dock");
    vm.run()
        .lastFinishedNodeProperty()
        .addListener((o, a, b) -> {
          if (b != null
              && dock.getSelectionModel().getSelectedItem() == logTab
              && !vm.run().isRunning()) {
            dock.getSelectionModel().select(outputsTab);
          }
        });
    vm.run()
        .refusedProperty()
        .addListener((o, a, b) -> {
          if (!b.isEmpty()) {
            dock.getSelectionModel().select(problemsTab);
          }
        });
    vm.run()
        .runningProperty()
        .addListener((o, a, b) -> {
          if (!b
              && dock.getSelectionModel().getSelectedItem() == logTab
              && vm.outputs().shownNodeProperty().get() != null) {
            dock.getSelectionModel().select(outputsTab);
          }
        });

    centre.getChildren().add(canvas);
    SplitPane vertical = new SplitPane(centre, dock);
    vertical.setOrientation(Orientation.VERTICAL);
    vertical.setDividerPositions(0.72);
    SplitPane.setResizableWithParent(dock, false);
    SplitPane horizontal = new SplitPane(palette, vertical, inspector);
    horizontal.setDividerPositions(0.17, 0.77);
    SplitPane.setResizableWithParent(palette, false);
    SplitPane.setResizableWithParent(inspector, false);

    VBox top = new VBox(menus(), toolbar());
    setTop(top);
    VBox middle = new VBox(recoveryBars, horizontal);
    VBox.setVgrow(horizontal, Priority.ALWAYS);
    setCenter(middle);
    setBottom(statusBar());

    vm.welcomeVisibleProperty().addListener((o, a, b) -> showWelcome(b));
    showWelcome(vm.welcomeVisibleProperty().get());
    vm.recoverable().addListener((ListChangeListener<Recovery.Entry>) c -> updateRecovery());
    updateRecovery();
    vm.settingsProperty().addListener((o, a, b) -> restyle(b));
    sceneProperty()
        .addListener((o, a, b) -> {
          if (b != null) {
            restyle(vm.settings());
          }
        });
  }

  public GraphCanvasView canvas() {
    return canvas;
  }

  private void restyle(StudioSettings s) {
    if (getScene() != null) {
      Themes.apply(getScene(), s);
    }
    Themes.paintCanvas(canvas, s.theme());
    double old = vm.canvas().baseScaleProperty().get();
    if (old != s.scale()) {
      vm.canvas().baseScaleProperty().set(s.scale());
      vm.canvas()
          .zoomAbout(
              s.scale() / old,
              vm.canvas().viewWidthProperty().get() / 2,
              vm.canvas().viewHeightProperty().get() / 2);
    }
    palette.setMinWidth(180 * s.scale());
    inspectorView.setMinWidth(240 * s.scale());
  }

  private void showWelcome(boolean show) {
    if (show && welcome == null) {
      welcome = new WelcomeView(vm, this::openDialog);
      centre.getChildren().add(welcome);
    } else if (!show && welcome != null) {
      centre.getChildren().remove(welcome);
      welcome = null;
      canvas.requestFocus();
    }
  }

  private void updateRecovery() {
    recoveryBars.getChildren().clear();
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());
    for (Recovery.Entry e : vm.recoverable()) {
      Label text =
          new Label(
              "Weft did not close cleanly. Restore the pipeline "
                  + e.original().map(p -> p.getFileName().toString()).orElse("(never saved)")
                  + " from "
                  + f.format(e.savedAt())
                  + "?");
      Button restore = new Button("Restore", new FontIcon(Material2AL.HISTORY));
      restore.setOnAction(a -> {
        if (confirmDiscard()) {
          vm.restore(e);
        }
      });
      Button discard = new Button("Discard");
      discard.setOnAction(a -> vm.discardRecovery(e));
      Region spacer = new Region();
      HBox.setHgrow(spacer, Priority.ALWAYS);
      HBox bar = new HBox(10, new FontIcon(Material2MZ.WARNING), text, spacer, restore, discard);
      bar.setAlignment(Pos.CENTER_LEFT);
      bar.getStyleClass().add("recovery-bar");
      bar.setId("recovery-bar");
      recoveryBars.getChildren().add(bar);
    }
  }

  // ------------------------------------------------------------------ menus and toolbar

  private MenuBar menus() {
    MenuItem newItem = item("New", Material2AL.INSERT_DRIVE_FILE, "Shortcut+N", this::newDocument);
    MenuItem open = item("Open…", Material2AL.FOLDER_OPEN, "Shortcut+O", this::openDialog);
    Menu recent = new Menu("Open recent");
    Runnable fillRecent =
        () -> {
          recent.getItems().clear();
          for (String f : vm.settings().recentFiles()) {
            MenuItem m = new MenuItem(f);
            m.setOnAction(e -> {
              if (confirmDiscard()) {
                vm.open(Path.of(f));
              }
            });
            recent.getItems().add(m);
          }
          recent.setDisable(recent.getItems().isEmpty());
        };
    fillRecent.run();
    vm.settingsProperty().addListener((o, a, b) -> fillRecent.run());
    MenuItem save = item("Save", Material2MZ.SAVE, "Shortcut+S", this::save);
    MenuItem saveAs = item("Save as…", null, "Shortcut+Shift+S", this::saveAs);
    MenuItem settings =
        item("Settings…", Material2MZ.SETTINGS, "Shortcut+Comma", this::showSettings);
    MenuItem quit =
        item(
            "Quit",
            null,
            "Shortcut+Q",
            () -> {
              Window w = getScene().getWindow();
              w.fireEvent(
                  new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            });
    Menu file =
        new Menu(
            "File",
            null,
            newItem,
            open,
            recent,
            new SeparatorMenuItem(),
            save,
            saveAs,
            new SeparatorMenuItem(),
            settings,
            new SeparatorMenuItem(),
            quit);

    MenuItem undo = item("Undo", Material2MZ.UNDO, "Shortcut+Z", vm.document()::undo);
    undo.disableProperty().bind(vm.document().history().canUndoProperty().not());
    undo.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.document().history().canUndoProperty().get()
                        ? "Undo " + vm.document().history().undoDescriptionProperty().get()
                        : "Undo",
                vm.document().history().undoDescriptionProperty(),
                vm.document().history().canUndoProperty()));
    MenuItem redo = item("Redo", Material2MZ.REDO, "Shortcut+Shift+Z", vm.document()::redo);
    redo.disableProperty().bind(vm.document().history().canRedoProperty().not());
    redo.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.document().history().canRedoProperty().get()
                        ? "Redo " + vm.document().history().redoDescriptionProperty().get()
                        : "Redo",
                vm.document().history().redoDescriptionProperty(),
                vm.document().history().canRedoProperty()));
    MenuItem redoY = item("Redo", null, "Shortcut+Y", vm.document()::redo);
    redoY.setVisible(false);
    MenuItem cut = item("Cut", Material2AL.CONTENT_CUT, "Shortcut+X", canvas::cut);
    MenuItem copy = item("Copy", Material2AL.CONTENT_COPY, "Shortcut+C", canvas::copy);
    MenuItem paste = item("Paste", Material2AL.CONTENT_PASTE, "Shortcut+V", canvas::paste);
    MenuItem duplicate = item("Duplicate", null, "Shortcut+D", vm.document()::duplicateSelection);
    MenuItem delete =
        item("Delete", Material2AL.DELETE_OUTLINE, "Delete", vm.document()::deleteSelection);
    MenuItem all = item("Select all", null, "Shortcut+A", vm.document()::selectAll);
    MenuItem group = item("Group", null, "Shortcut+G", () -> vm.document().groupSelection("Group"));
    MenuItem ungroup =
        item(
            "Ungroup",
            null,
            "Shortcut+Shift+G",
            () -> {
              for (String id : vm.document().selection().groups()) {
                vm.document().ungroup(id);
                return;
              }
            });
    MenuItem find = item("Find node type", Material2MZ.SEARCH, "Shortcut+F", palette::focusSearch);
    Menu edit =
        new Menu(
            "Edit",
            null,
            undo,
            redo,
            redoY,
            new SeparatorMenuItem(),
            cut,
            copy,
            paste,
            duplicate,
            delete,
            all,
            new SeparatorMenuItem(),
            group,
            ungroup,
            new SeparatorMenuItem(),
            find);

    MenuItem fit = item("Fit pipeline", Material2MZ.ZOOM_OUT_MAP, null, vm.canvas()::fitToView);
    MenuItem zoomSel =
        item("Zoom to selection", Material2MZ.ZOOM_IN, null, vm.canvas()::zoomToSelection);
    MenuItem actual = item("Zoom 100 %", null, null, vm.canvas()::resetZoom);
    CheckMenuItem minimap = new CheckMenuItem("Minimap");
    minimap.selectedProperty().bindBidirectional(vm.canvas().minimapVisibleProperty());
    minimap
        .selectedProperty()
        .addListener((o, a, b) -> {
          if (vm.settings().minimap() != b) {
            vm.updateSettings(vm.settings().withMinimap(b));
          }
        });
    CheckMenuItem snap = new CheckMenuItem("Snap to grid");
    snap.selectedProperty().bindBidirectional(vm.canvas().snapToGridProperty());
    MenuItem theme =
        item(
            "Switch light / dark",
            Material2AL.BRIGHTNESS_MEDIUM,
            null,
            () ->
                vm.updateSettings(
                    vm.settings()
                        .withTheme(
                            vm.settings().theme() == StudioSettings.Theme.DARK
                                ? StudioSettings.Theme.LIGHT
                                : StudioSettings.Theme.DARK)));
    MenuItem shortcuts =
        item(
            "Shortcuts",
            Material2AL.KEYBOARD,
            "F1",
            () ->
                vm.canvas()
                    .shortcutsVisibleProperty()
                    .set(!vm.canvas().shortcutsVisibleProperty().get()));
    Menu view =
        new Menu(
            "View",
            null,
            fit,
            zoomSel,
            actual,
            new SeparatorMenuItem(),
            minimap,
            snap,
            new SeparatorMenuItem(),
            theme,
            shortcuts);

    MenuItem run = item("Run", Material2MZ.PLAY_ARROW, "Shortcut+Enter", () -> vm.run(false));
    MenuItem runTo = item("Run up to selected", null, "Shortcut+Shift+Enter", () -> vm.run(true));
    MenuItem stop = item("Stop", Material2MZ.STOP, "Shortcut+Period", vm::stop);
    run.disableProperty().bind(vm.run().runningProperty());
    runTo.disableProperty().bind(vm.run().runningProperty());
    stop.disableProperty().bind(vm.run().runningProperty().not());
    MenuItem modelsItem = item("Models…", Material2MZ.STORAGE, null, this::showModels);
    Menu runMenu = new Menu("Run", null, run, runTo, stop, new SeparatorMenuItem(), modelsItem);

    MenuItem welcomeItem =
        item(
            "Welcome and examples",
            Material2MZ.SCHOOL,
            null,
            () -> vm.welcomeVisibleProperty().set(true));
    MenuItem about =
        item(
            "About Weft Studio",
            Material2AL.INFO,
            null,
            () -> {
              Alert a = new Alert(Alert.AlertType.INFORMATION);
              a.initOwner(getScene().getWindow());
              a.setTitle("About");
              a.setHeaderText("Weft Studio " + dev.weft.pipelines.WeftVersion.get());
              a.setContentText(
                  "Multimodal AI pipelines on a node graph.\nJava "
                      + Runtime.version()
                      + ", JavaFX "
                      + System.getProperty("javafx.runtime.version", "?"));
              a.showAndWait();
            });
    Menu help = new Menu("Help", null, welcomeItem, shortcuts(vm), about);
    MenuBar bar = new MenuBar(file, edit, view, runMenu, help);
    bar.setId("menu-bar");
    return bar;
  }

  private MenuItem shortcuts(StudioViewModel vm) {
    return item(
        "Keyboard shortcuts",
        Material2AL.KEYBOARD,
        null,
        () -> vm.canvas().shortcutsVisibleProperty().set(true));
  }

  private static MenuItem item(
      String text, org.kordamp.ikonli.Ikon icon, String accelerator, Runnable action) {
    MenuItem m = new MenuItem(text);
    if (icon != null) {
      m.setGraphic(new FontIcon(icon));
    }
    if (accelerator != null) {
      m.setAccelerator(KeyCombination.keyCombination(accelerator));
    }
    m.setOnAction(e -> action.run());
    return m;
  }

  private ToolBar toolbar() {
    Button newB =
        tool(
            "toolbar-new",
            Material2AL.INSERT_DRIVE_FILE,
            "New pipeline (Ctrl+N)",
            this::newDocument);
    Button open =
        tool("toolbar-open", Material2AL.FOLDER_OPEN, "Open a pipeline (Ctrl+O)", this::openDialog);
    Button save = tool("toolbar-save", Material2MZ.SAVE, "Save (Ctrl+S)", this::save);
    Button undo = tool("toolbar-undo", Material2MZ.UNDO, "Undo (Ctrl+Z)", vm.document()::undo);
    undo.disableProperty().bind(vm.document().history().canUndoProperty().not());
    Button redo =
        tool("toolbar-redo", Material2MZ.REDO, "Redo (Ctrl+Shift+Z)", vm.document()::redo);
    redo.disableProperty().bind(vm.document().history().canRedoProperty().not());
    Button run = new Button("Run", new FontIcon(Material2MZ.PLAY_ARROW));
    run.setId("toolbar-run");
    run.getStyleClass().add("accent");
    run.setTooltip(new Tooltip("Run the pipeline (Ctrl+Enter)"));
    run.setOnAction(e -> vm.run(false));
    run.disableProperty().bind(vm.run().runningProperty());
    Button runTo =
        tool(
            "toolbar-run-to",
            Material2MZ.SKIP_NEXT,
            "Run up to the selected node (Ctrl+Shift+Enter)",
            () -> vm.run(true));
    runTo
        .disableProperty()
        .bind(vm.run().runningProperty().or(Bindings.isEmpty(vm.document().selection().nodes())));
    Button stop = new Button("Stop", new FontIcon(Material2MZ.STOP));
    stop.setId("toolbar-stop");
    stop.getStyleClass().add("danger");
    stop.setTooltip(new Tooltip("Stop the run"));
    stop.setOnAction(e -> vm.stop());
    stop.disableProperty().bind(vm.run().runningProperty().not());

    ToggleGroup modes = new ToggleGroup();
    HBox modeBox = new HBox();
    modeBox.getStyleClass().add("segmented");
    for (RunMode m : RunMode.values()) {
      ToggleButton t = new ToggleButton(m.label());
      t.setId("mode-" + m.id());
      t.setToggleGroup(modes);
      t.setUserData(m);
      t.setTooltip(new Tooltip(m.help()));
      t.getStyleClass()
          .add(
              m == RunMode.AUTO
                  ? "left-pill"
                  : m == RunMode.OFFLINE ? "right-pill" : "center-pill");
      modeBox.getChildren().add(t);
    }
    Runnable syncMode =
        () ->
            modes
                .getToggles()
                .forEach(t -> t.setSelected(t.getUserData() == vm.runModeProperty().get()));
    syncMode.run();
    vm.runModeProperty().addListener((o, a, b) -> syncMode.run());
    modes
        .selectedToggleProperty()
        .addListener((o, a, b) -> {
          if (b == null) {
            syncMode.run();
          } else if (b.getUserData() != vm.runModeProperty().get()) {
            vm.setRunMode((RunMode) b.getUserData());
          }
        });
    Button fit =
        tool(
            "toolbar-fit",
            Material2MZ.ZOOM_OUT_MAP,
            "Fit the pipeline in view (F)",
            vm.canvas()::fitToView);
    ToggleButton minimap = new ToggleButton(null, new FontIcon(Material2MZ.MAP));
    minimap.setTooltip(new Tooltip("Minimap (M)"));
    minimap.selectedProperty().bindBidirectional(vm.canvas().minimapVisibleProperty());
    Button modelsB = new Button("Models", new FontIcon(Material2MZ.STORAGE));
    modelsB.setId("toolbar-models");
    modelsB.setTooltip(new Tooltip("Download and manage models"));
    modelsB.setOnAction(e -> showModels());
    Button settings =
        tool("toolbar-settings", Material2MZ.SETTINGS, "Settings", this::showSettings);
    Button helpB =
        tool(
            "toolbar-help",
            Material2AL.HELP_OUTLINE,
            "Shortcuts (F1)",
            () ->
                vm.canvas()
                    .shortcutsVisibleProperty()
                    .set(!vm.canvas().shortcutsVisibleProperty().get()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label title = new Label();
    title.setId("document-title");
    title.textProperty().bind(vm.document().displayNameProperty());
    title.getStyleClass().add("text-bold");
    ToolBar bar =
        new ToolBar(
            newB,
            open,
            save,
            new javafx.scene.control.Separator(),
            undo,
            redo,
            new javafx.scene.control.Separator(),
            run,
            runTo,
            stop,
            new javafx.scene.control.Separator(),
            modeBox,
            new javafx.scene.control.Separator(),
            fit,
            minimap,
            spacer,
            title,
            spacer(),
            modelsB,
            settings,
            helpB);
    bar.setId("toolbar");
    return bar;
  }

  private static Region spacer() {
    Region r = new Region();
    r.setMinWidth(16);
    return r;
  }

  private static Button tool(String id, org.kordamp.ikonli.Ikon icon, String tip, Runnable action) {
    Button b = new Button(null, new FontIcon(icon));
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    return b;
  }

  private Node statusBar() {
    Label message = new Label();
    message.setId("status-message");
    message.textProperty().bind(vm.messageProperty());
    Label errors = new Label();
    errors
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  int n = vm.problems().errorCountProperty().get();
                  return n == 0 ? "no problems" : n == 1 ? "1 problem" : n + " problems";
                },
                vm.problems().errorCountProperty()));
    errors.setOnMouseClicked(e -> dock.getSelectionModel().select(problemsTab));
    Label run = new Label();
    run.textProperty().bind(vm.run().statusProperty());
    Label counts = new Label();
    counts
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> vm.document().graph().nodes().size() + " nodes",
                vm.document().graphProperty()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(18, message, spacer, run, errors, counts);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  // ------------------------------------------------------------------ actions

  private void addFromPalette(String typeId) {
    var c = vm.canvas();
    var centre = c.toWorld(c.viewWidthProperty().get() / 2, c.viewHeightProperty().get() / 2);
    vm.document().addNode(typeId, new Position(c.snap(centre.x() - 110), c.snap(centre.y() - 40)));
    vm.dismissWelcome();
    canvas.requestFocus();
  }

  private void acceptPaletteDrops() {
    canvas.addEventFilter(
        javafx.scene.input.DragEvent.DRAG_OVER,
        e -> {
          if (e.getDragboard().hasContent(PaletteView.NODE_TYPE)) {
            e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            e.consume();
          }
        });
    canvas.addEventFilter(
        javafx.scene.input.DragEvent.DRAG_DROPPED,
        e -> {
          if (e.getDragboard().hasContent(PaletteView.NODE_TYPE)) {
            String type = (String) e.getDragboard().getContent(PaletteView.NODE_TYPE);
            var w = vm.canvas().toWorld(e.getX(), e.getY());
            vm.document()
                .addNode(
                    type, new Position(vm.canvas().snap(w.x() - 20), vm.canvas().snap(w.y() - 15)));
            vm.dismissWelcome();
            e.setDropCompleted(true);
            e.consume();
            canvas.requestFocus();
          }
        });
  }

  private void newDocument() {
    if (confirmDiscard()) {
      vm.newDocument();
      vm.dismissWelcome();
    }
  }

  void openDialog() {
    if (!confirmDiscard()) {
      return;
    }
    FileChooser c = new FileChooser();
    c.setTitle("Open a pipeline");
    c.getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("Weft pipelines", "*" + PipelineFormat.EXTENSION),
            new FileChooser.ExtensionFilter("Images and videos made by Weft", "*.png", "*.mp4"),
            new FileChooser.ExtensionFilter("All files", "*"));
    vm.document()
        .file()
        .map(Path::getParent)
        .map(Path::toFile)
        .filter(File::isDirectory)
        .ifPresent(c::setInitialDirectory);
    File f = c.showOpenDialog(getScene().getWindow());
    if (f == null) {
      return;
    }
    if (f.getName().endsWith(PipelineFormat.EXTENSION)) {
      vm.open(f.toPath());
    } else {
      vm.dropFiles(java.util.List.of(f.toPath()), new Position(0, 0));
    }
    vm.dismissWelcome();
  }

  void save() {
    Optional<java.util.concurrent.CompletableFuture<Boolean>> saving = vm.save();
    if (saving.isEmpty()) {
      saveAs();
    }
  }

  void saveAs() {
    FileChooser c = new FileChooser();
    c.setTitle("Save the pipeline");
    c.getExtensionFilters()
        .add(new FileChooser.ExtensionFilter("Weft pipelines", "*" + PipelineFormat.EXTENSION));
    String name =
        vm.document().graph().name().isBlank()
            ? "pipeline"
            : vm.document()
                .graph()
                .name()
                .replaceAll("[^A-Za-z0-9 _-]", "")
                .strip()
                .replace(' ', '-')
                .toLowerCase(java.util.Locale.ROOT);
    c.setInitialFileName((name.isBlank() ? "pipeline" : name) + PipelineFormat.EXTENSION);
    vm.document()
        .file()
        .map(Path::getParent)
        .map(Path::toFile)
        .filter(File::isDirectory)
        .ifPresent(c::setInitialDirectory);
    File f = c.showSaveDialog(getScene().getWindow());
    if (f != null) {
      vm.saveAs(f.toPath());
    }
  }

  /** Asks before throwing away unsaved edits: Save, Don't save, or Cancel. */
  public boolean confirmDiscard() {
    if (!vm.document().history().isDirty()) {
      return true;
    }
    Alert a = new Alert(Alert.AlertType.CONFIRMATION);
    if (getScene() != null) {
      a.initOwner(getScene().getWindow());
    }
    a.setTitle("Unsaved changes");
    a.setHeaderText(
        "Save the changes to " + vm.document().displayNameProperty().get().replace(" *", "") + "?");
    a.setContentText("Your changes are lost if you don't save them.");
    ButtonType saveB = new ButtonType("Save", ButtonBar.ButtonData.YES);
    ButtonType dont = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
    a.getButtonTypes().setAll(saveB, dont, ButtonType.CANCEL);
    Optional<ButtonType> r = a.showAndWait();
    if (r.isEmpty() || r.get() == ButtonType.CANCEL) {
      return false;
    }
    if (r.get() == saveB) {
      if (vm.document().file().isPresent()) {
        vm.save();
        return true;
      }
      saveAs();
      return !vm.document().history().isDirty() || vm.document().file().isPresent();
    }
    return true;
  }

  void showModels() {
    models.show(getScene().getWindow());
  }

  void showSettings() {
    SettingsDialog.show(
        getScene().getWindow(),
        vm.settings(),
        vm.threads().background(),
        vm.cloudSettings(),
        vm::updateSettings);
  }

  /** Keys that work everywhere in the window (not only on the canvas). */
  public void installKeys(Scene scene) {
    scene
        .getAccelerators()
        .put(
            new KeyCodeCombination(KeyCode.F1),
            () ->
                vm.canvas()
                    .shortcutsVisibleProperty()
                    .set(!vm.canvas().shortcutsVisibleProperty().get()));
  }
}
