package dev.weft.pipelines.models.vad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.Provenance;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.store.FileAssetStore;
import dev.weft.nativelibs.testing.TestFixtures;
import dev.weft.pipelines.backends.local.InProcessModelExecutor;
import dev.weft.pipelines.backends.local.ModelExecutor;
import dev.weft.pipelines.backends.local.ModelHost;
import dev.weft.pipelines.backends.local.ModelJob;
import dev.weft.pipelines.backends.local.WorkerModelExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Silero runner through the model worker and in-process: the same segments either way. */
@Tag("native")
class SileroVadRunnerTest {
  @TempDir Path tmp;

  @Test
  void workerAndInProcessGiveTheSameSegments() throws Exception {
    Path model = TestFixtures.testModel("vad-web/dist/silero_vad_v6.onnx");
    SpeechFixture.Speech speech =
        SpeechFixture.compose(
            0.8,
            1.2,
            List.of(SpeechFixture.say("Segments cross the process boundary as references.", tmp)));
    FileAssetStore store = new FileAssetStore(tmp.resolve("store"));
    String audio =
        store.put(AudioAsset.mono(16000, speech.samples()), Provenance.external("test")).hash();
    ModelJob job =
        new ModelJob(
            new ModelJob.ModelRef(
                SileroVadRunner.ID,
                "silero-vad-v6",
                model.getParent(),
                Map.of("silero_vad.onnx", model)),
            SileroVadRunner.TASK,
            Map.of("audio", audio),
            SileroVadRunner.toJobOptions(VadOptions.DEFAULTS),
            store.root(),
            Provenance.external("test"));
    String viaWorker;
    try (WorkerModelExecutor w =
        new WorkerModelExecutor(WorkerModelExecutor.Options.defaults(tmp))) {
      viaWorker = w.execute(job, ModelExecutor.RunControl.none()).get("segments");
    }
    String inProcess;
    try (InProcessModelExecutor ex =
        new InProcessModelExecutor(ModelHost.standard(0, Duration.ofMinutes(1)))) {
      inProcess = ex.execute(job, ModelExecutor.RunControl.none()).get("segments");
    }
    assertThat(viaWorker).isEqualTo(inProcess);
    TranscriptAsset t = (TranscriptAsset) store.get(viaWorker).orElseThrow();
    assertThat(t.segments()).hasSize(1);
    assertThat(t.segments().getFirst().start()).isBetween(0.5, 1.1);
  }
}
