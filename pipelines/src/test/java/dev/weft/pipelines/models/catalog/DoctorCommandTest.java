package dev.weft.pipelines.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.cli.Interrupts;
import dev.weft.pipelines.cli.WeftCli;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("native")
class DoctorCommandTest {
  @TempDir Path dir;

  @Test
  void doctorReportsHardwareRuntimeAndAStartedWorker() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        WeftCli.execute(
            new String[] {"doctor"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            v -> {},
            () ->
                new WeftContext(
                    PlatformDirs.under(dir),
                    TestCatalog.withTestNodes(),
                    Services.NONE,
                    new Lanes(Lanes.Config.forThisMachine())),
            Interrupts.none());
    String s = out.toString(StandardCharsets.UTF_8);
    assertThat(s).contains("== hardware").contains("CPU:").contains("RAM:");
    assertThat(s).contains("version:    1.29.0").contains("providers:  [CPU]");
    assertThat(s).contains("ai.djl.offline: true");
    assertThat(s).containsPattern("started \\(pid \\d+\\) in \\d+ ms");
    assertThat(code).as(s).isZero();
  }
}
