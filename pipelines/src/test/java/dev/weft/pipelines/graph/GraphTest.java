package dev.weft.pipelines.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphTest {
  private final Graph g =
      Graph.of(
              List.of(Node.of("a", "t"), Node.of("b", "t"), Node.of("c", "t")),
              List.of(Edge.of("a", "out", "b", "in"), Edge.of("b", "out", "c", "in")))
          .withGroups(List.of(new Group("g", "G", null, List.of("a", "b"), false)));

  @Test
  void editsReturnANewGraphAndLeaveTheOldOneAlone() {
    Graph edited = g.updateNode("a", n -> n.withParam("x", 1));
    assertThat(edited.node("a").orElseThrow().params().get("x")).contains(1L);
    assertThat(g.node("a").orElseThrow().params().isEmpty()).isTrue();
  }

  @Test
  void removingANodeRemovesItsWiresAndGroupMembership() {
    Graph edited = g.withoutNodes(Set.of("b"));
    assertThat(edited.nodes()).extracting(Node::id).containsExactly("a", "c");
    assertThat(edited.edges()).isEmpty();
    assertThat(edited.groups().getFirst().nodes()).containsExactly("a");
  }

  @Test
  void incomingAndOutgoingFollowTheWires() {
    assertThat(g.incoming("b")).containsExactly(Edge.of("a", "out", "b", "in"));
    assertThat(g.outgoing("b")).containsExactly(Edge.of("b", "out", "c", "in"));
    assertThat(g.incoming("a")).isEmpty();
  }

  @Test
  void withNodeReplacesInPlaceKeepingOrder() {
    Graph edited = g.withNode(Node.of("b", "other"));
    assertThat(edited.nodes()).extracting(Node::type).containsExactly("t", "other", "t");
  }

  @Test
  void withoutEdgeRemovesOnlyTheMatchingWire() {
    Graph edited = g.withoutEdge(Edge.of("a", "out", "b", "in"));
    assertThat(edited.edges()).containsExactly(Edge.of("b", "out", "c", "in"));
    assertThat(g.withoutEdge(Edge.of("x", "y", "z", "w"))).isSameAs(g);
  }

  @Test
  void paramsNormaliseNumbersSoEqualValuesCompareEqual() {
    Params a = Params.of(java.util.Map.of("n", 3, "f", 2.5, "d", 4.0));
    assertThat(a.get("n")).contains(3L);
    assertThat(a.get("d")).contains(4L);
    assertThat(a.get("f")).contains(2.5);
    assertThat(a).isEqualTo(Params.of(java.util.Map.of("n", 3L, "f", 2.5, "d", 4L)));
  }
}
