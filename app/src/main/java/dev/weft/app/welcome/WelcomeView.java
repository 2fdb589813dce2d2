package dev.weft.app.welcome;

import dev.weft.app.studio.StudioViewModel;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.format.Examples;
import dev.weft.pipelines.graph.Graph;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The welcome panel shown on first start (and from Help): the example pipelines that ship with
 * Weft, one click to open each, plus New, Open and the recent files.
 */
public final class WelcomeView extends StackPane {
  public WelcomeView(StudioViewModel vm, Runnable openDialog) {
    setId("welcome");
    setPickOnBounds(true);
    setStyle("-fx-background-color: rgba(0,0,0,0.35);");
    VBox card = new VBox(14);
    card.getStyleClass().add("welcome");
    card.setPadding(new Insets(24, 28, 24, 28));
    card.setMaxSize(760, USE_PREF_SIZE);
    Label title = new Label("Welcome to Weft Studio");
    title.getStyleClass().add("welcome-title");
    Label sub =
        new Label(
            "Wire models into pipelines on a node graph and run them on this machine, or in the cloud where"
                + " local cannot serve. Start from an example:");
    sub.setWrapText(true);
    sub.setMinHeight(Region.USE_PREF_SIZE);
    Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
    close.setId("welcome-close");
    close.getStyleClass().addAll("flat", "button-circle");
    close.setOnAction(e -> vm.dismissWelcome());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox head = new HBox(title, spacer, close);
    head.setAlignment(Pos.CENTER_LEFT);
    FlowPane examples = new FlowPane(12, 12);
    examples.setPrefWrapLength(700);
    for (Examples.Example ex : Examples.all()) {
      examples.getChildren().add(card(vm, ex));
    }
    Button newButton = new Button("New pipeline", new FontIcon(Material2AL.INSERT_DRIVE_FILE));
    newButton.setOnAction(e -> {
      vm.newDocument();
      vm.dismissWelcome();
    });
    Button open = new Button("Open…", new FontIcon(Material2AL.FOLDER_OPEN));
    open.setOnAction(e -> openDialog.run());
    HBox actions = new HBox(10, newButton, open);
    VBox recent = new VBox(2);
    if (!vm.settings().recentFiles().isEmpty()) {
      Label r = new Label("Recent");
      r.getStyleClass().add("panel-title");
      recent.getChildren().add(r);
      vm.settings().recentFiles().stream()
          .limit(6)
          .forEach(f -> {
            Hyperlink link = new Hyperlink(f);
            link.setOnAction(e -> {
              vm.open(Path.of(f));
              vm.dismissWelcome();
            });
            recent.getChildren().add(link);
          });
    }
    Label tip = new Label("Press F1 on the canvas for every shortcut.");
    tip.getStyleClass().add("text-muted");
    card.getChildren().addAll(head, sub, examples, actions, recent, tip);
    getChildren().add(card);
    setOnMouseClicked(e -> {
      if (e.getTarget() == this) {
        vm.dismissWelcome();
      }
    });
  }

  /** The id of an example's card: "example-" and the file name without ".weft.json". */
  public static String cardId(String fileName) {
    String stem =
        fileName.endsWith(dev.weft.pipelines.format.PipelineFormat.EXTENSION)
            ? fileName.substring(
                0, fileName.length() - dev.weft.pipelines.format.PipelineFormat.EXTENSION.length())
            : fileName;
    return "example-" + stem.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  private static VBox card(StudioViewModel vm, Examples.Example ex) {
    String name = ex.fileName();
    String description = "";
    int nodes = 0;
    try {
      Graph g = vm.context().format().read(ex.json(), ex.fileName()).graph();
      name = g.name().isBlank() ? ex.fileName() : g.name();
      description = g.description();
      nodes = g.nodes().size();
    } catch (InvalidPipelineException e) {
      description = "cannot be read: " + e.getMessage();
    }
    Label n = new Label(name);
    n.getStyleClass().add("example-name");
    Label d = new Label(description);
    d.setWrapText(true);
    d.setMinHeight(Region.USE_PREF_SIZE);
    d.getStyleClass().add("text-muted");
    Label count = new Label(nodes + " nodes", new FontIcon(Material2AL.ACCOUNT_TREE));
    count.getStyleClass().add("text-small");
    VBox c = new VBox(6, n, d, count);
    c.getStyleClass().add("example-card");
    c.setId(cardId(ex.fileName()));
    c.setPrefWidth(330);
    c.setOnMouseClicked(e -> vm.openExample(ex.fileName()));
    return c;
  }
}
