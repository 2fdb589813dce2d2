package dev.weft.pipelines.backends.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.assets.Provenance;
import dev.weft.assets.TextAsset;
import dev.weft.assets.store.FileAssetStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelHostTest {
  @TempDir Path tmp;
  private final AtomicLong now = new AtomicLong();
  private final List<String> events = new ArrayList<>();

  /** A runner whose models weigh 100 bytes and log their loads and closes. */
  private final ModelRunner counting =
      new ModelRunner() {
        @Override
        public String id() {
          return "counting";
        }

        @Override
        public LoadedModel load(ModelJob.ModelRef model, RunnerServices services) {
          events.add("load " + model.modelId());
          return new LoadedModel() {
            @Override
            public long memoryBytes() {
              return 100;
            }

            @Override
            public Map<String, String> run(ModelJob job, RunContext context) {
              return Map.of();
            }

            @Override
            public void terminate() {}

            @Override
            public void close() {
              events.add("close " + model.modelId());
            }
          };
        }
      };

  private ModelHost host(long budget) {
    return new ModelHost(
        List.of(counting),
        new RunnerServices(() -> null),
        budget,
        Duration.ofSeconds(60),
        now::get);
  }

  private ModelJob job(String model) {
    return new ModelJob(
        new ModelJob.ModelRef("counting", model, tmp, Map.of()),
        "t",
        Map.of(),
        Map.of(),
        tmp,
        null);
  }

  @Test
  void modelStaysLoadedBetweenRuns() throws Exception {
    try (ModelHost h = host(0)) {
      h.run("1", job("a"), () -> false, p -> {});
      h.run("2", job("a"), () -> false, p -> {});
      assertThat(events).containsExactly("load a");
    }
  }

  @Test
  void loadingPastTheBudgetUnloadsTheLeastRecentlyUsed() throws Exception {
    try (ModelHost h = host(250)) {
      h.run("1", job("a"), () -> false, p -> {});
      now.addAndGet(10);
      h.run("2", job("b"), () -> false, p -> {});
      now.addAndGet(10);
      h.run("3", job("c"), () -> false, p -> {});
      assertThat(events).containsExactly("load a", "load b", "load c", "close a");
      assertThat(h.loadedCount()).isEqualTo(2);
    }
  }

  @Test
  void idleModelsAreUnloaded() throws Exception {
    try (ModelHost h = host(0)) {
      h.run("1", job("a"), () -> false, p -> {});
      now.addAndGet(Duration.ofSeconds(30).toNanos());
      assertThat(h.unloadIdle()).isZero();
      now.addAndGet(Duration.ofSeconds(31).toNanos());
      assertThat(h.unloadIdle()).isEqualTo(1);
      assertThat(events).containsExactly("load a", "close a");
    }
  }

  @Test
  void inProcessExecutorRunsTheSameRunners() throws Exception {
    FileAssetStore store = new FileAssetStore(tmp.resolve("store"));
    String in = store.put(TextAsset.of("abc"), Provenance.external("t")).hash();
    try (InProcessModelExecutor ex =
        new InProcessModelExecutor(
            new ModelHost(
                ModelHost.discoverRunners(),
                new RunnerServices(() -> null),
                0,
                Duration.ofMinutes(1),
                System::nanoTime))) {
      Map<String, String> out =
          ex.execute(
              new ModelJob(
                  new ModelJob.ModelRef(TestRunner.ID, "m", tmp, Map.of()),
                  "echo",
                  Map.of("text", in),
                  Map.of(),
                  store.root(),
                  null),
              ModelExecutor.RunControl.none());
      assertThat(((TextAsset) store.get(out.get("text")).orElseThrow()).text())
          .startsWith("ABC (pid " + ProcessHandle.current().pid());
    }
  }
}
