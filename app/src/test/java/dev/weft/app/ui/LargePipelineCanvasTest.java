package dev.weft.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.canvas.GraphCanvasView;
import dev.weft.app.models.ModelsDialog;
import dev.weft.app.shell.MainWindowView;
import dev.weft.app.studio.StudioViewModel;
import dev.weft.app.testing.StudioFixture;
import dev.weft.app.theme.Themes;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The canvas on the benchmark's 500-node pipeline: node views are made as nodes come into view and
 * their text as the zoom shows it, and a view made late still shows what happened before it.
 */
@ExtendWith(ApplicationExtension.class)
class LargePipelineCanvasTest {
  private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
  @TempDir static Path tmp;
  private StudioFixture fixture;
  private StudioViewModel vm;
  private GraphCanvasView canvas;

  @Start
  void start(Stage stage) throws Exception {
    fixture = new StudioFixture(Files.createTempDirectory(tmp, "large"));
    vm = fixture.studio.viewModel();
    vm.welcomeVisibleProperty().set(false);
    MainWindowView view = new MainWindowView(vm, new ModelsDialog(fixture.studio.models()));
    canvas = view.canvas();
    Scene scene = new Scene(view, 1400, 900);
    Themes.apply(scene, vm.settings());
    stage.setScene(scene);
    stage.show();
  }

  @BeforeEach
  void open() throws Exception {
    Path file = fixture.root.resolve("five-hundred.weft.json");
    new PipelineFormat().write(CanvasBenchmark.fiveHundred(), file);
    assertThat(onFx(() -> vm.open(file)).get(60, TimeUnit.SECONDS)).isTrue();
    WaitForAsyncUtils.waitForFxEvents();
  }

  @AfterEach
  void stop() throws Exception {
    onFx(() -> {
      fixture.close();
      return null;
    });
  }

  private static <T> T onFx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
  }

  /** Shows the node at 100 % in the middle of the canvas. */
  private void centreOn(String id) throws Exception {
    onFx(() -> {
      Node n = vm.document().graph().node(id).orElseThrow();
      vm.canvas().setViewport(vm.canvas().baseScaleProperty().get(), 0, 0);
      vm.canvas().centerOn(n.position().x() + 100, n.position().y() + 40);
      return null;
    });
  }

  private static long titles(javafx.scene.Node nodeView) {
    return ((Parent) nodeView)
        .getChildrenUnmodifiable().stream()
            .filter(c -> c instanceof Text t && t.getStyleClass().contains("node-title"))
            .count();
  }

  @Test
  void aNodeOutOfViewGetsItsViewWhenItComesIntoView() throws Exception {
    centreOn("c0_subject");
    assertThat(onFx(() -> canvas.nodeView("c99_save"))).isEmpty();

    centreOn("c99_save");

    javafx.scene.Node v = onFx(() -> canvas.nodeView("c99_save").orElseThrow());
    assertThat(v.isVisible()).isTrue();
    assertThat(v.getParent()).isNotNull();
  }

  @Test
  void fittedFarOutNodesAreOutlinesUntilZoomingInShowsTheirText() throws Exception {
    javafx.scene.Node fitted = onFx(() -> canvas.nodeView("c55_prompt").orElseThrow());
    assertThat(titles(fitted)).isZero();

    centreOn("c55_prompt");

    javafx.scene.Node near = onFx(() -> canvas.nodeView("c55_prompt").orElseThrow());
    assertThat(near).isSameAs(fitted);
    assertThat(titles(near)).isEqualTo(1);
    assertThat(onFx(() -> canvas.portView("c55_prompt", "subject", false))).isPresent();
  }

  @Test
  void aSelectionMadeBeforeANodeHasAViewShowsOnItsView() throws Exception {
    centreOn("c0_subject");
    onFx(() -> {
      vm.document().selectAll();
      return null;
    });

    centreOn("c99_save");

    javafx.scene.Node v = onFx(() -> canvas.nodeView("c99_save").orElseThrow());
    assertThat(v.getPseudoClassStates()).contains(SELECTED);
  }

  @Test
  void nodesInACollapsedGroupGetNoViewOfTheirOwn() throws Exception {
    centreOn("c0_subject");
    onFx(() -> {
      vm.document().setGroupCollapsed("g90", true);
      return null;
    });

    centreOn("c90_subject");

    assertThat(onFx(() -> canvas.nodeView("c90_subject").filter(javafx.scene.Node::isVisible)))
        .isEmpty();
    assertThat(onFx(() -> canvas.nodeView("c90_prompt").filter(javafx.scene.Node::isVisible)))
        .isPresent();
  }

  @Test
  void nodesAreDrawnInGraphOrderWhateverOrderTheirViewsWereMadeIn() throws Exception {
    centreOn("c99_save");
    centreOn("c0_subject");
    onFx(() -> {
      vm.canvas().fitToView();
      return null;
    });

    Parent layer = onFx(() -> canvas.nodeView("c0_subject").orElseThrow().getParent());
    java.util.List<String> drawn =
        onFx(() ->
            layer.getChildrenUnmodifiable().stream()
                .map(n -> n.getId().substring("node-".length()))
                .toList());
    java.util.List<String> graphOrder =
        onFx(() ->
            vm.document().graph().nodes().stream().map(Node::id).filter(drawn::contains).toList());
    assertThat(drawn).isEqualTo(graphOrder);
  }
}
