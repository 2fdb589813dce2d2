package dev.weft.app.shell;

import dev.weft.pipelines.WeftVersion;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

/** The studio window: the app's name and the node-graph canvas. */
public final class StudioApp extends Application {

  public static void launchStudio(String[] args) {
    Application.launch(StudioApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    BorderPane root = new BorderPane();
    Label title = new Label("Weft Studio " + WeftVersion.get());
    title.setPadding(new Insets(6, 10, 6, 10));
    title.setTextFill(Color.web("#d8dee9"));
    root.setTop(title);
    Pane canvasHolder = new Pane();
    Canvas grid = new Canvas();
    grid.widthProperty().bind(canvasHolder.widthProperty());
    grid.heightProperty().bind(canvasHolder.heightProperty());
    grid.widthProperty().addListener((o, a, b) -> drawGrid(grid));
    grid.heightProperty().addListener((o, a, b) -> drawGrid(grid));
    canvasHolder.getChildren().add(grid);
    root.setCenter(canvasHolder);
    root.setStyle("-fx-background-color: #2e3440;");
    stage.setTitle("Weft Studio");
    stage.setScene(new Scene(root, 1280, 800));
    stage.show();
  }

  private static void drawGrid(Canvas c) {
    GraphicsContext g = c.getGraphicsContext2D();
    g.setFill(Color.web("#2e3440"));
    g.fillRect(0, 0, c.getWidth(), c.getHeight());
    g.setStroke(Color.web("#3b4252"));
    for (double x = 0; x < c.getWidth(); x += 24) {
      g.strokeLine(x + 0.5, 0, x + 0.5, c.getHeight());
    }
    for (double y = 0; y < c.getHeight(); y += 24) {
      g.strokeLine(0, y + 0.5, c.getWidth(), y + 0.5);
    }
  }
}
