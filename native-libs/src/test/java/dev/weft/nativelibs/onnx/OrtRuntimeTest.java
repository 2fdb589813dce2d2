package dev.weft.nativelibs.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.weft.nativelibs.testing.TinyOnnx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("native")
class OrtRuntimeTest {
  private static OrtRuntime runtime;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    runtime = OrtRuntime.create();
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void sessionOpensRunsAndCloses() throws Exception {
    Path model = dir.resolve("add.onnx");
    Files.write(model, TinyOnnx.addBias(1.5f));
    int before = runtime.openSessions();
    try (ModelSession s = runtime.open(model, SessionPolicy.cpuOnly(1))) {
      assertThat(runtime.openSessions()).isEqualTo(before + 1);
      assertThat(s.inputNames()).containsExactly("x");
      assertThat(s.outputNames()).containsExactly("y");
      try (OnnxTensor x =
              OnnxTensor.createTensor(
                  runtime.environment(), FloatBuffer.wrap(new float[] {1, 2}), new long[] {2});
          OrtSession.Result r = s.run(Map.of("x", x))) {
        float[] y = (float[]) r.get("y").orElseThrow().getValue();
        assertThat(y).containsExactly(2.5f, 3.5f);
      }
    }
    assertThat(runtime.openSessions()).isEqualTo(before);
  }

  @Test
  void cpuFallbackIsLoggedWithTheReason() throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (ModelSession s =
        runtime.open(
            "add-bias",
            TinyOnnx.addBias(0),
            SessionPolicy.defaults()
                .withProviders(List.of(ExecutionProvider.CUDA, ExecutionProvider.CPU)))) {
      assertThat(s.provider()).isEqualTo(ExecutionProvider.CPU);
      assertThat(s.fallbacks())
          .extracting(ProviderFallback::provider)
          .containsExactly(ExecutionProvider.CUDA);
      assertThat(s.fallbacks().getFirst().reason()).contains("not in this ONNX Runtime build");
    } finally {
      System.setErr(saved);
    }
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("add-bias: execution provider CUDA (NVIDIA GPU) skipped")
        .contains("trying CPU");
  }

  @Test
  void policyWithoutAnyUsableProviderFailsNamingEach() {
    assertThatThrownBy(() ->
            runtime.open(
                "add-bias",
                TinyOnnx.addBias(0),
                SessionPolicy.defaults().withProviders(List.of(ExecutionProvider.COREML))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("add-bias")
        .hasMessageContaining("CoreML (Apple)");
  }

  @Test
  void corruptModelFileIsRejectedNamingTheFile() throws Exception {
    Path bad = dir.resolve("broken.onnx");
    Files.writeString(bad, "this is not an onnx model");
    assertThatThrownBy(() -> runtime.open(bad, SessionPolicy.cpuOnly(1)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(bad.toString());
  }

  @Test
  void missingModelFileIsRejectedNamingTheFile() {
    Path none = dir.resolve("nothing.onnx");
    assertThatThrownBy(() -> runtime.open(none, SessionPolicy.cpuOnly(1)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("nothing.onnx")
        .hasMessageContaining("no such model file");
  }

  @Test
  void terminateStopsARunInFlight() throws Exception {
    try (ModelSession s =
            runtime.open("slow", TinyOnnx.slowChain(512, 400), SessionPolicy.cpuOnly(1));
        OnnxTensor x =
            OnnxTensor.createTensor(
                runtime.environment(),
                FloatBuffer.wrap(new float[512 * 512]),
                new long[] {512, 512})) {
      CompletableFuture<Void> run =
          CompletableFuture.runAsync(() -> {
            try (OrtSession.Result r = s.run(Map.of("x", x))) {
              // finished before the terminate arrived: the assertion below reports it
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
      // wait until the run is in flight, then stop it
      while (!run.isDone() && s.runsInFlight() == 0) {
        Thread.onSpinWait();
      }
      s.terminate();
      assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseInstanceOf(ai.onnxruntime.OrtException.class)
          .cause()
          .hasCauseInstanceOf(RunTerminatedException.class);
    }
  }
}
