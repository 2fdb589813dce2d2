package dev.weft.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.edit.EdgeKey;
import dev.weft.app.edit.Wiring;
import dev.weft.pipelines.format.Examples;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.graph.Position;
import dev.weft.pipelines.nodes.NodeCatalog;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DocumentViewModelTest {
  private final PipelineFormat format = new PipelineFormat();
  private DocumentViewModel doc;

  @BeforeEach
  void setUp() {
    doc = new DocumentViewModel(new Wiring(NodeCatalog.load(getClass().getClassLoader())), format);
    doc.load(
        format.read(Examples.load("prompt-builder.weft.json").json(), "example").graph(), null);
  }

  private static PortRef ref(String node, String port) {
    return new PortRef(node, port);
  }

  @Test
  void addingANodeGivesItAFreshIdAndSelectsIt() {
    String id = doc.addNode("text.literal", new Position(10, 10)).orElseThrow();
    assertThat(id).isEqualTo("literal");
    assertThat(doc.addNode("text.literal", new Position(10, 10))).contains("literal_2");
    assertThat(doc.selection().nodeIds()).containsExactly("literal_2");
  }

  @Test
  void connectsAnOutputToACompatibleInput() {
    String n = doc.addNode("text.literal", new Position(0, 0)).orElseThrow();
    assertThat(doc.connect(ref(n, "text"), true, ref("sheet", "texts"))).isEmpty();
    assertThat(doc.graph().incoming("sheet", "texts")).hasSize(3);
  }

  @Test
  void connectsWhenDraggedFromTheInputSide() {
    String n = doc.addNode("text.literal", new Position(0, 0)).orElseThrow();
    assertThat(doc.connect(ref("sheet", "texts"), false, ref(n, "text"))).isEmpty();
    assertThat(doc.graph().incoming("sheet", "texts")).extracting(e -> e.from().node()).contains(n);
  }

  @Test
  void refusesAWireBetweenIncompatibleTypes() {
    String n = doc.addNode("number.literal", new Position(0, 0)).orElseThrow();
    Graph before = doc.graph();
    Optional<String> why = doc.connect(ref(n, "number"), true, ref("prompt", "style"));
    assertThat(why).hasValueSatisfying(w -> assertThat(w).contains("NUMBER cannot go into TEXT"));
    assertThat(doc.graph()).isEqualTo(before);
  }

  @Test
  void refusesAWireThatMakesALoop() {
    assertThat(doc.connect(ref("sheet", "text"), true, ref("prompt", "subject")))
        .hasValueSatisfying(w -> assertThat(w).contains("loop"));
  }

  @Test
  void aSingleInputGivesUpItsOldWire() {
    doc.connect(ref("negative", "text"), true, ref("prompt", "subject"));
    assertThat(doc.graph().incoming("prompt", "subject"))
        .extracting(e -> e.from().node())
        .containsExactly("negative");
  }

  @Test
  void undoAndRedoWalkEveryEdit() {
    Graph original = doc.graph();
    doc.addNode("text.literal", new Position(0, 0));
    doc.setParam("subject", "text", "a fox");
    doc.moveNodes(Set.of("style"), 20, 0);
    Graph edited = doc.graph();
    doc.undo();
    doc.undo();
    doc.undo();
    assertThat(doc.graph()).isEqualTo(original);
    doc.redo();
    doc.redo();
    doc.redo();
    assertThat(doc.graph()).isEqualTo(edited);
  }

  @Test
  void typingInOneFieldIsOneUndoStep() {
    doc.setParam("subject", "text", "a");
    doc.setParam("subject", "text", "a f");
    doc.setParam("subject", "text", "a fox");
    doc.undo();
    assertThat(doc.graph().node("subject").orElseThrow().params().get("text"))
        .contains("a lighthouse on a cliff at dusk");
  }

  @Test
  void editsAfterTypingEndsAreSeparateSteps() {
    doc.setParam("subject", "text", "a");
    doc.endTyping();
    doc.setParam("subject", "text", "ab");
    doc.undo();
    assertThat(doc.graph().node("subject").orElseThrow().params().get("text")).contains("a");
  }

  @Test
  void theDirtyMarkerFollowsEditsAndSaves() {
    assertThat(doc.history().isDirty()).isFalse();
    doc.setParam("subject", "text", "x");
    assertThat(doc.displayNameProperty().get()).endsWith("*");
    doc.savedAs(java.nio.file.Path.of("/tmp/x.weft.json"));
    assertThat(doc.displayNameProperty().get()).isEqualTo("x.weft.json");
  }

  @Test
  void deletingANodeRemovesItsWiresAndUndoBringsThemBack() {
    Graph before = doc.graph();
    doc.selection().selectOnly("prompt");
    doc.deleteSelection();
    assertThat(doc.graph().hasNode("prompt")).isFalse();
    assertThat(doc.graph().edges()).noneMatch(e -> e.to().node().equals("prompt"));
    doc.undo();
    assertThat(doc.graph()).isEqualTo(before);
  }

  @Test
  void deletesASelectedWire() {
    EdgeKey wire = new EdgeKey(ref("sheet", "text"), ref("save", "value"));
    doc.selection().selectEdge(wire, false);
    doc.deleteSelection();
    assertThat(doc.graph().edges()).noneMatch(wire::matches);
  }

  @Test
  void copyThenPasteAddsRenamedNodesWithTheirInnerWires() {
    doc.selection().selectNodes(Set.of("subject", "prompt"));
    String json = doc.copySelection().orElseThrow();
    assertThat(doc.paste(json, Optional.empty())).isEmpty();
    Graph g = doc.graph();
    assertThat(g.nodes()).hasSize(8);
    assertThat(doc.selection().nodeIds()).containsExactlyInAnyOrder("subject_2", "prompt_2");
    assertThat(g.incoming("prompt_2", "subject"))
        .extracting(e -> e.from().node())
        .containsExactly("subject_2");
    assertThat(g.incoming("prompt_2", "style")).isEmpty();
    Node copy = g.node("subject_2").orElseThrow();
    assertThat(copy.position()).isEqualTo(new Position(80, 100));
  }

  @Test
  void pasteAtAPointPutsTheTopLeftThere() {
    doc.selection().selectNodes(Set.of("style"));
    String json = doc.copySelection().orElseThrow();
    doc.paste(json, Optional.of(new Position(500, 500)));
    assertThat(doc.graph().node("style_2").orElseThrow().position())
        .isEqualTo(new Position(500, 500));
  }

  @Test
  void pastingTextThatIsNoPipelineSaysSoAndChangesNothing() {
    Graph before = doc.graph();
    assertThat(doc.paste("hello", Optional.empty()))
        .hasValueSatisfying(w -> assertThat(w).contains("no pipeline"));
    assertThat(doc.graph()).isEqualTo(before);
  }

  @Test
  void cutRemovesWhatItCopies() {
    doc.selection().selectNodes(Set.of("negative"));
    assertThat(doc.cutSelection()).isPresent();
    assertThat(doc.graph().hasNode("negative")).isFalse();
  }

  @Test
  void duplicateCopiesTheSelectionBesideIt() {
    doc.selection().selectNodes(Set.of("style"));
    doc.duplicateSelection();
    assertThat(doc.graph().node("style_2").orElseThrow().position())
        .isEqualTo(new Position(80, 260));
  }

  @Test
  void aGroupHoldsTheSelectedNodesAndCollapses() {
    doc.selection().selectNodes(Set.of("prompt", "negative"));
    String id = doc.groupSelection("Prompt").orElseThrow();
    assertThat(doc.group(id).orElseThrow().nodes()).containsExactly("prompt", "negative");
    doc.setGroupCollapsed(id, true);
    assertThat(doc.group(id).orElseThrow().collapsed()).isTrue();
    doc.undo();
    assertThat(doc.group(id).orElseThrow().collapsed()).isFalse();
  }

  @Test
  void groupingTakesNodesOutOfTheirOldGroup() {
    doc.selection().selectNodes(Set.of("subject"));
    doc.groupSelection("Just subject");
    assertThat(doc.group("inputs").orElseThrow().nodes()).containsExactly("style");
  }

  @Test
  void movingNodesCarriesReroutePointsBetweenThem() {
    EdgeKey wire = new EdgeKey(ref("subject", "text"), ref("prompt", "subject"));
    doc.addReroute(wire, 0, new Position(300, 80));
    doc.moveNodes(Set.of("subject", "prompt"), 10, 5);
    Edge e = doc.edge(wire).orElseThrow();
    assertThat(e.via()).containsExactly(new Position(310, 85));
  }

  @Test
  void reroutePointsMoveAndGo() {
    EdgeKey wire = new EdgeKey(ref("sheet", "text"), ref("save", "value"));
    doc.addReroute(wire, 0, new Position(800, 300));
    doc.moveReroute(wire, 0, new Position(810, 320));
    assertThat(doc.edge(wire).orElseThrow().via()).containsExactly(new Position(810, 320));
    doc.removeReroute(wire, 0);
    assertThat(doc.edge(wire).orElseThrow().via()).isEmpty();
  }

  @Test
  void reconnectMovesAWireEndToAnotherPort() {
    EdgeKey wire = new EdgeKey(ref("style", "text"), ref("prompt", "style"));
    assertThat(doc.reconnect(wire, ref("negative", "text"), ref("prompt", "style"))).isEmpty();
    assertThat(doc.graph().incoming("prompt", "style"))
        .extracting(e -> e.from().node())
        .containsExactly("negative");
  }

  @Test
  void aWireDroppedOnEmptyCanvasConnectsTheChosenNode() {
    String id =
        doc.addNodeConnected("output.save", new Position(900, 400), ref("negative", "text"), true)
            .orElseThrow();
    assertThat(doc.graph().incoming(id, "value"))
        .extracting(e -> e.from().node())
        .containsExactly("negative");
    doc.undo();
    assertThat(doc.graph().hasNode(id)).isFalse();
  }

  @Test
  void selectAllTakesEveryNode() {
    doc.selectAll();
    assertThat(doc.selection().nodeIds()).hasSize(6);
  }

  @Test
  void undoDeselectsNodesThatDisappear() {
    String id = doc.addNode("text.literal", new Position(0, 0)).orElseThrow();
    doc.undo();
    assertThat(doc.selection().nodeIds()).doesNotContain(id);
  }

  @Test
  void twoHundredEditsAllUndoBackToTheStart() {
    Graph original = doc.graph();
    for (int i = 0; i < 100; i++) {
      doc.moveNodes(Set.of("style"), 20, 0);
      doc.setParam("subject", "text", "take " + i);
      doc.endTyping();
    }
    assertThat(doc.history().undoDepth()).isEqualTo(200);
    for (int i = 0; i < 200; i++) {
      doc.undo();
    }
    assertThat(doc.graph()).isEqualTo(original);
    assertThat(doc.history().isDirty()).isFalse();
  }
}
