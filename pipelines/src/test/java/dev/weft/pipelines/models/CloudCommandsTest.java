package dev.weft.pipelines.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.audio.WavFormat;
import dev.weft.assets.audio.WavWriter;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.http.Sleeper;
import dev.weft.pipelines.cli.ExitCodes;
import dev.weft.pipelines.cli.Interrupts;
import dev.weft.pipelines.cli.WeftCli;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.CloudModels;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.VideoModels;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import dev.weft.pipelines.testing.protocol.ChatScript;
import dev.weft.pipelines.testing.protocol.CloudEngineRig;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import dev.weft.pipelines.testing.protocol.RecordedRequest;
import dev.weft.pipelines.testing.protocol.TaskScript;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft look}, {@code weft video} and {@code weft talk} end to end: picocli, the engine and
 * the real clients against the protocol test server. Each command builds a fresh context, as a new
 * process would.
 */
@Tag("native")
class CloudCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  CloudEngineRig rig;
  ByteArrayOutputStream out;
  ByteArrayOutputStream err;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  private CloudEngineRig rig() {
    if (rig == null) {
      rig = new CloudEngineRig(dir.resolve("project"));
    }
    return rig;
  }

  private int weft(String... args) {
    return weft(Interrupts.none(), args);
  }

  private int weft(Interrupts interrupts, String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--project");
    all.add(dir.resolve("project").toString());
    CloudEngineRig r = rig();
    return WeftCli.execute(
        all.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        v -> {},
        () ->
            new WeftContext(
                PlatformDirs.under(dir.resolve("home")),
                TestCatalog.withTestNodes(),
                Services.builder().put(CloudClients.class, r.clients()).build(),
                new Lanes(Lanes.Config.forThisMachine())),
        interrupts);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : stdout().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private Path image() throws Exception {
    Files.createDirectories(dir.resolve("project"));
    return rig().image("photo.png", 480, 400);
  }

  private List<RecordedRequest> chats() {
    return rig().server().requests().stream()
        .filter(r -> r.path().endsWith("/chat/completions"))
        .toList();
  }

  /** An interrupt source a test fires by hand, like Ctrl-C. */
  private static final class Keyboard implements Interrupts {
    final AtomicReference<Runnable> handler = new AtomicReference<>();

    @Override
    public AutoCloseable onInterrupt(Runnable action) {
      handler.set(action);
      return () -> handler.set(null);
    }
  }

  // ---- weft look ----

  @Test
  void lookPrintsTheAnswerOnStdoutAndTheBackendOnStderr() throws Exception {
    rig().server().nextChat(ChatScript.text("A red ", "disc."));
    int code = weft("look", image().toString(), "--prompt", "What is it?");
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(stdout()).isEqualTo("A red disc." + System.lineSeparator());
    assertThat(stderr()).contains("backend: cloud:dashscope (qwen3-vl-plus)");
  }

  @Test
  void lookWithJsonPrintsOneEventPerLine() throws Exception {
    int code = weft("look", image().toString(), "--prompt", "What is it?", "--json");
    assertThat(code).isEqualTo(ExitCodes.OK);
    List<JsonNode> lines = jsonLines();
    assertThat(lines).anyMatch(l -> l.path("event").asText().equals("node.backend"));
    JsonNode finished =
        lines.stream()
            .filter(l -> l.path("event").asText().equals("node.finished"))
            .filter(l -> l.path("node").asText().equals("look"))
            .findFirst()
            .orElseThrow();
    assertThat(finished.path("outputs").path("text").path("text").asText())
        .startsWith("You asked: \u201cWhat is it?\u201d");
  }

  @Test
  void lookWithAnEndpointUrlTalksToThatServer() throws Exception {
    int code =
        weft(
            "look",
            image().toString(),
            "--prompt",
            "Hi",
            "--endpoint",
            rig().server().openAiBase());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(chats().getLast().path()).isEqualTo("/v1/chat/completions");
    assertThat(stderr()).contains("backend: server:command-line (Qwen/Qwen3-VL-8B-Instruct)");
  }

  @Test
  void lookWithAnEndpointNameAndAModelUsesBoth() throws Exception {
    int code =
        weft(
            "look",
            image().toString(),
            "--prompt",
            "Hi",
            "--endpoint",
            "gpu-box",
            "--model",
            "my-vl");
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(chats().getLast().json().path("model").asText()).isEqualTo("my-vl");
    assertThat(stderr()).contains("server:gpu-box (my-vl)");
  }

  @Test
  void lookAtAMissingImageIsAnArgumentError() {
    int code = weft("look", dir.resolve("nope.png").toString(), "--prompt", "Hi");
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("nope.png: no such file");
    assertThat(rig().server().requests()).isEmpty();
  }

  @Test
  void anEndpointThatIsNeitherAUrlNorANameIsAnArgumentError() throws Exception {
    int code = weft("look", image().toString(), "--prompt", "Hi", "--endpoint", "nowhere");
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("neither a URL nor the name").contains("gpu-box");
  }

  @Test
  void aWrongKeyExitsOneWithTheHint() throws Exception {
    rig().server().acceptKeys("sk-not-this-one-000");
    int code = weft("look", image().toString(), "--prompt", "Hi");
    assertThat(code).isEqualTo(ExitCodes.NODE_FAILED);
    assertThat(stderr()).contains("error:").contains("401").contains("Fix:");
  }

  @Test
  void aBadParameterValueIsAnArgumentError() throws Exception {
    int code = weft("look", image().toString(), "--prompt", "Hi", "--temperature", "5");
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("temperature");
  }

  @Test
  void ctrlCDuringTheAnswerCancelsAndExits130() throws Exception {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      words.add("w" + i + " ");
    }
    rig()
        .server()
        .nextChat(
            ChatScript.defaults().withText(words).withSplits(100).withPause(Duration.ofMillis(20)));
    Keyboard keyboard = new Keyboard();
    Thread presser =
        Thread.ofVirtual()
            .start(() -> {
              try {
                rig()
                    .waitFor(
                        "the answer to start",
                        () -> !chats().isEmpty() && keyboard.handler.get() != null);
                Thread.sleep(100);
                keyboard.handler.get().run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    int code = weft(keyboard, "look", image().toString(), "--prompt", "Hi");
    presser.join();
    assertThat(code).isEqualTo(ExitCodes.CANCELLED);
    assertThat(stderr()).contains("cancelling");
  }

  // ---- weft video ----

  @Test
  void videoWritesTheMp4WhereAskedAndPrintsThePath() throws Exception {
    Path clip = dir.resolve("clips/fox.mp4");
    int code = weft("video", "--prompt", "a fox in snow", "--out", clip.toString());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readAllBytes(clip)).isEqualTo(rig().server().mp4());
    assertThat(stdout().strip()).isEqualTo(clip.toString());
    assertThat(stderr()).contains("extended prompt: a fox in snow Cinematic lighting");
  }

  @Test
  void videoFromAnImageSendsItAsTheFirstFrame() throws Exception {
    int code = weft("video", "--prompt", "it rolls", "--image", image().toString());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    JsonNode body = rig().server().requests("POST", "/api/v1/services/aigc/").getFirst().json();
    assertThat(body.path("model").asText()).isEqualTo("wan2.5-i2v-preview");
    assertThat(body.path("input").path("img_url").asText()).startsWith("data:image/jpeg");
  }

  @Test
  void videoWithJsonReportsTheSavedFile() throws Exception {
    Path clip = dir.resolve("fox.mp4");
    int code = weft("video", "--prompt", "a fox", "--out", clip.toString(), "--json");
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(jsonLines())
        .anyMatch(l ->
            l.path("event").asText().equals("output.saved")
                && l.path("file").asText().equals(clip.toString()));
  }

  @Test
  void videoWithAnEndpointSendsDashScopeCallsToThatHost() throws Exception {
    rig =
        new CloudEngineRig(
            dir.resolve("project"),
            Map.of("DASHSCOPE_BASE_URL", "https://dashscope-intl.aliyuncs.com"));
    int code = weft("video", "--prompt", "a fox", "--endpoint", rig.server().baseUrl());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(rig.server().tasksCreated()).isEqualTo(1);
  }

  @Test
  void videoWithoutAPromptOrImageIsAnArgumentError() {
    assertThat(weft("video")).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("--prompt");
  }

  @Test
  void runningTheSameVideoCommandAfterAnInterruptionResumesTheTask() throws Exception {
    rig =
        new CloudEngineRig(
            dir.resolve("project"),
            Sleeper.real(),
            new PollCadence(Duration.ofMillis(20), 3, Duration.ofMillis(60)));
    Settings patient = rig.settings.get();
    rig.settings.set(withTimeout(patient, Duration.ofMillis(300)));
    rig.server().nextTask(TaskScript.succeedsAfter(Duration.ZERO, Duration.ofMillis(1500)));
    assertThat(weft("video", "--prompt", "a fox")).isEqualTo(ExitCodes.NODE_FAILED);
    assertThat(stderr()).contains("did not finish");

    rig.settings.set(patient);
    int code = weft("video", "--prompt", "a fox", "--out", dir.resolve("fox.mp4").toString());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(rig.server().tasksCreated()).isEqualTo(1);
    assertThat(dir.resolve("fox.mp4")).exists();
  }

  @Test
  void ctrlCDuringAVideoTaskCancelsTheRemoteTask() throws Exception {
    rig =
        new CloudEngineRig(
            dir.resolve("project"),
            Sleeper.real(),
            new PollCadence(Duration.ofMillis(20), 3, Duration.ofMillis(60)));
    rig.server().nextTask(TaskScript.succeedsAfter(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    Keyboard keyboard = new Keyboard();
    Thread presser =
        Thread.ofVirtual()
            .start(() -> {
              try {
                rig.waitFor(
                    "a poll",
                    () ->
                        !rig.server().requests("GET", "/api/v1/tasks/").isEmpty()
                            && keyboard.handler.get() != null);
                keyboard.handler.get().run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    int code = weft(keyboard, "video", "--prompt", "a long one");
    presser.join();
    assertThat(code).isEqualTo(ExitCodes.CANCELLED);
    String taskId =
        rig.server()
            .requests("GET", "/api/v1/tasks/")
            .getFirst()
            .path()
            .substring("/api/v1/tasks/".length());
    rig.waitFor("the remote cancel", () -> rig.server().wasCancelled(taskId));
  }

  // ---- weft talk ----

  @Test
  void talkStreamsTheTextAndWritesTheSpeech() throws Exception {
    byte[] tone = ProtocolTestServer.tone(0.6);
    rig().server().nextChat(ChatScript.text("Hello ", "there.").withAudio(tone, 999));
    Path wav = dir.resolve("answer.wav");
    int code = weft("talk", "--prompt", "Greet me", "--speech-out", wav.toString());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(stdout()).isEqualTo("Hello there." + System.lineSeparator());
    AudioAsset speech = AudioFiles.read(wav);
    assertThat(speech.sampleRate()).isEqualTo(24000);
    assertThat(speech.frames()).isEqualTo(tone.length / 2);
    ByteBuffer b = ByteBuffer.wrap(tone).order(ByteOrder.LITTLE_ENDIAN);
    float[] samples = speech.copySamples();
    for (int i = 0; i < samples.length; i++) {
      assertThat(Math.round(samples[i] * 32768f)).isEqualTo((int) b.getShort());
    }
  }

  @Test
  void talkToAVllmOmniUrlFallsBackToAWholeReply() throws Exception {
    rig().server().vllmOmniStreams(false);
    Path q = dir.resolve("q.wav");
    WavWriter.write(AudioAsset.mono(16000, new float[8000]), q, WavFormat.PCM_S16);
    int code =
        weft(
            "talk",
            "--prompt",
            "Answer",
            "--audio",
            q.toString(),
            "--endpoint",
            rig().server().vllmOmniBase(),
            "--model",
            "Qwen/Qwen3-Omni-30B-A3B-Instruct",
            "--speech-out",
            dir.resolve("a.wav").toString());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(rig().server().requests("POST", "/vllm-omni/v1/chat/completions")).hasSize(2);
    assertThat(dir.resolve("a.wav")).exists();
  }

  @Test
  void talkTakesOneMediumOnly() throws Exception {
    Path q = dir.resolve("q.wav");
    WavWriter.write(AudioAsset.mono(16000, new float[800]), q, WavFormat.PCM_S16);
    int code =
        weft("talk", "--prompt", "Hm", "--image", image().toString(), "--audio", q.toString());
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(rig().server().requests()).isEmpty();
  }

  @Test
  void talkRefusesASpeechFileItCannotWrite() {
    int code = weft("talk", "--prompt", "Hm", "--speech-out", dir.resolve("a.xyz").toString());
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("a.xyz");
  }

  private static Settings withTimeout(Settings s, Duration timeout) {
    VideoModels v = s.models().video();
    CloudModels m = s.models();
    return new Settings(
        s.offline(),
        s.backendPolicy(),
        s.dashscope(),
        s.endpoints(),
        new CloudModels(
            m.vision(),
            m.omni(),
            new VideoModels(
                v.defaultTextToVideo(),
                v.defaultImageToVideo(),
                v.shapes(),
                v.idSuffixes(),
                timeout),
            m.asr()));
  }
}
