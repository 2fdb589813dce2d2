package dev.weft.pipelines.models.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.assets.TextAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.audio.WavFormat;
import dev.weft.assets.audio.WavWriter;
import dev.weft.assets.video.VideoFiles;
import dev.weft.assets.video.VideoInfo;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.http.Sleeper;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.VideoModels;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.protocol.CloudEngineRig;
import dev.weft.pipelines.testing.protocol.Fault;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer.Route;
import dev.weft.pipelines.testing.protocol.RecordedRequest;
import dev.weft.pipelines.testing.protocol.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Make video (Wan2.5) through the engine against the protocol test server (FFmpeg probes). */
@Tag("native")
class MakeVideoNodeTest {
  @TempDir Path dir;
  CloudEngineRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  private CloudEngineRig instant() {
    rig = new CloudEngineRig(dir);
    return rig;
  }

  /** Real waits on a short cadence, for tasks that take real time (cancel, resume). */
  private CloudEngineRig timed() {
    rig =
        new CloudEngineRig(
            dir, Sleeper.real(), new PollCadence(Duration.ofMillis(20), 3, Duration.ofMillis(60)));
    return rig;
  }

  private static Graph t2v(Object... params) {
    Object[] all = new Object[params.length + 2];
    all[0] = "prompt";
    all[1] = "a red fox running through fresh snow";
    System.arraycopy(params, 0, all, 2, params.length);
    return Graphs.create().node("make", MakeVideoNode.ID, all).build();
  }

  private List<RecordedRequest> creates() {
    return rig.server().requests("POST", "/api/v1/services/aigc/video-generation/video-synthesis");
  }

  private Path tasksDir() {
    return dir.resolve(".weft/cloud-tasks");
  }

