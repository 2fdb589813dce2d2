package dev.weft.nativelibs.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime starts in a JVM with a long command line (the model worker's, the launcher's): its
 * environment setup once overflowed the main thread's stack there.
 */
@Tag("native")
class OrtStartupTest {

  /** Started in a child JVM by the test. */
  public static final class Probe {
    public static void main(String[] args) {
      try (OrtRuntime ort = OrtRuntime.create()) {
        System.out.println("ORT " + ort.version());
      }
    }
  }

  @Test
  void runtimeStartsInAJvmWithALongCommandLine() throws IOException, InterruptedException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String padding = "x".repeat(8000);
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dweft.test.padding=" + padding,
                    "-cp",
                    cp,
                    Probe.class.getName()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("ORT 1.29.0");
  }
}
