package dev.weft.app.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.document.DocumentViewModel;
import dev.weft.app.document.SeedLocks;
import dev.weft.app.edit.Wiring;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.Position;
import dev.weft.pipelines.nodes.NodeCatalog;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParamFieldViewModelTest {
  private DocumentViewModel doc;
  private InspectorViewModel inspector;

  @BeforeEach
  void setUp() {
    doc =
        new DocumentViewModel(
            new Wiring(NodeCatalog.load(getClass().getClassLoader())), new PipelineFormat());
    inspector = new InspectorViewModel(doc, new SeedLocks(new Random(1)), ModelChoices.NONE);
  }

  @Test
  void aFieldIsMadeForEveryParameterOfTheSelectedNode() {
    doc.addNode("output.save", new Position(0, 0));
    assertThat(inspector.fields()).extracting(f -> f.spec().name()).contains("name");
  }

  @Test
  void nothingSelectedShowsThePipeline() {
    doc.addNode("text.literal", new Position(0, 0));
    doc.selection().clear();
    assertThat(inspector.nodeIdProperty().get()).isNull();
    assertThat(inspector.fields()).isEmpty();
  }

  @Test
  void aValidValueGoesToTheGraph() {
    String id = doc.addNode("number.literal", new Position(0, 0)).orElseThrow();
    inspector.fields().getFirst().edit("2.5");
    assertThat(
            doc.graph()
                .node(id)
                .orElseThrow()
                .params()
                .get(inspector.fields().getFirst().spec().name()))
        .contains(2.5);
  }

  @Test
  void anInvalidValueIsFlaggedAndKeptOutOfTheGraph() {
    String id = doc.addNode("number.seed", new Position(0, 0)).orElseThrow();
    ParamFieldViewModel seed = inspector.field("seed").orElseThrow();
    seed.edit("-5");
    assertThat(seed.errorProperty().get()).contains("between 0 and");
    seed.edit("abc");
    assertThat(seed.errorProperty().get()).contains("not a whole number");
    assertThat(doc.graph().node(id).orElseThrow().params().has("seed")).isFalse();
  }

  @Test
  void undoShowsTheOldValueInTheField() {
    doc.addNode("text.literal", new Position(0, 0));
    ParamFieldViewModel text = inspector.field("text").orElseThrow();
    text.edit("hello");
    text.endTyping();
    doc.undo();
    assertThat(text.textProperty().get()).isEmpty();
    assertThat(text.defaultProperty().get()).isTrue();
  }

  @Test
  void randomiseDrawsASeedInRange() {
    doc.addNode("number.seed", new Position(0, 0));
    ParamFieldViewModel seed = inspector.field("seed").orElseThrow();
    seed.randomise();
    assertThat((Long) seed.valueProperty().get()).isBetween(0L, (long) Integer.MAX_VALUE);
    assertThat(seed.errorProperty().get()).isEmpty();
  }

  @Test
  void aChosenFileInsideThePipelineFolderIsStoredRelative() {
    String id = doc.addNode("image.load", new Position(0, 0)).orElseThrow();
    doc.savedAs(Path.of("/work/project/p.weft.json"));
    inspector.field("file").orElseThrow().chooseFile(Path.of("/work/project/images/cat.png"));
    assertThat(doc.graph().node(id).orElseThrow().params().get("file")).contains("images/cat.png");
  }

  @Test
  void resetGoesBackToTheDefault() {
    String id = doc.addNode("text.literal", new Position(0, 0)).orElseThrow();
    ParamFieldViewModel text = inspector.field("text").orElseThrow();
    text.edit("x");
    text.reset();
    assertThat(doc.graph().node(id).orElseThrow().params().has("text")).isFalse();
  }
}
