package dev.weft.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.edit.Wiring;
import dev.weft.pipelines.format.Examples;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.nodes.NodeCatalog;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CanvasViewModelTest {
  private DocumentViewModel doc;
  private CanvasViewModel vm;

  @BeforeEach
  void setUp() {
    Wiring wiring = new Wiring(NodeCatalog.load(getClass().getClassLoader()));
    PipelineFormat format = new PipelineFormat();
    doc = new DocumentViewModel(wiring, format);
    doc.load(format.read(Examples.load("prompt-builder.weft.json").json(), "x").graph(), null);
    vm = new CanvasViewModel(doc, new CanvasGeometry(wiring));
    vm.viewWidthProperty().set(1000);
    vm.viewHeightProperty().set(700);
  }

  @Test
  void zoomKeepsThePointUnderTheCursorInPlace() {
    vm.setViewport(1, 30, 40);
    Point before = vm.toWorld(420, 310);
    vm.zoomAbout(1.7, 420, 310);
    Point after = vm.toWorld(420, 310);
    assertThat(after.x()).isCloseTo(before.x(), within(1e-9));
    assertThat(after.y()).isCloseTo(before.y(), within(1e-9));
    assertThat(vm.zoom()).isCloseTo(1.7, within(1e-9));
  }

  @Test
  void zoomStaysWithinItsLimits() {
    vm.zoomAbout(1000, 0, 0);
    assertThat(vm.zoom()).isEqualTo(CanvasViewModel.MAX_ZOOM);
    vm.zoomAbout(1e-6, 0, 0);
    assertThat(vm.zoom()).isEqualTo(CanvasViewModel.MIN_ZOOM);
  }

  @Test
  void fitShowsTheWholeGraph() {
    vm.setViewport(3, -5000, 900);
    vm.fitToView();
    Rect graph = vm.geometry().graphBounds(doc.graph());
    Rect view = vm.visibleWorld();
    assertThat(view.x()).isLessThanOrEqualTo(graph.x());
    assertThat(view.maxX()).isGreaterThanOrEqualTo(graph.maxX());
    assertThat(view.y()).isLessThanOrEqualTo(graph.y());
    assertThat(view.maxY()).isGreaterThanOrEqualTo(graph.maxY());
  }

  @Test
  void zoomToSelectionCentresTheSelectedNode() {
    doc.selection().selectNodes(Set.of("save"));
    vm.zoomToSelection();
    Rect box = vm.geometry().nodeBounds(doc.graph().node("save").orElseThrow());
    Point centre = vm.toWorld(500, 350);
    assertThat(centre.x()).isCloseTo(box.centerX(), within(1e-6));
    assertThat(centre.y()).isCloseTo(box.centerY(), within(1e-6));
  }

  @Test
  void snappingRoundsToTheGrid() {
    assertThat(vm.snap(29)).isEqualTo(20);
    vm.snapToGridProperty().set(false);
    assertThat(vm.snap(29)).isEqualTo(29);
  }

  @Test
  void draggingFromAnOutputLightsOnlyCompatibleInputs() {
    CanvasViewModel.WireDrag d =
        vm.beginWire(new CanvasViewModel.PortKey("negative", "text", true));
    assertThat(d.compatible())
        .contains(new CanvasViewModel.PortKey("prompt", "style", false))
        .contains(new CanvasViewModel.PortKey("save", "value", false))
        .doesNotContain(new CanvasViewModel.PortKey("sheet", "texts", false))
        .allMatch(k -> !k.output());
  }

  @Test
  void aWireMayNotEndWhereItWouldMakeALoop() {
    CanvasViewModel.WireDrag d = vm.beginWire(new CanvasViewModel.PortKey("sheet", "text", true));
    assertThat(d.compatible())
        .doesNotContain(new CanvasViewModel.PortKey("prompt", "style", false));
  }

  @Test
  void pressingAConnectedInputPicksUpItsWire() {
    CanvasViewModel.WireDrag d =
        vm.beginWire(new CanvasViewModel.PortKey("prompt", "style", false));
    assertThat(d.source()).isEqualTo(new CanvasViewModel.PortKey("style", "text", true));
    assertThat(d.detached()).isPresent();
  }

  @Test
  void droppingAPickedUpWireOnEmptyCanvasRemovesIt() {
    vm.beginWire(new CanvasViewModel.PortKey("prompt", "style", false));
    assertThat(vm.dropWireOnEmpty()).isEmpty();
    assertThat(doc.graph().incoming("prompt", "style")).isEmpty();
  }

  @Test
  void droppingAPickedUpWireOnAnotherInputMovesIt() {
    vm.beginWire(new CanvasViewModel.PortKey("prompt", "style", false));
    assertThat(vm.dropWireOn(new CanvasViewModel.PortKey("save", "value", false))).isEmpty();
    assertThat(doc.graph().incoming("save", "value"))
        .extracting(e -> e.from())
        .containsExactly(new PortRef("style", "text"));
    assertThat(doc.graph().incoming("prompt", "style")).isEmpty();
  }

  @Test
  void aNewWireDroppedOnEmptyCanvasAsksForANode() {
    vm.beginWire(new CanvasViewModel.PortKey("negative", "text", true));
    assertThat(vm.dropWireOnEmpty()).isPresent();
    assertThat(vm.wireDragProperty().get()).isNull();
  }
}
