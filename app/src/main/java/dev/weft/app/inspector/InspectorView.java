package dev.weft.app.inspector;

import atlantafx.base.controls.ToggleSwitch;
import dev.weft.app.document.DocumentViewModel;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.ParamSpec;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The inspector on the right: for the selected node a form generated from its parameter schema
 * (text fields, a multi-line prompt editor, sliders with spinners, drop-downs, seeds with randomise
 * and lock, file pickers, a model picker), each flagging an invalid value inline as one types; with
 * nothing selected, the pipeline's name and description.
 */
public final class InspectorView extends ScrollPane {
  private final InspectorViewModel vm;
  private final VBox content = new VBox(12);
  private final Runnable openModels;

  public InspectorView(InspectorViewModel vm, Runnable openModels) {
    this.vm = vm;
    this.openModels = openModels;
    setId("inspector");
    getStyleClass().addAll("inspector", "side-panel", "edge-to-edge");
    setFitToWidth(true);
    setHbarPolicy(ScrollBarPolicy.NEVER);
    content.setPadding(new Insets(4, 12, 12, 12));
    setContent(content);
    vm.fields().addListener((ListChangeListener<ParamFieldViewModel>) c -> rebuild());
    vm.nodeIdProperty().addListener((o, a, b) -> rebuild());
    vm.document()
        .graphProperty()
        .addListener((o, a, b) -> {
          if (vm.nodeIdProperty().get() == null) {
            updatePipelineCounts(b);
          }
        });
    rebuild();
  }

  private Label pipelineCounts;

  private void rebuild() {
    content.getChildren().clear();
    Label title = new Label("Inspector");
    title.getStyleClass().add("panel-title");
    title.setPadding(new Insets(8, 0, 0, 0));
    content.getChildren().add(title);
    if (vm.nodeIdProperty().get() == null) {
      buildPipeline();
      return;
    }
    NodeSpec spec = vm.specProperty().get();
    TextField name = new TextField(vm.titleProperty().get());
    name.setId("node-title-field");
    name.setPromptText(vm.nodeIdProperty().get());
    name.textProperty()
        .addListener((o, a, b) -> {
          if (!b.equals(vm.titleProperty().get())) {
            vm.rename(b);
          }
        });
    vm.titleProperty()
        .addListener((o, a, b) -> {
          if (!name.getText().equals(b)) {
            name.setText(b);
          }
        });
    name.focusedProperty()
        .addListener((o, a, b) -> {
          if (!b) {
            vm.document().endTyping();
          }
        });
    Label type =
        new Label(
            spec == null
                ? "unknown type"
                : spec.displayName() + " · " + spec.id() + " · id " + vm.nodeIdProperty().get());
    type.getStyleClass().add("node-type");
    type.setWrapText(true);
    content.getChildren().addAll(labelled("Title", name), type);
    if (spec != null && !spec.description().isBlank()) {
      Label d = new Label(spec.description());
      d.setWrapText(true);
      d.getStyleClass().add("field-help");
      content.getChildren().add(d);
    }
    if (vm.fields().isEmpty()) {
      Label none = new Label("This node has no parameters.");
      none.getStyleClass().add("field-help");
      content.getChildren().add(none);
    }
    for (ParamFieldViewModel f : vm.fields()) {
      content.getChildren().add(field(f));
    }
  }

  private void buildPipeline() {
    DocumentViewModel doc = vm.document();
    TextField name = new TextField(doc.graph().name());
    name.setId("pipeline-name-field");
    name.setPromptText("Untitled pipeline");
    name.textProperty().addListener((o, a, b) -> doc.setPipelineName(b));
    TextArea description = new TextArea(doc.graph().description());
    description.setId("pipeline-description-field");
    description.setWrapText(true);
    description.setPrefRowCount(4);
    description.textProperty().addListener((o, a, b) -> doc.setPipelineDescription(b));
    name.focusedProperty().addListener((o, a, b) -> doc.endTyping());
    description.focusedProperty().addListener((o, a, b) -> doc.endTyping());
    pipelineCounts = new Label();
    pipelineCounts.getStyleClass().add("field-help");
    updatePipelineCounts(doc.graph());
    Label tip = new Label("Select a node to edit its parameters.");
    tip.getStyleClass().add("field-help");
    tip.setWrapText(true);
    content
        .getChildren()
        .addAll(
            labelled("Pipeline", name), labelled("Description", description), pipelineCounts, tip);
  }

  private void updatePipelineCounts(Graph g) {
    if (pipelineCounts != null) {
      pipelineCounts.setText(
          g.nodes().size()
              + " nodes, "
              + g.edges().size()
              + " wires, "
              + g.groups().size()
              + " groups");
    }
  }

