package dev.weft.pipelines.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pipelines.Problem;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.format.SourceMap;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
  @TempDir Path dir;
  private final Validator validator = new Validator(TestCatalog.withTestNodes(), Services.NONE);

  private List<Problem> validate(Graph g) {
    ParsedPipeline p =
        new ParsedPipeline(
            g,
            "p.weft.json",
            Optional.of(dir.resolve("p.weft.json")),
            SourceMap.EMPTY,
            Map.of(),
            List.of());
    return validator.validate(p, false);
  }

  private static Problem only(List<Problem> problems, String code) {
    List<Problem> matching = problems.stream().filter(p -> p.code().equals(code)).toList();
    assertThat(matching).as("problems with code " + code + " in " + problems).hasSize(1);
    return matching.getFirst();
  }

  @Test
  void aValidGraphHasNoProblems() {
    Graph g =
        Graphs.create().node("a", "test.echo").node("b", "test.echo").edge("a.out", "b.in").build();
    assertThat(validate(g)).isEmpty();
  }

  @Test
  void anUnknownTypeSuggestsTheClosestKnownOne() {
    Problem p =
        only(validate(Graphs.create().node("a", "text.literl").build()), "node.unknown-type");
    assertThat(p.isError()).isTrue();
    assertThat(p.location().nodeId()).isEqualTo("a");
    assertThat(p.hint()).contains("\"text.literal\"");
  }

  @Test
  void aMissingRequiredInputNamesThePortAndItsType() {
    Problem p = only(validate(Graphs.create().node("j", "text.join").build()), "input.missing");
    assertThat(p.location().nodeId()).isEqualTo("j");
    assertThat(p.location().port()).isEqualTo("texts");
    assertThat(p.message()).contains("LIST<TEXT>");
  }

  @Test
  void aWireBetweenIncompatibleTypesIsAMismatch() {
    Graph g =
        Graphs.create()
            .node("n", "number.literal")
            .node("e", "test.echo")
            .edge("n.number", "e.in")
            .build();
    Problem p = only(validate(g), "edge.type-mismatch");
    assertThat(p.message()).contains("NUMBER").contains("TEXT");
    assertThat(p.location().nodeId()).isEqualTo("e");
    assertThat(p.location().port()).isEqualTo("in");
  }

  @Test
  void aCycleIsReportedOnceWithAllItsNodes() {
    Graph g =
        Graphs.create()
            .node("a", "test.echo")
            .node("b", "test.echo")
            .node("c", "test.echo")
            .node("d", "test.echo")
            .edge("a.out", "b.in")
            .edge("b.out", "c.in")
            .edge("c.out", "a.in")
            .edge("c.out", "d.in")
            .build();
    Problem p = only(validate(g), "graph.cycle");
    assertThat(p.message()).contains("a").contains("b").contains("c").doesNotContain("d ->");
  }

  @Test
  void aNodeWiredToItselfIsACycle() {
    Graph g = Graphs.create().node("a", "test.echo").edge("a.out", "a.in").build();
    assertThat(only(validate(g), "graph.cycle").message()).contains("itself");
  }

  @Test
  void aParameterOfTheWrongTypeOrOutOfRangeIsNamed() {
    Graph g =
        Graphs.create()
            .node("a", "test.echo", "count", "three")
            .node("b", "test.echo", "count", 99)
            .node("c", "number.seed", "seed", -1)
            .build();
    List<Problem> problems =
        validate(g).stream().filter(p -> p.code().equals("param.invalid")).toList();
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0).location().param()).isEqualTo("count");
    assertThat(problems.get(0).message()).contains("whole number");
    assertThat(problems.get(1).message()).contains("between 0 and 10").contains("99");
    assertThat(problems.get(2).location().nodeId()).isEqualTo("c");
  }

  @Test
  void anEnumValueMustBeAnOption() {
    Graph g = Graphs.create().node("w", "test.wait", "lane", "moon").build();
    assertThat(only(validate(g), "param.invalid").hint()).contains("network");
  }

  @Test
  void anUnknownParameterIsAWarningThatListsTheKnownOnes() {
    Problem p =
        only(
            validate(Graphs.create().node("a", "test.echo", "sufix", "x").build()),
            "param.unknown");
    assertThat(p.isError()).isFalse();
    assertThat(p.hint()).contains("suffix");
  }

  @Test
  void aDanglingWireNamesTheMissingNode() {
    Graph g = Graphs.create().node("a", "test.echo").edge("ghost.out", "a.in").build();
    assertThat(only(validate(g), "edge.dangling").message()).contains("ghost");
  }

  @Test
  void aWireToAMissingPortListsTheRealPorts() {
    Graph g =
        Graphs.create()
            .node("a", "test.echo")
            .node("b", "test.echo")
            .edge("a.output", "b.in")
            .build();
    Problem p = only(validate(g), "edge.unknown-port");
    assertThat(p.hint()).contains("out (TEXT)");
  }

  @Test
  void duplicateIdsAreReported() {
    Graph g = Graph.of(List.of(Node.of("a", "test.echo"), Node.of("a", "test.echo")), List.of());
    assertThat(only(validate(g), "node.duplicate-id").location().nodeId()).isEqualTo("a");
  }

  @Test
  void idsWithDotsOrSpacesAreRefused() {
    assertThat(
            only(validate(Graphs.create().node("my node", "test.echo").build()), "node.bad-id")
                .isError())
        .isTrue();
  }

  @Test
  void twoWiresIntoASingleInputAreRefused() {
    Graph g =
        Graphs.create()
            .node("a", "test.echo")
            .node("b", "test.echo")
            .node("c", "test.echo")
            .edge("a.out", "c.in")
            .edge("b.out", "c.in")
            .build();
    assertThat(only(validate(g), "edge.many-into-one").location().port()).isEqualTo("in");
  }

  @Test
  void manyWiresIntoAListInputAreFine() {
    Graph g =
        Graphs.create()
            .node("a", "test.echo")
            .node("b", "test.echo")
            .node("j", "text.join")
            .edge("a.out", "j.texts")
            .edge("b.out", "j.texts")
            .build();
    assertThat(validate(g)).isEmpty();
  }

  @Test
  void aMissingFileIsAnErrorWithThePathResolvedAgainstThePipelineFolder() {
    Problem p =
        only(
            validate(Graphs.create().node("img", "image.load", "file", "pics/cat.png").build()),
            "file.missing");
    assertThat(p.message()).contains(dir.resolve("pics/cat.png").toString());
    assertThat(p.location().param()).isEqualTo("file");
  }

  @Test
  void filesOutsideThePipelineFolderGetOneWarningListingThem(@TempDir Path elsewhere)
      throws IOException {
    Path outside = Files.writeString(elsewhere.resolve("a.wav"), "x");
    Files.writeString(dir.resolve("inside.wav"), "x");
    Graph g =
        Graphs.create()
            .node("a", "audio.load", "file", outside.toString())
            .node("b", "audio.load", "file", "inside.wav")
            .build();
    Problem p = only(validate(g), "file.outside");
    assertThat(p.isError()).isFalse();
    assertThat(p.message()).contains(outside.toString()).doesNotContain("inside.wav");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Graph g =
        Graphs.create()
            .node("a", "nope")
            .node("j", "text.join")
            .node("e", "test.echo", "count", 11)
            .edge("x.out", "e.in")
            .build();
    assertThat(validate(g))
        .extracting(Problem::code)
        .contains("node.unknown-type", "input.missing", "param.invalid", "edge.dangling");
  }

  @Test
  void problemsReadFromTheFileCarryTheirLines() {
    String json =
        """
        {
          "format": "weft-pipeline",
          "version": 1,
          "nodes": [
            {"id": "a", "type": "test.echo", "params": {"count": 50}},
            {"id": "b", "type": "unknown.type"}
          ]
        }
        """;
    ParsedPipeline p = new PipelineFormat().read(json, "lines.weft.json");
    List<Problem> problems = validator.validate(p, false);
    assertThat(only(problems, "param.invalid").location().line()).isEqualTo(5);
    assertThat(only(problems, "node.unknown-type").location().line()).isEqualTo(6);
  }

  @Test
  void aTemplateGrowsAnInputPerPlaceholder() {
    Graph g =
        Graphs.create()
            .node("s", "test.echo")
            .node("t", "text.template", "template", "{{subject}} in {{place}}")
            .edge("s.out", "t.subject")
            .build();
    Problem p = only(validate(g), "input.missing");
    assertThat(p.location().port()).isEqualTo("place");
  }
}
