package dev.weft.pipelines.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.EngineRig;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.nodes.WaitNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
  @TempDir Path dir;

  private static Graph independentWaits(int n, String lane, boolean rendezvous) {
    Graphs g = Graphs.create();
    for (int i = 0; i < n; i++) {
      g.node("w" + i, "test.wait", "millis", 20_000, "lane", lane, "rendezvous", rendezvous);
    }
    return g.build();
  }

  @Test
  void independentNetworkNodesRunAtTheSameTime() throws Exception {
    // Each node waits until all eight have arrived; if any ran after another finished, it times
    // out.
    try (EngineRig rig =
        new EngineRig(
            dir, Services.builder().put(WaitNode.Rendezvous.class, new WaitNode.Rendezvous(8)))) {
      RunResult r = rig.run(independentWaits(8, "network", true));
      assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void independentCpuBranchesRunAtTheSameTimeUpToTheCoreCount() throws Exception {
    int parallel = Math.min(2, Runtime.getRuntime().availableProcessors());
    try (EngineRig rig =
        new EngineRig(
            dir,
            Services.builder().put(WaitNode.Rendezvous.class, new WaitNode.Rendezvous(parallel)))) {
      assertThat(rig.run(independentWaits(parallel, "cpu", true)).status())
          .isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void aFailingNodeFailsOnlyWhatDependsOnIt() throws Exception {
    Graph g =
        Graphs.create()
            .node("bad", "test.fail", "message", "the disk is on fire")
            .node("after", "test.echo")
            .node("later", "test.echo")
            .node("other", "test.echo", "suffix", "fine")
            .node("other2", "test.echo")
            .edge("bad.out", "after.in")
            .edge("after.out", "later.in")
            .edge("other.out", "other2.in")
            .build();
    try (EngineRig rig = new EngineRig(dir)) {
      RunResult r = rig.run(g);
      assertThat(r.status()).isEqualTo(RunStatus.FAILED);
      assertThat(r.node("bad").orElseThrow().state()).isEqualTo(NodeOutcome.State.FAILED);
      assertThat(r.node("after").orElseThrow().state()).isEqualTo(NodeOutcome.State.BLOCKED);
      assertThat(r.node("later").orElseThrow().state()).isEqualTo(NodeOutcome.State.BLOCKED);
      assertThat(r.node("other2").orElseThrow().state()).isEqualTo(NodeOutcome.State.FINISHED);
      RunEvent.NodeFailed failed = rig.events(RunEvent.NodeFailed.class).getFirst();
      assertThat(failed.message()).isEqualTo("the disk is on fire");
      assertThat(failed.hint()).isEqualTo("set fail to false");
      assertThat(failed.location().nodeId()).isEqualTo("bad");
      assertThat(failed.internal()).isFalse();
      assertThat(rig.events(RunEvent.NodeBlocked.class))
          .extracting(RunEvent.NodeBlocked::nodeId)
          .containsExactlyInAnyOrder("after", "later");
    }
  }

  @Test
  void anInternalErrorIsReportedAsSuchWithTheNodeType() throws Exception {
    Graph g = Graphs.create().node("bad", "test.fail", "internal", true, "message", "boom").build();
    try (EngineRig rig = new EngineRig(dir)) {
      rig.run(g);
      RunEvent.NodeFailed failed = rig.events(RunEvent.NodeFailed.class).getFirst();
      assertThat(failed.internal()).isTrue();
      assertThat(failed.message()).contains("test.fail").contains("boom");
    }
  }

  @Test
  void cancellingStopsInFlightNodesAndEndsTheRunCancelled() throws Exception {
    Graph g =
        Graphs.create()
            .node("w1", "test.wait", "millis", 60_000, "lane", "cpu")
            .node("w2", "test.wait", "millis", 60_000, "lane", "network")
            .node("after", "test.echo")
            .edge("w1.out", "after.in")
            .build();
    WaitNode.Rendezvous started = new WaitNode.Rendezvous(1);
    try (EngineRig rig =
        new EngineRig(dir, Services.builder().put(WaitNode.Rendezvous.class, started))) {
      RunHandle h = rig.start(g, RunOptions.DEFAULT);
      assertThat(started.firstStarted().await(10, TimeUnit.SECONDS)).isTrue();
      h.cancel();
      RunResult r = h.await(Duration.ofSeconds(10)).orElseThrow();
      assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(r.nodes().values())
          .allSatisfy(n -> assertThat(n.state()).isEqualTo(NodeOutcome.State.CANCELLED));
      assertThat(rig.events(RunEvent.NodeCancelled.class)).hasSize(3);
      assertThat(rig.log.executed()).doesNotContain("after");
    }
  }

  @Test
  void aCancelledNodeLeavesNothingInTheStoreOrCache() throws Exception {
    Graph g = Graphs.create().node("w", "test.wait", "millis", 60_000).build();
    WaitNode.Rendezvous started = new WaitNode.Rendezvous(1);
    try (EngineRig rig =
        new EngineRig(dir, Services.builder().put(WaitNode.Rendezvous.class, started))) {
      RunHandle h = rig.start(g, RunOptions.DEFAULT);
      assertThat(started.firstStarted().await(10, TimeUnit.SECONDS)).isTrue();
      h.cancel();
      h.await(Duration.ofSeconds(10)).orElseThrow();
      assertThat(rig.engine().project(dir).cache().size()).isZero();
      Path objects = dir.resolve(".weft/store/objects");
      if (Files.exists(objects)) {
        try (Stream<Path> files = Files.walk(objects)) {
          assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
      }
    }
  }

  @Test
  void eventsOfEachNodeArriveInLifecycleOrder() throws Exception {
    Graph g =
        Graphs.create()
            .node("a", "test.wait", "millis", 30)
            .node("b", "test.echo")
            .edge("a.out", "b.in")
            .build();
    try (EngineRig rig = new EngineRig(dir)) {
      rig.run(g);
      List<String> a =
          rig.eventsOf("a").stream().map(e -> e.getClass().getSimpleName()).distinct().toList();
      assertThat(a).startsWith("NodeQueued", "NodeStarted");
      assertThat(a.getLast()).isEqualTo("NodeFinished");
      assertThat(rig.events.getFirst()).isInstanceOf(RunEvent.RunStarted.class);
      assertThat(rig.events.getLast()).isInstanceOf(RunEvent.RunFinished.class);
      List<Long> seqs = rig.events.stream().map(RunEvent::seq).toList();
      assertThat(seqs).isSorted().doesNotHaveDuplicates();
      long bStarted =
          rig.eventsOf("b").stream()
              .filter(e -> e instanceof RunEvent.NodeStarted)
              .findFirst()
              .orElseThrow()
              .seq();
      long aFinished =
          rig.eventsOf("a").stream()
              .filter(e -> e instanceof RunEvent.NodeFinished)
              .findFirst()
              .orElseThrow()
              .seq();
      assertThat(bStarted).isGreaterThan(aFinished);
    }
  }

  @Test
  void anEmptyGraphRunsAndSucceeds() throws Exception {
    try (EngineRig rig = new EngineRig(dir)) {
      assertThat(rig.run(Graph.EMPTY).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void anInvalidGraphIsRefusedBeforeAnythingRuns() {
    Graph g = Graphs.create().node("a", "test.echo").node("j", "text.join").build();
    try (EngineRig rig = new EngineRig(dir)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> rig.run(g))
          .isInstanceOf(dev.weft.pipelines.InvalidPipelineException.class)
          .hasMessageContaining("texts");
      assertThat(rig.log.executed()).isEmpty();
    }
  }
}
