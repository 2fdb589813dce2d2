package dev.weft.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Position;
import dev.weft.pipelines.testing.EngineRig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunViewModelTest {
  @TempDir Path dir;
  private EngineRig rig;
  private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
  private final ExecutorService background = Executors.newCachedThreadPool();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private RunViewModel run;

  @BeforeEach
  void setUp() {
    rig = new EngineRig(dir);
    run = new RunViewModel(rig.engine(), background, uiThread, timer);
  }

  @AfterEach
  void tearDown() {
    uiThread.shutdownNow();
    background.shutdownNow();
    timer.shutdownNow();
    rig.close();
  }

  private <T> T onUi(Callable<T> c) throws Exception {
    return uiThread.submit(c).get(10, TimeUnit.SECONDS);
  }

  private void awaitIdle() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (onUi(run::isRunning) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(onUi(run::isRunning)).as("the run ended").isFalse();
  }

  private static Node node(String id, String type, Map<String, Object> params) {
    return new Node(id, type, 1, "", Params.of(params), Position.ORIGIN);
  }

  private static Graph chain() {
    return Graph.of(
        List.of(
            node("a", "text.literal", Map.of("text", "hi")),
            node("b", "text.template", Map.of("template", "{{x}}!")),
            node("c", "test.wait", Map.of("millis", 20))),
        List.of(Edge.of("a", "text", "b", "x"), Edge.of("b", "text", "c", "in")));
  }

  @Test
  void everyNodeReachesDoneAndItsOutputsAreKept() throws Exception {
    onUi(() -> {
      run.start(rig.request(chain(), RunOptions.DEFAULT));
      return null;
    });
    awaitIdle();
    assertThat(onUi(() -> Map.copyOf(run.states())))
        .allSatisfy((id, s) -> assertThat(s.phase()).isEqualTo(NodeRunState.Phase.DONE))
        .containsOnlyKeys("a", "b", "c");
    assertThat(onUi(() -> run.outputs().get("b").get("text").describe())).contains("hi!");
    assertThat(onUi(() -> run.statusProperty().get())).startsWith("Done");
  }

  @Test
  void whereANodeRanStaysOnItAfterItFinishes() throws Exception {
    Instant t = Instant.now();
    onUi(() -> {
      run.apply(
          List.of(
              new RunEvent.NodeStarted("r", 1, t, "look", "NETWORK"),
              new RunEvent.NodeBackend("r", 2, t, "look", "cloud:dashscope", "qwen3-vl-plus")));
      return null;
    });
    assertThat(onUi(() -> run.state("look").backend()))
        .isEqualTo("cloud:dashscope · qwen3-vl-plus");
    onUi(() -> {
      run.apply(List.of(new RunEvent.NodeFinished("r", 3, t, "look", Map.of(), 5)));
      return null;
    });
    NodeRunState done = onUi(() -> run.state("look"));
    assertThat(done.phase()).isEqualTo(NodeRunState.Phase.DONE);
    assertThat(done.backend()).isEqualTo("cloud:dashscope · qwen3-vl-plus");
  }

  @Test
  void aSecondRunTakesResultsFromTheCache() throws Exception {
    onUi(() -> {
      run.start(rig.request(chain(), RunOptions.DEFAULT));
      return null;
    });
    awaitIdle();
    onUi(() -> {
      run.start(rig.request(chain(), RunOptions.DEFAULT));
      return null;
    });
    awaitIdle();
    assertThat(onUi(() -> run.state("b").phase())).isEqualTo(NodeRunState.Phase.CACHED);
  }

  @Test
  void runningUpToANodeLeavesTheRestIdle() throws Exception {
    onUi(() -> {
      run.start(rig.request(chain(), RunOptions.DEFAULT.upTo(Set.of("b"))));
      return null;
    });
    awaitIdle();
    assertThat(onUi(() -> run.state("b").phase())).isEqualTo(NodeRunState.Phase.DONE);
    assertThat(onUi(() -> run.state("c").phase())).isEqualTo(NodeRunState.Phase.IDLE);
  }

  @Test
  void cancelStopsARunningNode() throws Exception {
    Graph slow = Graph.of(List.of(node("w", "test.wait", Map.of("millis", 60_000))), List.of());
    onUi(() -> {
      run.start(rig.request(slow, RunOptions.DEFAULT));
      return null;
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (onUi(() -> run.state("w").phase()) != NodeRunState.Phase.RUNNING
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    onUi(() -> {
      run.cancel();
      return null;
    });
    awaitIdle();
    assertThat(onUi(() -> run.state("w").phase())).isEqualTo(NodeRunState.Phase.CANCELLED);
    assertThat(onUi(() -> run.statusProperty().get())).startsWith("Cancelled");
  }

  @Test
  void anInvalidPipelineIsRefusedWithItsProblems() throws Exception {
    Graph broken = Graph.of(List.of(node("t", "no.such.type", Map.of())), List.of());
    onUi(() -> {
      run.start(rig.request(broken, RunOptions.DEFAULT));
      return null;
    });
    awaitIdle();
    assertThat(onUi(() -> run.refusedProperty().get()))
        .anySatisfy(p -> assertThat(p.code()).isEqualTo("node.unknown-type"));
  }

  @Test
  void aFailingNodeShowsItsError() throws Exception {
    Graph failing = Graph.of(List.of(node("f", "test.fail", Map.of())), List.of());
    onUi(() -> {
      run.start(rig.request(failing, RunOptions.DEFAULT));
      return null;
    });
    awaitIdle();
    NodeRunState s = onUi(() -> run.state("f"));
    assertThat(s.phase()).isEqualTo(NodeRunState.Phase.FAILED);
    assertThat(s.error()).isNotBlank();
  }
}
