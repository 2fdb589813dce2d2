package dev.weft.pipelines.models.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.nativelibs.testing.TestFixtures;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.backends.local.ModelExecutor;
import dev.weft.pipelines.backends.local.WorkerModelExecutor;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import dev.weft.pipelines.models.catalog.TestLibraries;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.EngineRig;
import dev.weft.pipelines.testing.Graphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Detect speech (VAD)" node in a real run: load a WAV, detect speech in the model worker. */
@Tag("native")
class DetectSpeechNodeTest {
  @TempDir Path dir;
  private WorkerModelExecutor worker;
  private ModelLibrary library;
  private SpeechFixture.Speech speech;

  @BeforeEach
  void setUp() throws Exception {
    library = TestLibraries.offline(dir);
    worker = new WorkerModelExecutor(WorkerModelExecutor.Options.defaults(dir));
    speech =
        SpeechFixture.compose(
            1.0, 1.0, List.of(SpeechFixture.say("Detect speech runs in the model worker.", dir)));
    AudioFiles.write(AudioAsset.mono(16000, speech.samples()), dir.resolve("speech.wav"));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  private EngineRig rig() {
    return new EngineRig(
        dir, Services.builder().put(ModelLibrary.class, library).put(ModelExecutor.class, worker));
  }

  private Graph graph() {
    return Graphs.create()
        .node("load", "audio.load", "file", "speech.wav")
        .node("vad", DetectSpeechNode.ID, "model", "silero-vad-v5")
        .edge("load.audio", "vad.audio")
        .build();
  }

  @Test
  void findsTheSpeechInARun() throws Exception {
    // an unpacked copy of the npm package's v5 model, registered as a local folder
    Path folder = Files.createDirectories(dir.resolve("silero-v5"));
    Files.copy(
        TestFixtures.testModel("vad-web/dist/silero_vad_v5.onnx"),
        folder.resolve("silero_vad.onnx"));
    library.addFolder(folder, "silero-vad-v5");
    try (EngineRig rig = rig()) {
      RunResult r = rig.run(graph());
      NodeOutcome vad = r.node("vad").orElseThrow();
      assertThat(vad.state()).as(String.valueOf(vad.error())).isEqualTo(NodeOutcome.State.FINISHED);
      TranscriptAsset t = (TranscriptAsset) vad.output("segments");
      assertThat(t.segments()).hasSize(1);
      assertThat(t.segments().getFirst().start())
          .isCloseTo(speech.intervals().getFirst()[0], within(0.25));
      assertThat(t.segments().getFirst().end())
          .isCloseTo(speech.intervals().getFirst()[1], within(0.4));
    }
  }

  @Test
  void missingModelStopsTheRunBeforeItStartsWithTheCommandToFetchIt() {
    try (EngineRig rig = rig()) {
      assertThatThrownBy(() -> rig.run(graph()))
          .isInstanceOf(InvalidPipelineException.class)
          .satisfies(e ->
              assertThat(((InvalidPipelineException) e).userMessage())
                  .contains("vad")
                  .contains("silero-vad-v5 is not installed")
                  .contains("weft models pull silero-vad-v5"));
    }
  }
}
