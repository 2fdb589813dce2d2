package dev.weft.pipelines.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.format.Examples;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.testing.protocol.CloudEngineRig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped cloud examples run as they are against the protocol test server. */
@Tag("native")
class CloudExamplesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "make-video.weft.json",
        "describe-generated-video.weft.json",
        "voice-line.weft.json"
      })
  void theExampleRunsToTheEndAndSavesItsOutputs(String name) throws Exception {
    assertThat(Examples.names()).contains(name);
    ParsedPipeline parsed = new PipelineFormat().read(Examples.load(name).json(), name);
    assertThat(parsed.problems()).isEmpty();
    try (CloudEngineRig rig = new CloudEngineRig(dir)) {
      RunResult r = rig.engine.run(parsed.graph());
      assertThat(r.status())
          .as(String.valueOf(rig.engine.events(RunEvent.NodeFailed.class)))
          .isEqualTo(RunStatus.SUCCEEDED);
      long saved =
          parsed.graph().nodes().stream().filter(n -> n.type().equals("output.save")).count();
      try (Stream<Path> files = Files.list(dir.resolve("outputs"))) {
        List<Path> written = files.toList();
        assertThat(written).hasSize((int) saved);
      }
    }
  }
}