  private static VBox labelled(String label, Node control) {
    Label l = new Label(label);
    l.getStyleClass().add("field-label");
    return new VBox(4, l, control);
  }

  private Node field(ParamFieldViewModel f) {
    ParamSpec p = f.spec();
    Label label = new Label(p.label());
    label.getStyleClass().add("field-label");
    Button reset = new Button(null, new FontIcon(Material2MZ.SETTINGS_BACKUP_RESTORE));
    reset.getStyleClass().addAll("flat", "small");
    reset.setTooltip(
        new Tooltip("Back to the default (" + ParamFieldViewModel.format(p.defaultValue()) + ")"));
    reset.visibleProperty().bind(f.defaultProperty().not());
    reset.setOnAction(e -> f.reset());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox head = new HBox(6, label, spacer, reset);
    head.setAlignment(Pos.CENTER_LEFT);
    Label error = new Label();
    error.setId("param-error-" + p.name());
    error.getStyleClass().add("field-error");
    error.setWrapText(true);
    error.textProperty().bind(f.errorProperty());
    error.managedProperty().bind(f.errorProperty().isNotEmpty());
    error.visibleProperty().bind(f.errorProperty().isNotEmpty());
    Node control = control(f);
    VBox box = new VBox(4, head, control, error);
    if (!p.description().isBlank()) {
      Label help = new Label(p.description());
      help.getStyleClass().add("field-help");
      help.setWrapText(true);
      box.getChildren().add(help);
    }
    box.setId("param-" + p.name());
    return box;
  }

  private Node control(ParamFieldViewModel f) {
    return switch (f.spec()) {
      case ParamSpec.StringParam s -> textField(f);
      case ParamSpec.TextParam t -> promptEditor(f);
      case ParamSpec.IntParam i -> number(f, i.min(), i.max(), i.step(), true);
      case ParamSpec.FloatParam d -> number(f, d.min(), d.max(), d.step(), false);
      case ParamSpec.EnumParam e -> choice(f, e);
      case ParamSpec.BoolParam b -> toggle(f);
      case ParamSpec.SeedParam s -> seed(f);
      case ParamSpec.FileParam file -> file(f, file);
      case ParamSpec.ModelParam m -> model(f);
    };
  }

  /** Typing goes to the view model as it happens; leaving the field ends the undo step. */
  private static void bindTyping(TextInputControl input, ParamFieldViewModel f) {
    input.setText(f.textProperty().get());
    input.setId("param-input-" + f.spec().name());
    input
        .textProperty()
        .addListener((o, a, b) -> {
          if (!b.equals(f.textProperty().get())) {
            f.edit(b);
          }
        });
    f.textProperty()
        .addListener((o, a, b) -> {
          if (!input.getText().equals(b)) {
            input.setText(b);
          }
        });
    f.errorProperty()
        .addListener((o, a, b) -> input.pseudoClassStateChanged(INVALID, !b.isEmpty()));
    input
        .focusedProperty()
        .addListener((o, a, b) -> {
          if (!b) {
            f.endTyping();
          }
        });
  }

  private static final javafx.css.PseudoClass INVALID =
      javafx.css.PseudoClass.getPseudoClass("invalid");

  private static Node textField(ParamFieldViewModel f) {
    TextField t = new TextField();
    bindTyping(t, f);
    t.setOnAction(e -> f.endTyping());
    return t;
  }

  private static Node promptEditor(ParamFieldViewModel f) {
    TextArea a = new TextArea();
    a.getStyleClass().add("prompt-editor");
    a.setWrapText(true);
    a.setPrefRowCount(Math.min(10, Math.max(3, f.textProperty().get().split("\n", -1).length + 1)));
    bindTyping(a, f);
    return a;
  }

