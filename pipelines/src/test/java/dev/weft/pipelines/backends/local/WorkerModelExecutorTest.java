package dev.weft.pipelines.backends.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.Provenance;
import dev.weft.assets.TextAsset;
import dev.weft.assets.store.FileAssetStore;
import dev.weft.pipelines.WeftException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker process: jobs cross by asset reference; crashes, OOM and cancel leave the caller
 * running.
 */
class WorkerModelExecutorTest {
  @TempDir Path tmp;
  private FileAssetStore store;
  private WorkerModelExecutor worker;
  private String input;

  @BeforeEach
  void start() throws Exception {
    store = new FileAssetStore(tmp.resolve("store"));
    input = store.put(TextAsset.of("hello worker"), Provenance.external("test")).hash();
    worker = new WorkerModelExecutor(WorkerModelExecutor.Options.defaults(tmp).withMaxHeap("96m"));
  }

  @AfterEach
  void stop() {
    worker.close();
  }

  private ModelJob job(String task) {
    return new ModelJob(
        new ModelJob.ModelRef(TestRunner.ID, "test-model", tmp, Map.of()),
        task,
        Map.of("text", input),
        Map.of(),
        store.root(),
        Provenance.external("test"));
  }

  private String echo() throws Exception {
    String out = worker.execute(job("echo"), ModelExecutor.RunControl.none()).get("text");
    return ((TextAsset) store.get(out).orElseThrow()).text();
  }

  @Test
  void jobRunsInAnotherProcessThroughTheAssetStore() throws Exception {
    String text = echo();
    assertThat(text).startsWith("HELLO WORKER (pid ");
    assertThat(text).doesNotContain("pid " + ProcessHandle.current().pid() + ")");
  }

  @Test
  void workerThatExitsFailsTheJobClearlyAndIsRestarted() throws Exception {
    echo();
    long firstPid = worker.pid();
    assertThatThrownBy(() -> worker.execute(job("exit"), ModelExecutor.RunControl.none()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("test-model (exit) failed")
        .hasMessageContaining("exited unexpectedly with code 7");
    assertThat(echo()).startsWith("HELLO WORKER");
    assertThat(worker.pid()).isNotEqualTo(firstPid);
    assertThat(worker.starts()).isEqualTo(2);
  }

  @Test
  void nativeAbortIsReportedAsACrash() throws Exception {
    assertThatThrownBy(() -> worker.execute(job("abort"), ModelExecutor.RunControl.none()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("crashed (native crash, signal SIGABRT)");
    assertThat(echo()).startsWith("HELLO WORKER");
  }

  @Test
  void outOfMemoryIsReportedAsSuch() throws Exception {
    assertThatThrownBy(() -> worker.execute(job("oom"), ModelExecutor.RunControl.none()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("ran out of memory");
    assertThat(echo()).startsWith("HELLO WORKER");
  }

  @Test
  void runnerErrorFailsTheJobAndTheWorkerLivesOn() throws Exception {
    echo();
    long pid = worker.pid();
    assertThatThrownBy(() -> worker.execute(job("fail"), ModelExecutor.RunControl.none()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("the test runner was told to fail");
    assertThat(worker.pid()).isEqualTo(pid);
  }

  @Test
  void unknownRunnerIsAClearError() {
    ModelJob j =
        new ModelJob(
            new ModelJob.ModelRef("no-such-runner", "m", tmp, Map.of()),
            "x",
            Map.of(),
            Map.of(),
            store.root(),
            null);
    assertThatThrownBy(() -> worker.execute(j, ModelExecutor.RunControl.none()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("no model runner 'no-such-runner' is installed")
        .hasMessageContaining("silero-vad");
  }

  /** Runs a job on another thread, cancels it after a moment, and returns what it threw. */
  private Throwable cancelDuring(String task) throws Exception {
    ModelExecutor.RunControl control = ModelExecutor.RunControl.none();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread t =
        Thread.ofVirtual()
            .start(() -> {
              try {
                worker.execute(job(task), control);
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    Thread.sleep(300);
    control.cancel();
    t.join(Duration.ofSeconds(15));
    return thrown.get();
  }

  @Test
  void cancelStopsACooperativeRunnerAndKeepsTheWorker() throws Exception {
    echo();
    long pid = worker.pid();
    assertThat(cancelDuring("wait-cancel")).isInstanceOf(CancellationException.class);
    assertThat(worker.pid()).isEqualTo(pid);
  }

  @Test
  void cancelKillsARunnerThatIgnoresItAndTheNextJobGetsANewWorker() throws Exception {
    echo();
    long pid = worker.pid();
    assertThat(cancelDuring("ignore-cancel"))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("did not end in time");
    assertThat(echo()).startsWith("HELLO WORKER");
    assertThat(worker.pid()).isNotEqualTo(pid);
  }
}
