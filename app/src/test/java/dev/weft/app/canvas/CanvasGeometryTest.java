package dev.weft.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.edit.EdgeKey;
import dev.weft.app.edit.Wiring;
import dev.weft.pipelines.format.Examples;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.nodes.NodeCatalog;
import org.junit.jupiter.api.Test;

class CanvasGeometryTest {
  private final CanvasGeometry geo =
      new CanvasGeometry(new Wiring(NodeCatalog.load(getClass().getClassLoader())));
  private final Graph g =
      new PipelineFormat().read(Examples.load("prompt-builder.weft.json").json(), "x").graph();

  @Test
  void findsThePortUnderAPoint() {
    var anchor =
        geo.ports(g.node("prompt").orElseThrow()).stream()
            .filter(a -> a.port().equals("subject"))
            .findFirst()
            .orElseThrow();
    assertThat(geo.portAt(g, anchor.center().x() + 2, anchor.center().y() - 2, 2))
        .map(CanvasGeometry.PortAnchor::port)
        .contains("subject");
  }

  @Test
  void aTemplateHasAnInputPerPlaceholder() {
    assertThat(geo.ports(g.node("prompt").orElseThrow()))
        .filteredOn(a -> !a.output())
        .extracting(CanvasGeometry.PortAnchor::port)
        .containsExactly("style", "subject");
  }

  @Test
  void findsAWireNearItsCurve() {
    var e = g.incoming("save", "value").getFirst();
    var pts = geo.wirePoints(g, geo.collapsedMembership(g), e);
    var mid = CanvasGeometry.bezier(CanvasGeometry.curve(pts.get(0), pts.get(1)), 0.5);
    assertThat(geo.wireAt(g, mid.x(), mid.y() + 3, 6))
        .map(CanvasGeometry.WireHit::edge)
        .contains(new EdgeKey(new PortRef("sheet", "text"), new PortRef("save", "value")));
  }

  @Test
  void aRubberBandSelectsTheNodesItTouches() {
    assertThat(geo.nodesIn(g, new Rect(0, 0, 300, 400)))
        .containsExactlyInAnyOrder("subject", "style");
  }

  @Test
  void aCollapsedGroupHidesItsNodesAndWiresInside() {
    Graph collapsed = g.withGroups(g.groups().stream().map(gr -> gr.withCollapsed(true)).toList());
    var hidden = geo.collapsedMembership(collapsed);
    assertThat(hidden).containsOnlyKeys("subject", "style");
    assertThat(geo.nodeAt(collapsed, 60, 80)).isEmpty();
    var e = collapsed.incoming("prompt", "subject").getFirst();
    Rect box = geo.collapsedBounds(collapsed, collapsed.groups().getFirst());
    assertThat(geo.outputAnchor(collapsed, hidden, e))
        .isEqualTo(new Point(box.maxX(), box.centerY()));
  }

  @Test
  void groupFramesSurroundTheirNodes() {
    Rect frame = geo.groupBounds(g, g.groups().getFirst());
    for (String id : g.groups().getFirst().nodes()) {
      Rect n = geo.nodeBounds(g.node(id).orElseThrow());
      assertThat(frame.contains(n.x(), n.y()) && frame.contains(n.maxX(), n.maxY())).isTrue();
    }
  }
}