  private static Node number(
      ParamFieldViewModel f, double min, double max, double step, boolean whole) {
    Spinner<Double> spinner = new Spinner<>();
    spinner.setEditable(true);
    SpinnerValueFactory.DoubleSpinnerValueFactory factory =
        new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, value(f), step);
    factory.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Double d) {
            return d == null
                ? ""
                : ParamFieldViewModel.format(whole ? (Object) (long) Math.round(d) : (Object) d);
          }

          @Override
          public Double fromString(String s) {
            try {
              return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
              return factory.getValue();
            }
          }
        });
    spinner.setValueFactory(factory);
    spinner.setPrefWidth(120);
    spinner.setMinWidth(100);
    TextField editor = spinner.getEditor();
    editor.setId("param-input-" + f.spec().name());
    boolean[] updating = {false};
    editor
        .textProperty()
        .addListener((o, a, b) -> {
          if (!updating[0] && !b.equals(f.textProperty().get())) {
            f.edit(b);
          }
        });
    editor
        .focusedProperty()
        .addListener((o, a, b) -> {
          if (!b) {
            f.endTyping();
          }
        });
    f.errorProperty()
        .addListener((o, a, b) -> editor.pseudoClassStateChanged(INVALID, !b.isEmpty()));
    factory
        .valueProperty()
        .addListener((o, a, b) -> {
          if (!updating[0] && b != null && Math.abs(b - value(f)) > 1e-12) {
            f.set(whole ? (Object) Math.round(b) : (Object) b);
          }
        });
    Node result = spinner;
    Slider slider = null;
    if (Double.isFinite(max - min) && max > min && (max - min) / step <= 1_000_000) {
      slider = new Slider(min, max, value(f));
      slider.setId("param-slider-" + f.spec().name());
      slider.setBlockIncrement(step);
      slider.setMajorTickUnit(step);
      slider.setSnapToTicks(false);
      HBox.setHgrow(slider, Priority.ALWAYS);
      Slider s = slider;
      slider
          .valueProperty()
          .addListener((o, a, b) -> {
            if (!updating[0]) {
              double v = Math.round((b.doubleValue() - min) / step) * step + min;
              v = Math.max(min, Math.min(max, v));
              if (Math.abs(v - value(f)) > 1e-12) {
                f.set(whole ? (Object) Math.round(v) : (Object) v);
              }
            }
          });
      slider
          .valueChangingProperty()
          .addListener((o, a, b) -> {
            if (!b) {
              f.endTyping();
            }
          });
      HBox row = new HBox(8, slider, spinner);
      row.setAlignment(Pos.CENTER_LEFT);
      result = row;
      s.setOnMouseReleased(e -> f.endTyping());
    }
    Slider sl = slider;
    f.valueProperty()
        .addListener((o, a, b) -> {
          updating[0] = true;
          try {
            double v = value(f);
            if (sl != null && !sl.isValueChanging()) {
              sl.setValue(v);
            }
            if (factory.getValue() == null || Math.abs(factory.getValue() - v) > 1e-12) {
              factory.setValue(v);
            }
          } finally {
            updating[0] = false;
          }
        });
    return result;
  }

  private static double value(ParamFieldViewModel f) {
    return f.valueProperty().get() instanceof Number n ? n.doubleValue() : 0;
  }

  private static Node choice(ParamFieldViewModel f, ParamSpec.EnumParam e) {
    ComboBox<ParamSpec.EnumParam.Option> box = new ComboBox<>();
    box.setId("param-input-" + f.spec().name());
    box.getItems().setAll(e.options());
    box.setMaxWidth(Double.MAX_VALUE);
    box.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ParamSpec.EnumParam.Option o) {
            return o == null ? "" : o.label();
          }

          @Override
          public ParamSpec.EnumParam.Option fromString(String s) {
            return null;
          }
        });
    Runnable sync =
        () ->
            box.getItems().stream()
                .filter(o -> o.value().equals(f.valueProperty().get()))
                .findFirst()
                .ifPresent(box::setValue);
    sync.run();
    f.valueProperty().addListener((o, a, b) -> sync.run());
    box.valueProperty()
        .addListener((o, a, b) -> {
          if (b != null && !b.value().equals(f.valueProperty().get())) {
            f.endTyping();
            f.set(b.value());
            f.endTyping();
          }
        });
    return box;
  }

  private static Node toggle(ParamFieldViewModel f) {
    ToggleSwitch sw = new ToggleSwitch();
    sw.setId("param-input-" + f.spec().name());
    sw.setSelected(Boolean.TRUE.equals(f.valueProperty().get()));
    f.valueProperty().addListener((o, a, b) -> sw.setSelected(Boolean.TRUE.equals(b)));
    sw.selectedProperty()
        .addListener((o, a, b) -> {
          if (!b.equals(f.valueProperty().get())) {
            f.endTyping();
            f.set(b);
            f.endTyping();
          }
        });
    return sw;
  }

  private static Node seed(ParamFieldViewModel f) {
    TextField t = new TextField();
    bindTyping(t, f);
    HBox.setHgrow(t, Priority.ALWAYS);
    Button dice = new Button(null, new FontIcon(Material2MZ.SHUFFLE));
    dice.setId("param-randomise-" + f.spec().name());
    dice.setTooltip(new Tooltip("A new random seed"));
    dice.setOnAction(e -> f.randomise());
    ToggleButton lock = new ToggleButton();
    lock.setId("param-lock-" + f.spec().name());
    lock.selectedProperty().bindBidirectional(f.lockedProperty());
    Runnable look =
        () -> {
          lock.setGraphic(
              new FontIcon(lock.isSelected() ? Material2AL.LOCK : Material2AL.LOCK_OPEN));
          lock.setTooltip(
              new Tooltip(
                  lock.isSelected()
                      ? "Locked: every run uses this seed"
                      : "Unlocked: each run draws a new seed"));
        };
    look.run();
    lock.selectedProperty().addListener((o, a, b) -> look.run());
    HBox row = new HBox(6, t, dice, lock);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private static Node file(ParamFieldViewModel f, ParamSpec.FileParam spec) {
    TextField t = new TextField();
    bindTyping(t, f);
    t.setPromptText(
        spec.extensions().isEmpty() ? "a path" : "." + String.join(", .", spec.extensions()));
    HBox.setHgrow(t, Priority.ALWAYS);
    Button browse = new Button(null, new FontIcon(Material2AL.FOLDER_OPEN));
    browse.setId("param-browse-" + f.spec().name());
    browse.setTooltip(
        new Tooltip(
            spec.mode() == ParamSpec.FileParam.Mode.FOLDER ? "Choose a folder" : "Choose a file"));
    browse.setOnAction(e -> {
      var window = browse.getScene().getWindow();
      File start =
          f.resolvedFile()
              .map(p -> p.toAbsolutePath().getParent())
              .map(java.nio.file.Path::toFile)
              .filter(File::isDirectory)
              .orElse(null);
      File chosen;
      if (spec.mode() == ParamSpec.FileParam.Mode.FOLDER) {
        DirectoryChooser d = new DirectoryChooser();
        d.setTitle(spec.label());
        d.setInitialDirectory(start);
        chosen = d.showDialog(window);
      } else {
        FileChooser c = new FileChooser();
        c.setTitle(spec.label());
        c.setInitialDirectory(start);
        if (!spec.extensions().isEmpty()) {
          List<String> globs = spec.extensions().stream().map(x -> "*." + x).toList();
          c.getExtensionFilters()
              .add(
                  new FileChooser.ExtensionFilter(
                      spec.label() + " (" + String.join(", ", globs) + ")", globs));
          c.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        }
        chosen =
            spec.mode() == ParamSpec.FileParam.Mode.SAVE
                ? c.showSaveDialog(window)
                : c.showOpenDialog(window);
      }
      if (chosen != null) {
        f.chooseFile(chosen.toPath());
      }
    });
    HBox row = new HBox(6, t, browse);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  /**
   * The model picker: the catalog's models for the parameter's family and the cloud ids the
   * settings list, and editable, since a server's model name or an export folder can be typed.
   */
  private Node model(ParamFieldViewModel f) {
    ComboBox<ModelChoice> box = new ComboBox<>();
    box.setId("param-input-" + f.spec().name());
    box.setMaxWidth(Double.MAX_VALUE);
    box.setEditable(true);
    HBox.setHgrow(box, Priority.ALWAYS);
    box.getItems().setAll(f.models());
    box.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ModelChoice m) {
            return m == null ? "" : m.id();
          }

          @Override
          public ModelChoice fromString(String text) {
            String id = text == null ? "" : text.strip();
            return box.getItems().stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseGet(() -> new ModelChoice(id, id, true));
          }
        });
    box.setCellFactory(v ->
        new ListCell<>() {
          @Override
          protected void updateItem(ModelChoice m, boolean empty) {
            super.updateItem(m, empty);
            setText(empty || m == null ? null : m.toString());
          }
        });
    Object current = f.valueProperty().get();
    String id = current == null ? "" : current.toString();
    if (!id.isBlank() && box.getItems().stream().noneMatch(m -> m.id().equals(id))) {
      box.getItems().add(new ModelChoice(id, id, true));
    }
    box.getItems().stream().filter(m -> m.id().equals(id)).findFirst().ifPresent(box::setValue);
    box.setPromptText(
        f.models().isEmpty() ? "type a model name or folder" : "choose or type a model");
    box.valueProperty()
        .addListener((o, a, b) -> {
          String chosen = b == null ? "" : b.id();
          Object was = f.valueProperty().get();
          if (!chosen.equals(was == null ? "" : was.toString())) {
            f.endTyping();
            f.set(chosen);
            f.endTyping();
          }
        });
    Button manage = new Button(null, new FontIcon(Material2MZ.STORAGE));
    manage.setTooltip(new Tooltip("Manage models (download, verify, remove)"));
    manage.setOnAction(e -> openModels.run());
    HBox row = new HBox(6, box, manage);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