  private long pendingRecords() throws Exception {
    if (!Files.isDirectory(tasksDir())) {
      return 0;
    }
    try (Stream<Path> s = Files.list(tasksDir())) {
      return s.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void textToVideoDownloadsTheMp4IntoTheStoreWithItsRealFacts() throws Exception {
    instant();
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    VideoAsset video = (VideoAsset) r.nodes().get("make").output("video");
    Path sample = dir.resolve("sample.mp4");
    Files.write(sample, rig.server().mp4());
    VideoInfo expected = VideoFiles.probe(sample);
    assertThat(video.width()).isEqualTo(expected.width());
    assertThat(video.height()).isEqualTo(expected.height());
    assertThat(video.fps()).isEqualTo(expected.fps());
    assertThat(video.durationSeconds()).isEqualTo(expected.durationSeconds());
    assertThat(video.file()).startsWith(dir.resolve(".weft/store"));
    assertThat(Files.readAllBytes(video.file())).isEqualTo(rig.server().mp4());
  }

  @Test
  void theRequestFollowsTheModelsShape() throws Exception {
    instant();
    rig.engine.run(t2v("negative_prompt", "blurry", "size", "1280*720", "duration", 10, "seed", 7));
    JsonNode body = creates().getFirst().json();
    assertThat(body.path("model").asText()).isEqualTo("wan2.5-t2v-preview");
    assertThat(body.path("input").path("negative_prompt").asText()).isEqualTo("blurry");
    assertThat(body.path("parameters").path("size").asText()).isEqualTo("1280*720");
    assertThat(body.path("parameters").path("duration").asInt()).isEqualTo(10);
    assertThat(body.path("parameters").path("seed").asLong()).isEqualTo(7);
    assertThat(creates().getFirst().header("X-DashScope-Async")).contains("enable");
  }

  @Test
  void theExtendedPromptIsAnOutputALogLineAndAPreview() throws Exception {
    instant();
    RunResult r = rig.engine.run(t2v());
    String extended = ((TextAsset) r.nodes().get("make").output("prompt")).text();
    assertThat(extended)
        .startsWith("a red fox running through fresh snow")
        .contains("Cinematic lighting");
    assertThat(rig.engine.events(RunEvent.NodeLog.class))
        .anyMatch(l -> l.message().equals("extended prompt: " + extended));
    assertThat(rig.engine.events(RunEvent.NodePreview.class))
        .anyMatch(p -> p.value() instanceof TextAsset t && t.text().equals(extended));
  }

  @Test
  void withoutPromptExtensionThePromptComesBackAsSent() throws Exception {
    instant();
    RunResult r = rig.engine.run(t2v("prompt_extend", false));
    assertThat(((TextAsset) r.nodes().get("make").output("prompt")).text())
        .isEqualTo("a red fox running through fresh snow");
  }

  @Test
  void progressShowsTheStatusTheTimeTakenAndTheUsualTime() throws Exception {
    instant();
    rig.server().nextTask(TaskScript.succeedsAfterPolls(2, 3));
    rig.engine.run(t2v());
    List<String> messages =
        rig.engine.events(RunEvent.NodeProgress.class).stream()
            .map(RunEvent.NodeProgress::message)
            .toList();
    assertThat(messages).anyMatch(m -> m.startsWith("PENDING · 0:00 elapsed"));
    assertThat(messages).anyMatch(m -> m.startsWith("RUNNING") && m.endsWith("usually about 3:00"));
    assertThat(messages).anyMatch(m -> m.startsWith("downloading"));
  }

  @Test
  void theBackendIsShownOnTheNode() throws Exception {
    instant();
    rig.engine.run(t2v());
    RunEvent.NodeBackend b = rig.engine.events(RunEvent.NodeBackend.class).getFirst();
    assertThat(b.backend()).isEqualTo("cloud:dashscope");
    assertThat(b.model()).isEqualTo("wan2.5-t2v-preview");
  }

  @Test
  void aFirstFrameMakesImageToVideoAndTravelsAsADataUrl() throws Exception {
    instant();
    Path frame = rig.image("frame.png", 640, 480);
    Graph g =
        Graphs.create()
            .node("img", "image.load", "file", "frame.png")
            .node("make", MakeVideoNode.ID, "prompt", "the disc rolls away", "resolution", "720P")
            .edge("img.image", "make.image")
            .build();
    RunResult r = rig.engine.run(g);
    assertThat(r.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode body = creates().getFirst().json();
    assertThat(body.path("model").asText()).isEqualTo("wan2.5-i2v-preview");
    assertThat(body.path("input").path("img_url").asText()).startsWith("data:image/jpeg;base64,");
    assertThat(body.path("parameters").path("resolution").asText()).isEqualTo("720P");
    assertThat(frame).exists();
  }

  @Test
  void aFirstFrameBelowWansLimitIsRefusedAtItsPort() throws Exception {
    instant();
    rig.image("small.png", 300, 300);
    Graph g =
        Graphs.create()
            .node("img", "image.load", "file", "small.png")
            .node("make", MakeVideoNode.ID, "prompt", "x")
            .edge("img.image", "make.image")
            .build();
    RunResult r = rig.engine.run(g);
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("make")).contains("300x300").contains("at least 360");
    assertThat(creates()).isEmpty();
  }

  @Test
  void audioGoesThroughTheTemporaryUpload() throws Exception {
    instant();
    Path wav = dir.resolve("voice.wav");
    WavWriter.write(
        dev.weft.assets.AudioAsset.mono(16000, sine(16000 * 4)), wav, WavFormat.PCM_S16);
    Graph g =
        Graphs.create()
            .node("a", "audio.load", "file", "voice.wav")
            .node("make", MakeVideoNode.ID, "prompt", "a fox sings")
            .edge("a.audio", "make.audio")
            .build();
    RunResult r = rig.engine.run(g);
    assertThat(r.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    RecordedRequest create = creates().getFirst();
    String audioUrl = create.json().path("input").path("audio_url").asText();
    assertThat(audioUrl).startsWith("oss://");
    assertThat(create.header("X-DashScope-OssResourceResolve")).contains("enable");
    assertThat(rig.server().upload(audioUrl)).isNotNull();
  }

  private static float[] sine(int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
    }
    return s;
  }

  @Test
  void aParameterTheModelDoesNotTakeIsReportedBeforeAnythingIsSent() {
    instant();
    Graph g = t2v("model", "wan2.5-t2v-preview", "duration", 7);
    assertThatThrownBy(() -> rig.engine.run(g))
        .isInstanceOfSatisfying(
            InvalidPipelineException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> {
                      assertThat(p.location().param()).isEqualTo("duration");
                      assertThat(p.message()).contains("5 or 10 s");
                    }));
    assertThat(rig.server().requests()).isEmpty();
  }

  @Test
  void aFailedTaskFailsTheNodeWithTheServicesCodeAndIsForgotten() throws Exception {
    instant();
    rig.server()
        .nextTask(
            TaskScript.failsAfterPolls(
                1, "DataInspectionFailed", "Input data may contain inappropriate content."));
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("make")).contains("DataInspectionFailed").contains("moderation");
    assertThat(pendingRecords()).isZero();
  }

