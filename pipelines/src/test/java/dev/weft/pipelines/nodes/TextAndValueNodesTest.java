package dev.weft.pipelines.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.assets.NumberAsset;
import dev.weft.assets.TextAsset;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.testing.EngineRig;
import dev.weft.pipelines.testing.Graphs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextAndValueNodesTest {
  @TempDir Path dir;
  EngineRig rig;

  @BeforeEach
  void setUp() {
    rig = new EngineRig(dir);
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  private String text(RunResult r, String node, String port) {
    return ((TextAsset) r.node(node).orElseThrow().output(port)).text();
  }

  @Test
  void aTemplateFillsEachPlaceholderFromTheInputOfTheSameName() throws Exception {
    Graph g =
        Graphs.create()
            .node("s", "text.literal", "text", "a fox")
            .node("p", "text.literal", "text", "the moon")
            .node(
                "t",
                "text.template",
                "template",
                "{{ subject }} under {{place}}, {{subject}} again, \\{{place}}")
            .edge("s.text", "t.subject")
            .edge("p.text", "t.place")
            .build();
    RunResult r = rig.run(g);
    assertThat(text(r, "t", "text")).isEqualTo("a fox under the moon, a fox again, {{place}}");
  }

  @Test
  void joinTextsKeepsWireOrderAndUnescapesTheSeparator() throws Exception {
    Graph g =
        Graphs.create()
            .node("a", "text.literal", "text", "first")
            .node("b", "text.literal", "text", "  ")
            .node("c", "text.literal", "text", "third")
            .node("j", "text.join", "separator", "\\n-\\t")
            .edge("a.text", "j.texts")
            .edge("b.text", "j.texts")
            .edge("c.text", "j.texts")
            .build();
    assertThat(text(rig.run(g), "j", "text")).isEqualTo("first\n-\tthird");
    Graph keepBlank =
        g.updateNode("j", n -> n.withParam("skipEmpty", false).withParam("separator", "|"));
    assertThat(text(rig.run(keepBlank), "j", "text")).isEqualTo("first|  |third");
  }

  @Test
  void numbersAndSeedsOutputTheirValues() throws Exception {
    Graph g =
        Graphs.create()
            .node("n", "number.literal", "value", 2.5)
            .node("s", "number.seed", "seed", 1234)
            .build();
    RunResult r = rig.run(g);
    assertThat(((NumberAsset) r.node("n").orElseThrow().output("number")).value()).isEqualTo(2.5);
    assertThat(((NumberAsset) r.node("s").orElseThrow().output("seed")).asLong()).isEqualTo(1234);
  }

  @Test
  void saveOutputWritesTheValueUnderItsNamePatternAndReportsThePath() throws Exception {
    Graph g =
        Graphs.create()
            .node("t", "text.literal", "text", "hello file")
            .node("save", "output.save", "name", "{node}-note", "folder", "notes")
            .edge("t.text", "save.value")
            .build();
    RunResult r = rig.run(g);
    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    Path written = Path.of(text(r, "save", "path"));
    assertThat(written).isEqualTo(dir.resolve("outputs/notes/save-note.txt"));
    assertThat(java.nio.file.Files.readString(written)).isEqualTo("hello file");
  }

  @Test
  void saveOutputRefusesASubfolderThatLeavesTheOutputFolder() throws Exception {
    Graph g =
        Graphs.create()
            .node("t", "text.literal", "text", "x")
            .node("save", "output.save", "folder", "../../elsewhere")
            .edge("t.text", "save.value")
            .build();
    RunResult r = rig.run(g);
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    RunEvent.NodeFailed failed = rig.events(RunEvent.NodeFailed.class).getFirst();
    assertThat(failed.location().param()).isEqualTo("folder");
  }
}
