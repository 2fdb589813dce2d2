package dev.weft.pipelines.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Group;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.graph.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineFormatTest {
  private final PipelineFormat format = new PipelineFormat();

  static List<String> examples() {
    return Examples.names();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleRoundTripsToAnEqualGraphAndIdenticalText(String name) {
    String json = Examples.load(name).json();
    ParsedPipeline first = format.read(json, name);
    assertThat(first.problems()).isEmpty();
    String written = format.write(first.graph());
    ParsedPipeline second = format.read(written, name);
    assertThat(second.graph()).isEqualTo(first.graph());
    assertThat(format.write(second.graph())).isEqualTo(written);
  }

  @Test
  void theShippedExamplesAreWrittenInTheCanonicalForm() {
    for (var e : Examples.all()) {
      assertThat(format.write(format.read(e.json(), e.fileName()).graph()))
          .as(e.fileName())
          .isEqualTo(e.json());
    }
  }

  @Test
  void everyPartOfAGraphSurvivesARoundTrip() {
    Graph g =
        new Graph(
            "All parts",
            "with \"quotes\" and\nnew lines",
            BackendPolicy.CLOUD,
            List.of(
                new Node(
                    "a",
                    "text.literal",
                    2,
                    "Ä title",
                    Params.of(
                        Map.of(
                            "text",
                            "ünïcødé ✓",
                            "n",
                            3,
                            "f",
                            0.25,
                            "b",
                            true,
                            "l",
                            List.of(1, "two"),
                            "m",
                            Map.of("k", "v"))),
                    new Position(10.5, -3)),
                Node.of("b", "text.join")),
            List.of(
                new Edge(
                    new PortRef("a", "text"),
                    new PortRef("b", "texts"),
                    List.of(new Position(1, 2)))),
            List.of(new Group("g1", "Group", "#112233", List.of("a", "b"), true)));
    assertThat(format.read(format.write(g), "x").graph()).isEqualTo(g);
  }

  @Test
  void paramsAreWrittenInSortedOrderSoFilesDiffWell() {
    Graph g =
        Graph.of(List.of(Node.of("a", "t").withParam("zeta", 1).withParam("alpha", 2)), List.of());
    String json = format.write(g);
    assertThat(json.indexOf("\"alpha\"")).isLessThan(json.indexOf("\"zeta\""));
  }

  @Test
  void brokenJsonIsReportedWithItsLine() {
    String json = "{\n  \"format\": \"weft-pipeline\",\n  \"version\": 1\n  \"nodes\": []\n}\n";
    assertThatThrownBy(() -> format.read(json, "broken.weft.json"))
        .isInstanceOf(InvalidPipelineException.class)
        .satisfies(e -> {
          Problem p = ((InvalidPipelineException) e).problems().getFirst();
          assertThat(p.location().file()).isEqualTo("broken.weft.json");
          assertThat(p.location().line()).isEqualTo(4);
        });
  }

  @Test
  void aFileFromANewerVersionIsRefusedWithAClearMessage() {
    assertThatThrownBy(() ->
            format.read(
                "{\"format\":\"weft-pipeline\",\"version\":7,\"nodes\":[]}", "new.weft.json"))
        .isInstanceOf(InvalidPipelineException.class)
        .hasMessageContaining("newer Weft")
        .hasMessageContaining("version 7");
  }

  @Test
  void somethingThatIsNotAPipelineIsRefused() {
    assertThatThrownBy(() -> format.read("{\"nodes\":[]}", "x.json"))
        .hasMessageContaining("not a Weft pipeline");
    assertThatThrownBy(() -> format.read("[1,2]", "x.json")).hasMessageContaining("an array");
    assertThatThrownBy(() -> format.read("", "x.json")).hasMessageContaining("empty");
  }

  @Test
  void olderVersionsAreMigratedBeforeReading() {
    Migration renameTypes =
        new Migration() {
          @Override
          public int fromVersion() {
            return 0;
          }

          @Override
          public ObjectNode apply(ObjectNode p) {
            p.withArray("nodes").forEach(n -> ((ObjectNode) n).put("type", "text.literal"));
            p.put("version", 1);
            return p;
          }
        };
    PipelineFormat migrating = new PipelineFormat(List.of(renameTypes));
    ParsedPipeline p =
        migrating.read(
            "{\"format\":\"weft-pipeline\",\"version\":0,\"nodes\":[{\"id\":\"a\",\"type\":\"old.text\"}]}",
            "old");
    assertThat(p.graph().node("a").orElseThrow().type()).isEqualTo("text.literal");
  }

  @Test
  void anOldVersionWithoutAMigrationIsRefused() {
    assertThatThrownBy(
            () -> format.read("{\"format\":\"weft-pipeline\",\"version\":0,\"nodes\":[]}", "old"))
        .hasMessageContaining("no longer supported");
  }

  @Test
  void lesserProblemsAreCollectedWithTheirLines() {
    String json =
        """
        {
          "format": "weft-pipeline",
          "version": 1,
          "nodes": [
            {"id": "a", "type": "text.literal"},
            {"type": "text.literal"},
            {"id": "c"}
          ],
          "edges": [
            {"from": "a", "to": "c.in"}
          ],
          "colour": "red"
        }
        """;
    ParsedPipeline p = format.read(json, "p.weft.json");
    assertThat(p.graph().nodes()).extracting(Node::id).containsExactly("a");
    assertThat(p.problems())
        .extracting(Problem::code)
        .contains("format.node.id", "format.node.type", "format.edge.end", "format.unknown-field");
    Problem noId =
        p.problems().stream()
            .filter(x -> x.code().equals("format.node.id"))
            .findFirst()
            .orElseThrow();
    assertThat(noId.location().line()).isEqualTo(6);
    assertThat(p.problems())
        .allSatisfy(x -> assertThat(x.location().file()).isEqualTo("p.weft.json"));
  }

  @Test
  void writingToAFileIsAtomicAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.weft.json");
    Graph g = Graph.of(List.of(Node.of("a", "text.literal")), List.of());
    format.write(g, file);
    format.write(g.withName("second"), file);
    assertThat(format.read(file).graph().name()).isEqualTo("second");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("nope.weft.json");
    assertThatThrownBy(() -> format.read(file))
        .isInstanceOf(InvalidPipelineException.class)
        .hasMessageContaining("does not exist")
        .satisfies(e ->
            assertThat(((InvalidPipelineException) e).location().file())
                .isEqualTo(file.toString()));
  }

  @Test
  void aBinaryFileIsRefusedAsNotUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("image.weft.json");
    Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe});
    assertThatThrownBy(() -> format.read(file)).hasMessageContaining("not UTF-8");
  }
}