  @Test
  void aWrongKeyFailsBeforeATaskExists() throws Exception {
    instant();
    rig.server().acceptKeys("sk-another-key-1111");
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("make")).contains("InvalidApiKey");
    assertThat(rig.server().tasksCreated()).isZero();
    assertThat(pendingRecords()).isZero();
  }

  @Test
  void aDroppedCreateIsNeverSentAgain() throws Exception {
    instant();
    rig.server().failNext(Route.VIDEO_CREATE, Fault.drop());
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(creates()).hasSize(1);
  }

  @Test
  void throttledCreatesAreRetried() throws Exception {
    instant();
    rig.server().failNext(Route.VIDEO_CREATE, Fault.throttled(1));
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.server().tasksCreated()).isEqualTo(1);
  }

  @Test
  void unavailablePollsAreRiddenOut() throws Exception {
    instant();
    rig.server()
        .failNext(Route.TASK_POLL, Fault.unavailable(), Fault.gatewayTimeout(), Fault.drop());
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.server().tasksCreated()).isEqualTo(1);
  }

  @Test
  void anInterruptedDownloadIsRetriedAndLeavesNoPartialFile() throws Exception {
    instant();
    rig.server().failNext(Route.FILE_DOWNLOAD, Fault.drop());
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.server().requests("GET", "/files/")).hasSize(2);
  }

  @Test
  void cancellingMidTaskCancelsTheRemoteTask() throws Exception {
    timed();
    rig.server().nextTask(TaskScript.succeedsAfter(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    RunHandle handle = rig.engine.start(t2v(), RunOptions.DEFAULT);
    rig.waitFor("the task to be pending", this::pending);
    handle.cancel();
    RunResult r = handle.await(Duration.ofSeconds(20)).orElseThrow();
    assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
    String taskId = taskIdOf(0);
    // the remote cancel is sent from its own thread
    rig.waitFor("the remote cancel", () -> rig.server().wasCancelled(taskId));
  }

  @Test
  void aRunAfterACancelStartsANewTask() throws Exception {
    timed();
    rig.server().nextTask(TaskScript.succeedsAfter(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    RunHandle handle = rig.engine.start(t2v(), RunOptions.DEFAULT);
    rig.waitFor("the task to be pending", this::pending);
    handle.cancel();
    handle.await(Duration.ofSeconds(20)).orElseThrow();
    String first = taskIdOf(0);
    rig.waitFor("the remote cancel", () -> rig.server().wasCancelled(first));
    rig.server().defaultTask(TaskScript.succeedsAfter(Duration.ZERO, Duration.ofMillis(100)));
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.server().tasksCreated()).isEqualTo(2);
    assertThat(pendingRecords()).isZero();
  }

  @Test
  void aRestartResumesPollingTheSameTaskInsteadOfPayingAgain() throws Exception {
    timed();
    VideoModels v = rig.settings.get().models().video();
    Settings patient = rig.settings.get();
    rig.settings.set(withTimeout(patient, Duration.ofMillis(300)));
    rig.server().nextTask(TaskScript.succeedsAfter(Duration.ZERO, Duration.ofMillis(1500)));
    RunResult first = rig.engine.run(t2v());
    assertThat(first.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("make")).contains("did not finish").contains("resume");
    assertThat(pendingRecords()).isEqualTo(1);

    rig.settings.set(patient);
    rig.engine.restart();
    RunResult second = rig.engine.run(t2v());
    assertThat(second.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.server().tasksCreated()).isEqualTo(1);
    assertThat(rig.engine.events(RunEvent.NodeLog.class))
        .anyMatch(l -> l.message().startsWith("resuming video task " + taskIdOf(0)));
    assertThat(pendingRecords()).isZero();
    assertThat(v.taskTimeout()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aResumedTaskTheServiceNoLongerKnowsIsReplacedByANewOne() throws Exception {
    instant();
    Files.createDirectories(tasksDir());
    // a record left by an earlier Weft for exactly this request, naming a task that expired
    rig.settings.set(withTimeout(rig.settings.get(), Duration.ofMillis(1)));
    rig.server().nextTask(TaskScript.succeedsAfterPolls(100_000, 0));
    rig.engine.run(t2v());
    assertThat(pendingRecords()).isEqualTo(1);
    Path record;
    try (Stream<Path> s = Files.list(tasksDir())) {
      record = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    Files.writeString(
        record,
        Files.readString(record).replace(taskIdOf(0), "00000000-0000-0000-0000-expired0000"));
    rig.settings.set(withTimeout(rig.settings.get(), Duration.ofMinutes(1)));
    RunResult r = rig.engine.run(t2v());
    assertThat(r.status()).as(rig.failure("make")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.engine.events(RunEvent.NodeLog.class))
        .anyMatch(l ->
            l.level() == RunEvent.NodeLog.Level.WARNING
                && l.message().contains("is no longer known to the service; starting a new one"));
    assertThat(rig.server().tasksCreated()).isEqualTo(2);
  }

  @Test
  void offlineRefusesTheCloudBeforeTheRun() {
    rig =
        new CloudEngineRig(
            dir, Map.of("DASHSCOPE_BASE_URL", "https://dashscope-intl.aliyuncs.com"));
    assertThatThrownBy(() -> rig.engine.run(t2v(), RunOptions.DEFAULT.withOffline(true)))
        .isInstanceOfSatisfying(
            InvalidPipelineException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p.message()).contains("Offline")));
  }

  @Test
  void aSecondRunIsServedFromTheCacheWithoutANewTask() throws Exception {
    instant();
    rig.engine.run(t2v());
    RunResult again = rig.engine.run(t2v());
    assertThat(again.nodes().get("make").state()).isEqualTo(NodeOutcome.State.CACHED);
    assertThat(rig.server().tasksCreated()).isEqualTo(1);
  }

  private boolean pending() {
    return rig.engine.events(RunEvent.NodeProgress.class).stream()
        .anyMatch(p -> p.message().startsWith("PENDING"));
  }

  private String taskIdOf(int index) {
    List<RecordedRequest> polls = rig.server().requests("GET", "/api/v1/tasks/");
    assertThat(polls).isNotEmpty();
    return polls.get(index).path().substring("/api/v1/tasks/".length());
  }

  private static Settings withTimeout(Settings s, Duration timeout) {
    VideoModels v = s.models().video();
    VideoModels changed =
        new VideoModels(
            v.defaultTextToVideo(), v.defaultImageToVideo(), v.shapes(), v.idSuffixes(), timeout);
    var m = s.models();
    return new Settings(
        s.offline(),
        s.backendPolicy(),
        s.dashscope(),
        s.endpoints(),
        new dev.weft.pipelines.settings.CloudModels(m.vision(), m.omni(), changed, m.asr()));
  }

  @SuppressWarnings("unused")
  private static String key() {
    return ProtocolTestServer.KEY;
  }
}
