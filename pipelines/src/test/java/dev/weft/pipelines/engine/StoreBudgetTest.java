package dev.weft.pipelines.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.EngineRig;
import dev.weft.pipelines.testing.Graphs;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBudgetTest {
  @TempDir Path dir;

  @Test
  void sizesParseWithUnitsAndNoneMeansNoBudget() {
    assertThat(StoreBudget.parse("20G")).contains(new StoreBudget(20L << 30));
    assertThat(StoreBudget.parse("1.5 MiB")).contains(new StoreBudget((long) (1.5 * (1 << 20))));
    assertThat(StoreBudget.parse("none")).isEmpty();
    assertThatThrownBy(() -> StoreBudget.parse("lots")).hasMessageContaining("'lots'");
  }

  @Test
  void afterARunTheStoreIsTrimmedButKeepsThatRunsOutputs() throws Exception {
    String big = "x".repeat(20_000);
    Graph first = Graphs.create().node("a", "test.echo", "suffix", big + "1").build();
    Graph second = Graphs.create().node("a", "test.echo", "suffix", big + "2").build();
    try (EngineRig rig =
        new EngineRig(dir, Services.builder().put(StoreBudget.class, new StoreBudget(30_000)))) {
      rig.run(first);
      awaitUpkeep(rig);
      rig.run(second);
      awaitUpkeep(rig);
      var store = rig.engine().project(dir).store();
      assertThat(store.contains(TextAsset.of(big + "1").hash())).isFalse();
      assertThat(store.contains(TextAsset.of(big + "2").hash())).isTrue();
      rig.run(first);
      assertThat(rig.log.executed()).containsExactly("a");
    }
  }

  /** Eviction runs in the background after a run; waits for the pass (bounded, for a busy box). */
  private void awaitUpkeep(EngineRig rig) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!rig.engine().storeUpkeepIdle(dir) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(rig.engine().storeUpkeepIdle(dir)).as("eviction pass finished").isTrue();
  }
}
