package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.video.VideoEncoder;
import dev.weft.assets.video.VideoEncoding;
import dev.weft.nativelibs.testing.TestFixtures;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.local.InProcessModelExecutor;
import dev.weft.pipelines.backends.local.ModelExecutor;
import dev.weft.pipelines.backends.local.ModelHost;
import dev.weft.pipelines.backends.local.WorkerModelExecutor;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import dev.weft.pipelines.models.catalog.TestLibraries;
import dev.weft.pipelines.models.vad.SpeechFixture;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import dev.weft.pipelines.testing.EngineRig;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.Fault;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import dev.weft.pipelines.testing.protocol.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Transcribe speech (Fun-ASR)" in real runs: audio, a video's sound track or a file streamed from
 * disk, recognised by the signature SenseVoice model through the model executor (in-process, and
 * once in the supervised worker), or by DashScope through the protocol test server; with its
 * checks, progress, backend report, cancellation and cache identity.
 */
@Tag("native")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TranscribeSpeechNodeTest {
  @TempDir static Path shared;
  static Path senseVoice;
  static Path vadFolder;
  static SpeechFixture.Speech speech;
  static InProcessModelExecutor inProcess;

  @TempDir Path dir;
  private ModelLibrary library;
  private CloudTestKit cloud;
  private Secrets secrets;

  @BeforeAll
  static void buildFixtures() throws Exception {
    senseVoice =
        AsrSignatureModels.senseVoice(
            shared.resolve("sense-voice"), AsrSignatureModels.Layout.SHERPA, 11, 64);
    vadFolder = Files.createDirectories(shared.resolve("silero-v5"));
    Files.copy(
        TestFixtures.testModel("vad-web/dist/silero_vad_v5.onnx"),
        vadFolder.resolve("silero_vad.onnx"));
    speech =
        SpeechFixture.compose(
            1.0,
            2.0,
            List.of(
                SpeechFixture.say("Transcription runs in the model worker.", shared),
                SpeechFixture.say("Each pause starts a new segment.", shared)));
    inProcess = new InProcessModelExecutor(ModelHost.standard(0, Duration.ofMinutes(5)));
  }

  @AfterAll
  static void closeExecutor() {
    if (inProcess != null) {
      inProcess.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    library = TestLibraries.offline(dir);
    AudioFiles.write(AudioAsset.mono(16000, speech.samples()), dir.resolve("speech.wav"));
    cloud = new CloudTestKit();
    secrets = Secrets.inMemory(Map.of(Secrets.DASHSCOPE, ProtocolTestServer.KEY));
  }

  @AfterEach
  void tearDown() {
    cloud.close();
  }

  private void installModels() throws Exception {
    library.addFolder(senseVoice, "sensevoice-small-int8");
    library.addFolder(vadFolder, "silero-vad-v5");
  }

  /** DashScope at this base URL: the protocol test server unless a test says otherwise. */
  private String dashScopeBase;

  /** The Offline switch of Settings > Cloud. */
  private boolean offlineSetting;

  private CloudClients cloudClients() {
    Settings settings =
        Settings.defaults(SettingsStore.defaultModels()).withOffline(offlineSetting);
    return new CloudClients(
        () -> settings,
        secrets,
        cloud.http,
        Map.of(
            "DASHSCOPE_BASE_URL", dashScopeBase != null ? dashScopeBase : cloud.server.baseUrl()),
        cloud.sleeper,
        new SplittableRandom(2),
        new PollCadence(Duration.ofMillis(1), 3, Duration.ofMillis(5)));
  }

  private EngineRig rig(ModelExecutor executor) {
    return new EngineRig(
        dir,
        Services.builder()
            .put(ModelLibrary.class, library)
            .put(ModelExecutor.class, executor)
            .put(CloudClients.class, cloudClients()));
  }

  private static Graph loadAndTranscribe(Object... params) {
    return Graphs.create()
        .node("load", "audio.load", "file", "speech.wav")
        .node("asr", TranscribeSpeechNode.ID, params)
        .edge("load.audio", "asr.audio")
        .build();
  }

  private static TranscriptAsset transcript(RunResult r) {
    NodeOutcome asr = r.node("asr").orElseThrow();
    assertThat(asr.state()).as(String.valueOf(asr.error())).isEqualTo(NodeOutcome.State.FINISHED);
    return (TranscriptAsset) asr.output("transcript");
  }

  private static void assertSegmentsWhereTheSpeechIs(TranscriptAsset t) {
    assertThat(t.segments()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      double[] truth = speech.intervals().get(i);
      assertThat(t.segments().get(i).start()).isCloseTo(truth[0], within(0.3));
      assertThat(t.segments().get(i).end()).isCloseTo(truth[1], within(0.7));
    }
    assertThat(t.tokens()).isNotEmpty();
    assertThat(t.language()).isPresent();
  }

  @Test
  void theExamplePipelineSavesSubtitlesOfTheRecording() throws Exception {
    installModels();
    Graph example =
        new dev.weft.pipelines.format.PipelineFormat()
            .read(
                dev.weft.pipelines.format.Examples.load("transcribe-to-subtitles.weft.json").json(),
                "example")
            .graph();
    Graph g = example.updateNode("audio", n -> n.withParam("file", "speech.wav"));
    try (EngineRig rig = rig(inProcess)) {
      RunResult r = rig.run(g);
      assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
      String path =
          ((dev.weft.assets.TextAsset) r.node("subtitles").orElseThrow().output("path")).text();
      assertThat(path).endsWith(".srt");
      String srt = Files.readString(Path.of(path));
      assertThat(srt).startsWith("1\n").contains(" --> ").contains("\n2\n");
    }
  }

  @Test
  void wiredAudioIsTranscribedLocallyWithSegmentsWhereTheSpeechIs() throws Exception {
    installModels();
    try (EngineRig rig = rig(inProcess)) {
      assertSegmentsWhereTheSpeechIs(transcript(rig.run(loadAndTranscribe())));
    }
  }

  @Test
  void theRunReportsTheBackendAndModelAndShowsProgress() throws Exception {
    installModels();
    try (EngineRig rig = rig(inProcess)) {
      rig.run(loadAndTranscribe());
      assertThat(rig.events(RunEvent.NodeBackend.class))
          .singleElement()
          .satisfies(b -> {
            assertThat(b.backend()).isEqualTo("local");
            assertThat(b.model()).isEqualTo("sensevoice-small-int8");
          });
      List<RunEvent.NodeProgress> progress =
          rig.events(RunEvent.NodeProgress.class).stream()
              .filter(p -> p.nodeId().equals("asr"))
              .toList();
      assertThat(progress).hasSizeGreaterThan(1);
      assertThat(progress.getLast().fraction()).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void aFileParameterIsStreamedWithoutAnInput() throws Exception {
    installModels();
    Graph g = Graphs.create().node("asr", TranscribeSpeechNode.ID, "file", "speech.wav").build();
    try (EngineRig rig = rig(inProcess)) {
      assertSegmentsWhereTheSpeechIs(transcript(rig.run(g)));
    }
  }

  @Test
  void aVideoIsTranscribedFromItsSoundTrack() throws Exception {
    installModels();
    Path mp4 = dir.resolve("clip.mp4");
    double seconds = speech.samples().length / 16000.0;
    try (VideoEncoder enc =
        VideoEncoder.open(
            mp4, VideoEncoding.of(64, 48, 10), AudioAsset.mono(16000, speech.samples()))) {
      ImageAsset frame = ImageAsset.ofArgb(64, 48, new int[64 * 48]);
      for (int i = 0; i < Math.ceil(seconds * 10); i++) {
        enc.addFrame(frame);
      }
    }
    Graph g =
        Graphs.create()
            .node("video", "video.load", "file", "clip.mp4")
            .node("asr", TranscribeSpeechNode.ID)
            .edge("video.video", "asr.video")
            .build();
    try (EngineRig rig = rig(inProcess)) {
      TranscriptAsset t = transcript(rig.run(g));
      assertThat(t.segments()).hasSize(2);
      assertThat(t.segments().getFirst().start())
          .isCloseTo(speech.intervals().getFirst()[0], within(0.35));
    }
  }

  @Test
  void aModelFolderWorksAsItIs() throws Exception {
    library.addFolder(vadFolder, "silero-vad-v5");
    try (EngineRig rig = rig(inProcess)) {
      TranscriptAsset t = transcript(rig.run(loadAndTranscribe("model", senseVoice.toString())));
      assertThat(t.segments()).hasSize(2);
    }
  }

  @Test
  void withoutVadTheWholeShortClipIsOneSegment() throws Exception {
    installModels();
    try (EngineRig rig = rig(inProcess)) {
      TranscriptAsset t = transcript(rig.run(loadAndTranscribe("vad", false)));
      assertThat(t.segments()).hasSize(1);
      assertThat(t.segments().getFirst().start()).isZero();
    }
  }

  @Test
  void aMissingModelStopsTheRunBeforeItStartsWithTheCommandToFetchIt() {
    try (EngineRig rig = rig(inProcess)) {
      assertThatThrownBy(() -> rig.run(loadAndTranscribe("backend", "local")))
          .isInstanceOf(InvalidPipelineException.class)
          .satisfies(e ->
              assertThat(((InvalidPipelineException) e).userMessage())
                  .contains("sensevoice-small-int8 is not installed")
                  .contains("weft models pull sensevoice-small-int8"));
    }
  }

  @Test
  void cloudWithoutAKeyIsReportedBeforeARun() {
    secrets.remove(Secrets.DASHSCOPE);
    try (EngineRig rig = rig(inProcess)) {
      assertThatThrownBy(() ->
              rig.run(
                  loadAndTranscribe(
                      "backend", "cloud", "audio_url", "https://example.com/speech.wav")))
          .isInstanceOf(InvalidPipelineException.class)
          .satisfies(e ->
              assertThat(((InvalidPipelineException) e).userMessage())
                  .contains("no DashScope API key")
                  .contains("DASHSCOPE_API_KEY"));
    }
  }

  @Test
  void cloudWithOnlyALocalFileSaysTheFileApiNeedsAPublicUrl() {
    try (EngineRig rig = rig(inProcess)) {
      assertThatThrownBy(() -> rig.run(loadAndTranscribe("backend", "cloud")))
          .isInstanceOf(InvalidPipelineException.class)
          .satisfies(e ->
              assertThat(((InvalidPipelineException) e).userMessage())
                  .contains("public http(s) URL")
                  .contains("cannot take a local file"));
    }
  }

  @Test
  void byDefaultTheNodeFollowsTheRunsBackendAndAnExplicitChoiceOverridesIt() throws Exception {
    installModels();
    Graph follows = loadAndTranscribe("audio_url", "https://example.com/speech.wav");
    Graph pinned =
        loadAndTranscribe("backend", "local", "audio_url", "https://example.com/speech.wav");
    try (EngineRig rig = rig(inProcess)) {
      rig.run(follows, RunOptions.DEFAULT.withBackend(BackendPolicy.CLOUD));
      assertThat(rig.events(RunEvent.NodeBackend.class).getLast().backend())
          .isEqualTo("cloud:dashscope");
      rig.run(pinned, RunOptions.DEFAULT.withBackend(BackendPolicy.CLOUD));
      assertThat(rig.events(RunEvent.NodeBackend.class).getLast().backend()).isEqualTo("local");
      // an explicit Auto on the node is the node's own choice too: local, since it is installed
      rig.run(
          loadAndTranscribe("backend", "auto", "audio_url", "https://example.com/speech.wav"),
          RunOptions.DEFAULT.withBackend(BackendPolicy.CLOUD));
      assertThat(rig.events(RunEvent.NodeBackend.class).getLast().backend()).isEqualTo("local");
    }
  }

  @Test
  void autoWithoutALocalModelRunsInTheCloudFromTheUrl() throws Exception {
    try (EngineRig rig = rig(inProcess)) {
      TranscriptAsset t =
          transcript(rig.run(loadAndTranscribe("audio_url", "https://example.com/speech.wav")));
      assertThat(t.text()).contains("Hello from the test server.");
      assertThat(rig.events(RunEvent.NodeBackend.class).getFirst().backend())
          .isEqualTo("cloud:dashscope");
    }
  }

  @Test
  void offlineStillTranscribesThroughADashScopeOnThisMachine() throws Exception {
    try (EngineRig rig = rig(inProcess)) {
      TranscriptAsset t =
          transcript(
              rig.run(
                  loadAndTranscribe("audio_url", "https://example.com/speech.wav"),
                  RunOptions.DEFAULT.withOffline(true)));
      assertThat(t.text()).contains("Hello from the test server.");
    }
  }

  @Test
  void offlineRefusesDashScopeOnAnotherMachineBeforeTheRun() {
    dashScopeBase = "https://dashscope-intl.aliyuncs.com";
    try (EngineRig rig = rig(inProcess)) {
      assertThatThrownBy(() ->
              rig.run(
                  loadAndTranscribe("audio_url", "https://example.com/speech.wav"),
                  RunOptions.DEFAULT.withOffline(true)))
          .isInstanceOfSatisfying(
              InvalidPipelineException.class,
              e ->
                  assertThat(e.problems())
                      .anySatisfy(p -> {
                        assertThat(p.location().nodeId()).isEqualTo("asr");
                        assertThat(p.message()).contains("Offline");
                      }));
    }
    assertThat(cloud.server.tasksCreated()).isZero();
  }

  @Test
  void offlineInTheSettingsAlsoRefusesDashScopeOnAnotherMachine() {
    dashScopeBase = "https://dashscope-intl.aliyuncs.com";
    offlineSetting = true;
    try (EngineRig rig = rig(inProcess)) {
      assertThatThrownBy(
              () -> rig.run(loadAndTranscribe("audio_url", "https://example.com/speech.wav")))
          .isInstanceOfSatisfying(
              InvalidPipelineException.class, e -> assertThat(e.userMessage()).contains("Offline"));
    }
    assertThat(cloud.server.tasksCreated()).isZero();
  }

  @Test
  void theCloudMapsSentencesWordsSpeakersAndSendsTheLanguageHint() throws Exception {
    try (EngineRig rig = rig(inProcess)) {
      TranscriptAsset t =
          transcript(
              rig.run(
                  loadAndTranscribe(
                      "backend",
                      "cloud",
                      "audio_url",
                      "https://example.com/speech.wav",
                      "language",
                      "en",
                      "diarization",
                      true)));
      assertThat(t.segments()).hasSize(2);
      TranscriptAsset.Segment first = t.segments().getFirst();
      assertThat(first.start()).isEqualTo(0.12);
      assertThat(first.end()).isEqualTo(2.3);
      assertThat(first.speaker()).isEqualTo("Speaker 1");
      assertThat(t.segments().get(1).speaker()).isEqualTo("Speaker 2");
      assertThat(first.words()).extracting(TranscriptAsset.Word::text).endsWith("server.");
      assertThat(t.segments().get(1).text()).contains("Hints en").contains("model fun-asr");
      assertThat(t.language()).contains("en");
      assertThat(t.tokens()).hasSize(first.words().size() + t.segments().get(1).words().size());
    }
    String body =
        cloud
            .server
            .requests("POST", "/api/v1/services/audio/asr/transcription")
            .getFirst()
            .bodyText();
    assertThat(body)
        .contains("\"diarization_enabled\":true")
        .contains("\"language_hints\":[\"en\"]");
  }

  @Test
  void aFileTheServiceCannotFetchFailsWithItsCode() {
    cloud.server.failFile(
        "https://example.com/gone.wav", "InvalidFile.DownloadFailed", "cannot download the file");
    try (EngineRig rig = rig(inProcess)) {
      RunResult r =
          rig.run(
              loadAndTranscribe("backend", "cloud", "audio_url", "https://example.com/gone.wav"));
      NodeOutcome asr = r.node("asr").orElseThrow();
      assertThat(asr.state()).isEqualTo(NodeOutcome.State.FAILED);
      assertThat(asr.error()).contains("InvalidFile.DownloadFailed").contains("gone.wav");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Starts a cloud run, waits until its task has been polled a few times, and cancels it. */
  private void startAndStop(Graph g) throws Exception {
    try (EngineRig rig = rig(inProcess)) {
      RunHandle h = rig.start(g, RunOptions.DEFAULT);
      while (taskIds().size() != 1 || cloud.server.polls(taskIds().getFirst()) < 3) {
        Thread.sleep(5);
      }
      h.cancel();
      assertThat(h.await().status()).isEqualTo(RunStatus.CANCELLED);
    }
  }

  @Test
  void aRestartedStudioResumesTheCloudTaskInsteadOfCreatingAnother() throws Exception {
    // running for a while (wall time, as a real task), so it is still running when resumed
    cloud.server.defaultTask(TaskScript.succeedsAfter(Duration.ZERO, Duration.ofMillis(1500)));
    // the cancel never reaches the service, as when the studio is closed or crashes mid-task
    cloud.server.failNext(ProtocolTestServer.Route.TASK_CANCEL, Fault.internalError());
    Graph g = loadAndTranscribe("backend", "cloud", "audio_url", "https://example.com/long.wav");
    startAndStop(g);
    String taskId = onlyTaskId();
    assertThat(cloud.server.wasCancelled(taskId)).isFalse();
    try (EngineRig rig = rig(inProcess)) { // a fresh engine, as after a restart
      transcript(rig.run(g, RunOptions.DEFAULT.withoutCache()));
    }
    assertThat(cloud.server.tasksCreated()).as("tasks created").isEqualTo(1);
  }

  @Test
  void aTaskCancelledOnTheServiceIsReplacedOnTheNextRun() throws Exception {
    cloud.server.defaultTask(TaskScript.succeedsAfterPolls(1, 1_000_000));
    Graph g = loadAndTranscribe("backend", "cloud", "audio_url", "https://example.com/long.wav");
    startAndStop(g);
    // the client asks the service to cancel on a thread of its own, right after the run stops
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!cloud.server.wasCancelled(onlyTaskId()) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(cloud.server.wasCancelled(onlyTaskId())).isTrue();
    cloud.server.defaultTask(TaskScript.succeedsAfterPolls(0, 0));
    try (EngineRig rig = rig(inProcess)) {
      assertThat(transcript(rig.run(g, RunOptions.DEFAULT.withoutCache())).text())
          .contains("Hello from the test server.");
    }
    assertThat(cloud.server.tasksCreated()).as("tasks created").isEqualTo(2);
  }

  private String onlyTaskId() {
    List<String> ids = taskIds();
    assertThat(ids).hasSize(1);
    return ids.getFirst();
  }

  private List<String> taskIds() {
    List<String> ids = new ArrayList<>();
    for (var r : cloud.server.requests("GET", "/api/v1/tasks/")) {
      String id = r.path().substring("/api/v1/tasks/".length());
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void cancelStopsBetweenUtterancesAndLeavesNoTranscript() throws Exception {
    installModels();
    float[] longer = new float[0];
    for (int k = 0; k < 30; k++) {
      float[] next = new float[longer.length + speech.samples().length];
      System.arraycopy(longer, 0, next, 0, longer.length);
      System.arraycopy(speech.samples(), 0, next, longer.length, speech.samples().length);
      longer = next;
    }
    AudioFiles.write(AudioAsset.mono(16000, longer), dir.resolve("long.wav"));
    Graph g =
        Graphs.create()
            .node("asr", TranscribeSpeechNode.ID, "file", "long.wav", "vad", true)
            .build();
    try (EngineRig rig = rig(inProcess)) {
      RunHandle h = rig.start(g, RunOptions.DEFAULT);
      while (rig.events(RunEvent.NodeProgress.class).stream().noneMatch(p -> p.fraction() > 0.05)) {
        Thread.sleep(2);
      }
      h.cancel();
      RunResult r = h.await();
      assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(r.node("asr").orElseThrow().state()).isEqualTo(NodeOutcome.State.CANCELLED);
      assertThat(
              rig.events(RunEvent.NodeProgress.class).stream()
                  .mapToDouble(RunEvent.NodeProgress::fraction)
                  .max()
                  .orElse(0))
          .isLessThan(1.0);
    }
  }

  @Test
  void aChangedModelFileInvalidatesTheCachedTranscript() throws Exception {
    library.addFolder(vadFolder, "silero-vad-v5");
    Path copy = Files.createDirectories(dir.resolve("my-model"));
    for (String f : List.of("model.int8.onnx", "tokens.txt")) {
      Files.copy(senseVoice.resolve(f), copy.resolve(f));
    }
    Graph g = loadAndTranscribe("model", "my-model");
    try (EngineRig rig = rig(inProcess)) {
      transcript(rig.run(g));
      rig.run(g);
      assertThat(rig.events(RunEvent.NodeCached.class))
          .extracting(RunEvent.NodeCached::nodeId)
          .contains("asr");
      Files.setLastModifiedTime(
          copy.resolve("tokens.txt"), FileTime.from(Instant.now().plusSeconds(60)));
      rig.run(g);
      assertThat(rig.events(RunEvent.NodeCached.class))
          .extracting(RunEvent.NodeCached::nodeId)
          .doesNotContain("asr");
    }
  }

  @Test
  void theSupervisedWorkerTranscribesLikeTheInProcessHost() throws Exception {
    installModels();
    TranscriptAsset here;
    try (EngineRig rig = rig(inProcess)) {
      here = transcript(rig.run(loadAndTranscribe()));
    }
    try (WorkerModelExecutor worker =
            new WorkerModelExecutor(WorkerModelExecutor.Options.defaults(dir.resolve("logs")));
        EngineRig rig = rig(worker)) {
      TranscriptAsset there =
          transcript(rig.run(loadAndTranscribe(), RunOptions.DEFAULT.withoutCache()));
      assertThat(there).isEqualTo(here);
    }
  }
}
