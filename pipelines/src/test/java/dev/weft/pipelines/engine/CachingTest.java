package dev.weft.pipelines.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.testing.EngineRig;
import dev.weft.pipelines.testing.Graphs;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingTest {
  @TempDir Path dir;
  EngineRig rig;

  // a -> b -> c, and x -> y on the side
  private final Graph graph =
      Graphs.create()
          .node("a", "test.echo", "suffix", "A")
          .node("b", "test.echo", "suffix", "B")
          .node("c", "test.echo", "suffix", "C")
          .node("x", "test.echo", "suffix", "X")
          .node("y", "test.echo", "suffix", "Y")
          .edge("a.out", "b.in")
          .edge("b.out", "c.in")
          .edge("x.out", "y.in")
          .build();

  @BeforeEach
  void setUp() {
    rig = new EngineRig(dir);
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void aSecondRunOfAnUnchangedGraphExecutesNothing() throws Exception {
    rig.run(graph);
    assertThat(rig.log.executed()).hasSize(5);
    RunResult second = rig.run(graph);
    assertThat(rig.log.executed()).isEmpty();
    assertThat(second.count(NodeOutcome.State.CACHED)).isEqualTo(5);
    assertThat(second.node("c").orElseThrow().output("out")).isEqualTo(TextAsset.of("ABC"));
  }

  @Test
  void rerunAfterParamEditExecutesOnlyThatNodeAndWhatDependsOnIt() throws Exception {
    rig.run(graph);
    Graph edited = graph.updateNode("b", n -> n.withParam("suffix", "b2"));
    RunResult r = rig.run(edited);
    assertThat(rig.log.executed()).containsExactlyInAnyOrder("b", "c");
    assertThat(r.node("c").orElseThrow().output("out")).isEqualTo(TextAsset.of("Ab2C"));
  }

  @Test
  void aDownstreamNodeIsCachedWhenItsInputComesOutTheSame() throws Exception {
    rig.run(graph);
    // "count" does not change the echo's output, so c sees the same input and stays cached.
    Graph edited = graph.updateNode("b", n -> n.withParam("count", 2));
    rig.run(edited);
    assertThat(rig.log.executed()).containsExactly("b");
  }

  @Test
  void settingAParameterToItsDefaultKeepsTheCache() throws Exception {
    rig.run(graph);
    rig.run(graph.updateNode("a", n -> n.withParam("count", 1)));
    assertThat(rig.log.executed()).isEmpty();
  }

  @Test
  void theCacheSurvivesARestart() throws Exception {
    rig.run(graph);
    rig.restart();
    RunResult r = rig.run(graph);
    assertThat(rig.log.executed()).isEmpty();
    assertThat(r.node("y").orElseThrow().output("out")).isEqualTo(TextAsset.of("XY"));
  }

  @Test
  void resultsWhoseAssetsAnotherStoreCollectedRunAgainInsteadOfFailing() throws Exception {
    rig.run(graph);
    rig.run(graph); // the engine now remembers every output as present
    new dev.weft.assets.store.FileAssetStore(dir.resolve(".weft/store")).gc(Set.of());
    RunResult r = rig.run(graph);
    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.log.executed()).hasSize(5);
  }

  @Test
  void withoutTheCacheEveryNodeRuns() throws Exception {
    rig.run(graph);
    rig.run(graph, RunOptions.DEFAULT.withoutCache());
    assertThat(rig.log.executed()).hasSize(5);
  }

  @Test
  void clearingTheCacheMakesTheNextRunExecuteEverything() throws Exception {
    rig.run(graph);
    rig.engine().project(dir).cache().clear();
    rig.run(graph);
    assertThat(rig.log.executed()).hasSize(5);
  }

  @Test
  void runningUpToANodeRunsOnlyItAndItsAncestors() throws Exception {
    RunResult r = rig.run(graph, RunOptions.DEFAULT.upTo(Set.of("b")));
    assertThat(rig.log.executed()).containsExactlyInAnyOrder("a", "b");
    assertThat(r.nodes().keySet()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void alwaysRunNodesRunEveryTime() throws Exception {
    Graph g =
        Graphs.create()
            .node("t", "text.literal", "text", "hi")
            .node("s", "output.save")
            .edge("t.text", "s.value")
            .build();
    rig.run(g);
    RunResult second = rig.run(g);
    assertThat(second.node("t").orElseThrow().state()).isEqualTo(NodeOutcome.State.CACHED);
    assertThat(second.node("s").orElseThrow().state()).isEqualTo(NodeOutcome.State.FINISHED);
  }

  @Test
  void theCacheKeyChangesWithTheTypeVersionParamsInputsAndModel() {
    var spec = new dev.weft.pipelines.testing.nodes.EchoNode().spec();
    var ports = spec.inputs();
    var none = java.util.Map.<String, java.util.List<CacheKeys.Arrival>>of();
    String base = CacheKeys.key(spec, ports, dev.weft.pipelines.graph.Params.EMPTY, none, "", "");
    String withParam =
        CacheKeys.key(spec, ports, dev.weft.pipelines.graph.Params.of("suffix", "x"), none, "", "");
    String withInput =
        CacheKeys.key(
            spec,
            ports,
            dev.weft.pipelines.graph.Params.EMPTY,
            java.util.Map.of(
                "in",
                java.util.List.of(
                    new CacheKeys.Arrival(
                        "a".repeat(64), dev.weft.pipelines.graph.Conversion.IDENTITY))),
            "",
            "");
    String withModel =
        CacheKeys.key(spec, ports, dev.weft.pipelines.graph.Params.EMPTY, none, "model@abc", "");
    String withFile =
        CacheKeys.key(spec, ports, dev.weft.pipelines.graph.Params.EMPTY, none, "", "file|1|2");
    assertThat(Set.of(base, withParam, withInput, withModel, withFile)).hasSize(5);
    assertThat(CacheKeys.key(spec, ports, dev.weft.pipelines.graph.Params.EMPTY, none, "", ""))
        .isEqualTo(base);
  }

  @Test
  void thePlanSaysWhatIsCachedBeforeAnythingRuns() throws Exception {
    rig.run(graph);
    Graph edited = graph.updateNode("x", n -> n.withParam("suffix", "X2"));
    Plan plan = rig.engine().plan(rig.request(edited, RunOptions.DEFAULT));
    assertThat(plan.cachedOutputs().keySet()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(plan.toRun()).containsExactlyInAnyOrder("x", "y");
    assertThat(plan.order().indexOf("x")).isLessThan(plan.order().indexOf("y"));
  }
}
