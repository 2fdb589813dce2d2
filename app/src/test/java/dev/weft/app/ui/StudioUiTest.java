package dev.weft.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.inspector.ModelChoice;
import dev.weft.app.models.ModelsDialog;
import dev.weft.app.run.NodeRunState;
import dev.weft.app.shell.MainWindowView;
import dev.weft.app.studio.StudioViewModel;
import dev.weft.app.testing.StudioFixture;
import dev.weft.app.theme.Themes;
import dev.weft.pipelines.format.Examples;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The studio window driven as a person would, headless on Monocle. */
@ExtendWith(ApplicationExtension.class)
class StudioUiTest {
  @TempDir static Path tmp;
  private StudioFixture fixture;
  private StudioViewModel vm;
  private MainWindowView view;

  @Start
  void start(Stage stage) throws Exception {
    fixture = new StudioFixture(Files.createTempDirectory(tmp, "studio"));
    vm = fixture.studio.viewModel();
    view = new MainWindowView(vm, new ModelsDialog(fixture.studio.models()));
    Scene scene = new Scene(view, 1400, 900);
    Themes.apply(scene, vm.settings());
    view.installKeys(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stop() throws Exception {
    onFx(() -> {
      fixture.close();
      return null;
    });
  }

  private static <T> T onFx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
  }

  private static void until(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private void openExample(FxRobot robot) throws Exception {
    robot.clickOn("#example-prompt-builder");
    until(() -> vm.document().graph().hasNode("prompt"));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void opensAnExampleFromTheWelcomePanel(FxRobot robot) throws Exception {
    openExample(robot);
    assertThat(robot.lookup("#node-prompt").tryQuery()).isPresent();
    assertThat(robot.lookup("#welcome").tryQuery()).isEmpty();
    assertThat(onFx(() -> vm.document().graph().nodes().size())).isEqualTo(6);
  }

  @Test
  void addsANodeFromThePaletteBySearch(FxRobot robot) throws Exception {
    robot.clickOn("#welcome-close");
    robot.clickOn("#palette-search").write("templ").type(KeyCode.ENTER);
    until(() ->
        vm.document().graph().nodes().stream().anyMatch(n -> n.type().equals("text.template")));
    assertThat(robot.lookup("#node-template").tryQuery()).isPresent();
  }

  @Test
  void connectsCompatiblePortsByDraggingAndRefusesIncompatibleOnes(FxRobot robot) throws Exception {
    robot.clickOn("#welcome-close");
    onFx(() -> {
      vm.document().addNode("text.literal", new Position(0, 0));
      vm.document().addNode("text.join", new Position(400, 0));
      vm.document().addNode("number.literal", new Position(0, 200));
      vm.canvas().setViewport(1, 40, 40);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    robot.drag("#port-literal-out-text").dropTo("#port-join-in-texts");
    until(() -> !vm.document().graph().incoming("join", "texts").isEmpty());
    robot.drag("#port-literal_2-out-number").dropTo("#port-join-in-texts");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(() -> vm.document().graph().incoming("join", "texts")))
        .extracting(e -> e.from().node())
        .containsExactly("literal");
    assertThat(onFx(() -> vm.messageProperty().get())).contains("NUMBER cannot go into LIST<TEXT>");
  }

  @Test
  void editsAParameterInTheInspectorThenUndoesAndRedoesIt(FxRobot robot) throws Exception {
    openExample(robot);
    robot.clickOn("#node-subject");
    until(() -> "subject".equals(vm.inspector().nodeIdProperty().get()));
    robot
        .doubleClickOn("#param-input-text")
        .press(KeyCode.CONTROL)
        .type(KeyCode.A)
        .release(KeyCode.CONTROL);
    robot.write("a red fox");
    until(() ->
        vm.document()
            .graph()
            .node("subject")
            .orElseThrow()
            .params()
            .get("text")
            .orElse("")
            .equals("a red fox"));
    robot.clickOn("#graph-canvas", javafx.scene.input.MouseButton.MIDDLE);
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    until(() ->
        vm.document()
            .graph()
            .node("subject")
            .orElseThrow()
            .params()
            .get("text")
            .orElse("")
            .equals("a lighthouse on a cliff at dusk"));
    robot
        .press(KeyCode.CONTROL, KeyCode.SHIFT)
        .type(KeyCode.Z)
        .release(KeyCode.SHIFT, KeyCode.CONTROL);
    until(() ->
        vm.document()
            .graph()
            .node("subject")
            .orElseThrow()
            .params()
            .get("text")
            .orElse("")
            .equals("a red fox"));
  }

  @Test
  void theModelPickerOffersTheConfiguredCloudModelsAndTakesATypedName(FxRobot robot)
      throws Exception {
    robot.clickOn("#example-make-video");
    until(() -> vm.document().graph().hasNode("video"));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#node-video");
    until(() -> "video".equals(vm.inspector().nodeIdProperty().get()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(
            onFx(() ->
                robot.lookup("#node-video").lookup(".node-summary").queryAll().stream()
                    .map(n -> ((javafx.scene.text.Text) n).getText())
                    .toList()))
        .as("a blank model reads as the settings' default on the node")
        .contains("Model: default");
    ComboBox<ModelChoice> box = robot.lookup("#param-input-model").queryComboBox();
    assertThat(onFx(() -> box.getItems().stream().map(ModelChoice::id).toList()))
        .contains("wan2.5-t2v-preview", "wan2.5-i2v-preview", "wan2.6-t2v");
    robot.clickOn(box.getEditor()).write("wan2.6-t2v-us").type(KeyCode.ENTER);
    until(() ->
        vm.document()
            .graph()
            .node("video")
            .orElseThrow()
            .params()
            .get("model")
            .orElse("")
            .equals("wan2.6-t2v-us"));
  }

  @Test
  void flagsAnInvalidValueInlineWithoutTouchingTheGraph(FxRobot robot) throws Exception {
    robot.clickOn("#welcome-close");
    onFx(() -> {
      vm.document().addNode("number.seed", new Position(0, 0));
      vm.canvas().setViewport(1, 40, 40);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    robot
        .doubleClickOn("#param-input-seed")
        .press(KeyCode.CONTROL)
        .type(KeyCode.A)
        .release(KeyCode.CONTROL);
    robot.write("12x");
    until(() -> !vm.inspector().field("seed").orElseThrow().errorProperty().get().isEmpty());
    assertThat(robot.lookup("#param-error-seed").queryLabeled().getText())
        .contains("not a whole number");
    // the last valid value (12) is in the graph; "12x" never reached it
    assertThat(onFx(() -> vm.document().graph().node("seed").orElseThrow().params().get("seed")))
        .contains(12L);
  }

  @Test
  void copiesAndPastesNodesThroughTheSystemClipboard(FxRobot robot) throws Exception {
    openExample(robot);
    robot.clickOn("#node-style");
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    String clip = onFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
    assertThat(clip).contains("\"format\": \"weft-pipeline\"").contains("\"id\": \"style\"");
    robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
    until(() -> vm.document().graph().hasNode("style_2"));
    assertThat(onFx(() -> vm.document().selection().nodeIds())).containsExactly("style_2");
  }

  @Test
  void savesAndReloadsToAnEqualGraph(FxRobot robot) throws Exception {
    openExample(robot);
    Path file = fixture.root.resolve("saved.weft.json");
    Graph before =
        onFx(() -> {
          vm.document().setParam("subject", "text", "edited");
          return vm.document().graph();
        });
    assertThat(onFx(() -> vm.saveAs(file)).get(20, TimeUnit.SECONDS)).isTrue();
    until(() -> !vm.document().history().isDirty());
    onFx(() -> {
      vm.newDocument();
      return null;
    });
    assertThat(onFx(() -> vm.open(file)).get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(onFx(() -> vm.document().graph())).isEqualTo(before);
    assertThat(onFx(() -> vm.document().displayNameProperty().get())).isEqualTo("saved.weft.json");
  }

  @Test
  void runsAPipelineAndEveryNodeReachesDone(FxRobot robot) throws Exception {
    openExample(robot);
    onFx(() -> {
      vm.saveAs(fixture.root.resolve("run.weft.json"));
      return null;
    });
    until(() -> vm.document().file().isPresent());
    robot.clickOn("#toolbar-run");
    until(() -> !vm.run().isRunning() && vm.run().states().size() == 6);
    Map<String, NodeRunState> states = onFx(() -> Map.copyOf(vm.run().states()));
    assertThat(states.values())
        .allSatisfy(
            s -> assertThat(s.phase()).isIn(NodeRunState.Phase.DONE, NodeRunState.Phase.CACHED));
    assertThat(robot.lookup("#node-save").queryAs(javafx.scene.Node.class).getStyleClass())
        .contains("state-done");
  }

  @Test
  void stopCancelsARunningPipeline(FxRobot robot) throws Exception {
    robot.clickOn("#welcome-close");
    onFx(() -> {
      vm.document()
          .load(
              Graph.of(
                  List.of(
                      new Node(
                          "wait",
                          "test.wait",
                          1,
                          "Wait",
                          Params.of(Map.of("millis", 120_000)),
                          Position.ORIGIN),
                      new Node(
                          "after",
                          "test.wait",
                          1,
                          "After",
                          Params.of(Map.of("millis", 10)),
                          new Position(300, 0))),
                  List.of(Edge.of("wait", "out", "after", "in"))),
              null);
      return null;
    });
    robot.clickOn("#toolbar-run");
    until(() -> vm.run().state("wait").phase() == NodeRunState.Phase.RUNNING);
    robot.clickOn("#toolbar-stop");
    until(() -> !vm.run().isRunning());
    assertThat(onFx(() -> vm.run().state("wait").phase())).isEqualTo(NodeRunState.Phase.CANCELLED);
    assertThat(onFx(() -> vm.run().statusProperty().get())).startsWith("Cancelled");
  }

  @Test
  void theShortcutCardOpensWithF1(FxRobot robot) throws Exception {
    robot.clickOn("#welcome-close");
    robot.clickOn("#graph-canvas").type(KeyCode.F1);
    until(() -> vm.canvas().shortcutsVisibleProperty().get());
    assertThat(robot.lookup("#shortcut-overlay").queryAs(javafx.scene.Node.class).isVisible())
        .isTrue();
  }

  @Test
  void theExamplesShipWithTheWelcomePanel(FxRobot robot) {
    for (String name : Examples.names()) {
      assertThat(robot.lookup("#" + dev.weft.app.welcome.WelcomeView.cardId(name)).tryQuery())
          .as(name)
          .isPresent();
    }
  }
}
