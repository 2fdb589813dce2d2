package dev.weft.pipelines.models.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.assets.Provenance;
import dev.weft.assets.TextAsset;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.protocol.ChatScript;
import dev.weft.pipelines.testing.protocol.CloudEngineRig;
import dev.weft.pipelines.testing.protocol.Fault;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer.Route;
import dev.weft.pipelines.testing.protocol.RecordedRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Look (Qwen3-VL) through the engine against the protocol test server. */
class LookNodeTest {
  @TempDir Path dir;
  CloudEngineRig rig;

  @BeforeEach
  void start() {
    rig = new CloudEngineRig(dir);
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private Graph look(Path image, Object... params) {
    Object[] all = new Object[params.length + 2];
    all[0] = "prompt";
    all[1] = "What is in the picture?";
    System.arraycopy(params, 0, all, 2, params.length);
    return Graphs.create()
        .node("img", "image.load", "file", image.getFileName().toString())
        .node("look", LookNode.ID, all)
        .edge("img.image", "look.images")
        .build();
  }

  private RecordedRequest chatRequest() {
    List<RecordedRequest> chats =
        rig.server().requests().stream()
            .filter(r -> r.path().endsWith("/chat/completions"))
            .toList();
    assertThat(chats).isNotEmpty();
    return chats.getLast();
  }

  private static List<JsonNode> parts(RecordedRequest r) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : r.json().path("messages")) {
      if (m.path("role").asText().equals("user")) {
        m.path("content").forEach(out::add);
      }
    }
    return out;
  }

  private static BufferedImage decode(String dataUrl) throws Exception {
    String b64 = dataUrl.substring(dataUrl.indexOf(',') + 1);
    return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
  }

  private String text(RunResult r, String node, String port) {
    return ((TextAsset) r.nodes().get(node).output(port)).text();
  }

  @Test
  void theAnswerStreamsAsPreviewsAndEndsOnTheTextOutput() throws Exception {
    rig.server()
        .nextChat(
            ChatScript.text("A ", "red ", "disc ", "on ", "a ", "gradient.")
                .withSplits(180)
                .withPause(Duration.ofMillis(60)));
    RunResult r = rig.engine.run(look(rig.image("in.png", 320, 240)));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(text(r, "look", "text")).isEqualTo("A red disc on a gradient.");
    List<String> previews =
        rig.engine.events(RunEvent.NodePreview.class).stream()
            .filter(p -> p.nodeId().equals("look"))
            .map(p -> ((TextAsset) p.value()).text())
            .toList();
    assertThat(previews.size()).isGreaterThan(1);
    assertThat(previews).allMatch("A red disc on a gradient."::startsWith);
    assertThat(previews.getLast()).isEqualTo("A red disc on a gradient.");
  }

  @Test
  void theImageGoesAsADataUrlInAStreamedDashScopeRequest() throws Exception {
    RunResult r = rig.engine.run(look(rig.image("in.png", 320, 240)));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    RecordedRequest req = chatRequest();
    assertThat(req.path()).isEqualTo("/compatible-mode/v1/chat/completions");
    assertThat(req.json().path("model").asText()).isEqualTo("qwen3-vl-plus");
    assertThat(req.json().path("stream").asBoolean()).isTrue();
    JsonNode image = parts(req).getFirst();
    assertThat(image.path("type").asText()).isEqualTo("image_url");
    String url = image.path("image_url").path("url").asText();
    assertThat(url).startsWith("data:image/jpeg;base64,");
    assertThat(decode(url).getWidth()).isEqualTo(320);
    assertThat(parts(req).getLast().path("text").asText()).isEqualTo("What is in the picture?");
  }

  @Test
  void theBackendAndModelAreShownAndRecordedInProvenance() throws Exception {
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64)));
    RunEvent.NodeBackend b = rig.engine.events(RunEvent.NodeBackend.class).getFirst();
    assertThat(b.backend()).isEqualTo("cloud:dashscope");
    assertThat(b.model()).isEqualTo("qwen3-vl-plus");
    String hash = r.nodes().get("look").outputs().get("text").hash();
    Provenance p =
        dev.weft.pipelines.engine.Project.at(dir).store().record(hash).orElseThrow().provenance();
    assertThat(p.backend()).isEqualTo("cloud:dashscope");
    assertThat(p.model()).isEqualTo("qwen3-vl-plus");
  }

  @Test
  void theKeyNeverReachesTheProjectFolder() throws Exception {
    rig.engine.run(look(rig.image("in.png", 64, 64)));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(ProtocolTestServer.KEY);
      }
    }
  }

  @Test
  void aLargeImageIsScaledDownToThePixelBudget() throws Exception {
    RunResult r = rig.engine.run(look(rig.image("big.png", 2000, 1000), "pixel_budget", 131072));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    BufferedImage sent =
        decode(parts(chatRequest()).getFirst().path("image_url").path("url").asText());
    assertThat((long) sent.getWidth() * sent.getHeight()).isLessThanOrEqualTo(131072);
    assertThat(sent.getWidth() / (double) sent.getHeight())
        .isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.02));
  }

  @Test
  void thinkingIsAskedForAndShownApartFromTheAnswer() throws Exception {
    rig.server().nextChat(ChatScript.text("A fox.").withReasoning("Orange fur, ", "pointed ears."));
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64), "thinking", true));
    assertThat(text(r, "look", "text")).isEqualTo("A fox.");
    assertThat(text(r, "look", "thinking")).isEqualTo("Orange fur, pointed ears.");
    assertThat(chatRequest().json().path("enable_thinking").asBoolean()).isTrue();
  }

  @Test
  void withThinkingOffNothingAboutThinkingIsSentToDashScope() throws Exception {
    rig.engine.run(look(rig.image("in.png", 64, 64)));
    assertThat(chatRequest().json().has("enable_thinking")).isFalse();
  }

  @Test
  void framesGoAsOneVideoPartOnDashScope() throws Exception {
    Path a = rig.image("a.png", 64, 48);
    Path b = rig.image("b.png", 64, 48);
    Graph g =
        Graphs.create()
            .node("a", "image.load", "file", a.getFileName().toString())
            .node("b", "image.load", "file", b.getFileName().toString())
            .node("look", LookNode.ID, "prompt", "What happens?", "as_video", true, "fps", 1.5)
            .edge("a.image", "look.images")
            .edge("b.image", "look.images")
            .build();
    RunResult r = rig.engine.run(g);
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode video = parts(chatRequest()).getFirst();
    assertThat(video.path("type").asText()).isEqualTo("video");
    assertThat(video.path("video")).hasSize(2);
    assertThat(video.path("fps").asDouble()).isEqualTo(1.5);
  }

  @Test
  void anOpenAiServerGetsFramesAsImagesAndItsFirstListedModel() throws Exception {
    Path a = rig.image("a.png", 64, 48);
    Graph g =
        Graphs.create()
            .node("a", "image.load", "file", a.getFileName().toString())
            .node("b", "image.load", "file", a.getFileName().toString())
            .node(
                "look",
                LookNode.ID,
                "prompt",
                "What happens?",
                "as_video",
                true,
                "endpoint",
                "gpu-box")
            .edge("a.image", "look.images")
            .edge("b.image", "look.images")
            .build();
    RunResult r = rig.engine.run(g);
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    RecordedRequest req = chatRequest();
    assertThat(req.path()).isEqualTo("/v1/chat/completions");
    assertThat(req.json().path("model").asText()).isEqualTo("Qwen/Qwen3-VL-8B-Instruct");
    List<JsonNode> parts = parts(req);
    assertThat(parts.getFirst().path("text").asText()).contains("2 images are frames of one video");
    assertThat(parts.stream().filter(p -> p.path("type").asText().equals("image_url"))).hasSize(2);
    assertThat(req.json().path("chat_template_kwargs").path("enable_thinking").asBoolean(true))
        .isFalse();
    assertThat(rig.engine.events(RunEvent.NodeBackend.class).getFirst().backend())
        .isEqualTo("server:gpu-box");
  }

  @Test
  void aVeryLargeImageGoesThroughTheTemporaryUpload() throws Exception {
    Path noise = dir.resolve("noise.png");
    int w = 3000;
    int h = 2400;
    int[] argb = new int[w * h];
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < argb.length; i++) {
      argb[i] = 0xFF000000 | random.nextInt(0x1000000);
    }
    dev.weft.assets.image.ImageFiles.writePng(dev.weft.assets.ImageAsset.ofArgb(w, h, argb), noise);
    RunResult r = rig.engine.run(look(noise, "pixel_budget", 16_777_216));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    RecordedRequest req = chatRequest();
    String url = parts(req).getFirst().path("image_url").path("url").asText();
    assertThat(url).startsWith("oss://");
    assertThat(req.header("X-DashScope-OssResourceResolve")).contains("enable");
    assertThat(rig.server().upload(url)).isNotNull();
  }

  @Test
  void aWrongKeyFailsTheNodeWithTheRegionHint() throws Exception {
    rig.server().acceptKeys("sk-some-other-key-0000");
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64)));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("look")).contains("401").contains("region");
  }

  @Test
  void throttlingIsWaitedOutAndTheAnswerArrives() throws Exception {
    rig.server().failNext(Route.CHAT, Fault.throttled(2));
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64)));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.kit.sleeper.waits()).anyMatch(d -> d.compareTo(Duration.ofSeconds(2)) >= 0);
  }

  @Test
  void anUnavailableServerIsRetried() throws Exception {
    rig.server().failNext(Route.CHAT, Fault.unavailable());
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64)));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void repeatedInternalErrorsFailTheNode() throws Exception {
    rig.server()
        .failNext(Route.CHAT, Fault.internalError(), Fault.internalError(), Fault.internalError());
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64)));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("look")).contains("500").contains("InternalError");
  }

  @Test
  void aStreamThatBreaksOffFailsTheNode() throws Exception {
    rig.server().nextChat(ChatScript.text("one ", "two ", "three ", "four").withDropAfter(400));
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64)));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("look")).contains("stream");
  }

  @Test
  void cancellingMidStreamStopsTheNodeWithoutAnOutput() throws Exception {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      words.add("word" + i + " ");
    }
    rig.server()
        .nextChat(
            ChatScript.defaults().withText(words).withSplits(200).withPause(Duration.ofMillis(20)));
    RunHandle handle = rig.engine.start(look(rig.image("in.png", 64, 64)), RunOptions.DEFAULT);
    rig.waitFor(
        "a preview",
        () -> !rig.engine.events(RunEvent.NodePreview.class).isEmpty() || handle.isDone());
    handle.cancel();
    RunResult r = handle.await(Duration.ofSeconds(20)).orElseThrow();
    assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(r.nodes().get("look").state()).isEqualTo(NodeOutcome.State.CANCELLED);
    assertThat(r.nodes().get("look").outputs()).isEmpty();
  }

  @Test
  void aSecondRunOfTheSameInputsComesFromTheCache() throws Exception {
    Graph g = look(rig.image("in.png", 64, 64));
    rig.engine.run(g);
    int before = rig.server().requests().size();
    RunResult again = rig.engine.run(g);
    assertThat(again.nodes().get("look").state()).isEqualTo(NodeOutcome.State.CACHED);
    assertThat(rig.server().requests()).hasSize(before);
  }

  /** The rig again, with DashScope at its real (never called) host instead of the test server. */
  private void dashScopeElsewhere() {
    rig.close();
    rig =
        new CloudEngineRig(
            dir, java.util.Map.of("DASHSCOPE_BASE_URL", "https://dashscope-intl.aliyuncs.com"));
  }

  @Test
  void offlineRefusesDashScopeOnAnotherMachineBeforeTheRunAndSaysSoOnTheNode() throws Exception {
    dashScopeElsewhere();
    Graph g = look(rig.image("in.png", 64, 64));
    assertThatThrownBy(() -> rig.engine.run(g, RunOptions.DEFAULT.withOffline(true)))
        .isInstanceOfSatisfying(
            InvalidPipelineException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> {
                      assertThat(p.location().nodeId()).isEqualTo("look");
                      assertThat(p.message()).contains("Offline");
                    }));
    assertThat(rig.server().requests()).isEmpty();
  }

  @Test
  void offlineStillUsesAServerOnThisMachine() throws Exception {
    RunResult r =
        rig.engine.run(
            look(rig.image("in.png", 64, 64), "endpoint", "gpu-box"),
            RunOptions.DEFAULT.withOffline(true));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rig.engine.events(RunEvent.NodeLog.class))
        .anyMatch(l -> l.message().startsWith("Offline: server:gpu-box is on this machine"));
  }

  @Test
  void localOnlyWithoutALocalRunnerIsReportedBeforeTheRun() throws Exception {
    dashScopeElsewhere();
    Graph g = look(rig.image("in.png", 64, 64), "backend", "local");
    assertThatThrownBy(() -> rig.engine.run(g))
        .isInstanceOfSatisfying(
            InvalidPipelineException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p.message()).contains("Local only")));
  }

  @Test
  void anUnknownEndpointIsReportedAtItsParameter() throws Exception {
    Graph g = look(rig.image("in.png", 64, 64), "endpoint", "nowhere");
    assertThatThrownBy(() -> rig.engine.run(g))
        .isInstanceOfSatisfying(
            InvalidPipelineException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> {
                      assertThat(p.location().param()).isEqualTo("endpoint");
                      assertThat(p.hint()).contains("gpu-box");
                    }));
  }

  @Test
  void aSingleFrameAsVideoIsSentAsAnImageWithAWarning() throws Exception {
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64), "as_video", true));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(parts(chatRequest()).getFirst().path("type").asText()).isEqualTo("image_url");
    assertThat(rig.engine.events(RunEvent.NodeLog.class))
        .anyMatch(
            l -> l.level() == RunEvent.NodeLog.Level.WARNING && l.message().contains("one frame"));
  }

  @Test
  void aSlowServerIsWaitedFor() throws Exception {
    rig.server().failNext(Route.CHAT, Fault.slow(Duration.ofMillis(1500)));
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64)));
    assertThat(r.status()).as(rig.failure("look")).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aStreamThatGoesSilentFailsTheNodeAfterTheIdleTimeout() throws Exception {
    rig.close();
    rig = CloudEngineRig.withIdleTimeout(dir, Duration.ofMillis(500));
    rig.server()
        .nextChat(ChatScript.text("one ", "two").withSplits(60).withPause(Duration.ofSeconds(5)));
    RunResult r = rig.engine.run(look(rig.image("in.png", 64, 64)));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("look")).containsIgnoringCase("no data");
  }
}
