package dev.weft.pipelines.backends.dashscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.settings.SettingsStore;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WanVideoClientTest {
  private final CloudTestKit kit = new CloudTestKit();
  private final WanVideoClient wan =
      new WanVideoClient(kit.tasks(), SettingsStore.defaultModels().video());

  @AfterEach
  void close() {
    kit.close();
  }

  private static WanRequest t2v() {
    return WanRequest.textToVideo("wan2.5-t2v-preview", "a red fox running through fresh snow");
  }

  private static WanRequest full(
      String model, String image, String size, String res, Integer duration) {
    return new WanRequest(
        model, "a fox", "blurry", image, null, size, res, null, duration, 42L, false, true, null,
        null);
  }

  @Test
  void textToVideoBodyFollowsTheModelsShape() {
    JsonNode b = wan.body(full("wan2.5-t2v-preview", null, "1280*720", null, 10));
    assertThat(b.path("model").asText()).isEqualTo("wan2.5-t2v-preview");
    assertThat(b.path("input").path("prompt").asText()).isEqualTo("a fox");
    assertThat(b.path("input").path("negative_prompt").asText()).isEqualTo("blurry");
    assertThat(b.path("parameters").path("size").asText()).isEqualTo("1280*720");
    assertThat(b.path("parameters").path("duration").asInt()).isEqualTo(10);
    assertThat(b.path("parameters").path("seed").asLong()).isEqualTo(42);
    assertThat(b.path("parameters").path("prompt_extend").asBoolean()).isFalse();
    assertThat(b.path("parameters").path("watermark").asBoolean()).isTrue();
    assertThat(b.path("parameters").has("resolution")).isFalse();
  }

  @Test
  void defaultsComeFromTheShape() {
    JsonNode p = wan.body(t2v()).path("parameters");
    assertThat(p.path("size").asText()).isEqualTo("1920*1080");
    assertThat(p.path("duration").asInt()).isEqualTo(5);
  }

  @Test
  void imageToVideoSendsAResolutionTierAndTheFirstFrame() {
    JsonNode b =
        wan.body(full("wan2.5-i2v-preview", "data:image/png;base64,AAAA", null, "720p", 5));
    assertThat(b.path("input").path("img_url").asText()).startsWith("data:image/png");
    assertThat(b.path("parameters").path("resolution").asText()).isEqualTo("720P");
    assertThat(b.path("parameters").has("size")).isFalse();
  }

  @Test
  void aSizeForAResolutionModelIsRefusedNamingTheParameter() {
    assertThatThrownBy(
            () -> wan.body(full("wan2.5-i2v-preview", "https://x/y.png", "1280*720", null, 5)))
        .isInstanceOfSatisfying(
            WeftException.class,
            e -> {
              assertThat(e.location().param()).isEqualTo("size");
              assertThat(e.hint()).get().asString().contains("720P");
            });
  }

  @Test
  void aDurationTheModelDoesNotMakeIsRefused() {
    assertThatThrownBy(() -> wan.body(full("wan2.5-t2v-preview", null, null, null, 7)))
        .isInstanceOfSatisfying(
            WeftException.class,
            e -> {
              assertThat(e.location().param()).isEqualTo("duration");
              assertThat(e.getMessage()).contains("5 or 10 s");
            });
  }

  @Test
  void aSizeOutsideTheListIsRefused() {
    assertThatThrownBy(() -> wan.body(full("wan2.5-t2v-preview", null, "1000*1000", null, 5)))
        .isInstanceOfSatisfying(
            WeftException.class, e -> assertThat(e.location().param()).isEqualTo("size"));
  }

  @Test
  void anImageForATextOnlyModelIsRefused() {
    assertThatThrownBy(() -> wan.body(t2v().withImage("https://x/y.png")))
        .isInstanceOfSatisfying(
            WeftException.class, e -> assertThat(e.location().param()).isEqualTo("image"));
  }

  @Test
  void anUnknownModelSaysWhereToDescribeIt() {
    assertThatThrownBy(() -> wan.body(t2v().withModel("wan9-t2v")))
        .isInstanceOfSatisfying(
            WeftException.class,
            e -> assertThat(e.hint()).get().asString().contains("models.video.shapes"));
  }

  @Test
  void aRegionalModelIdUsesTheShapeOfItsBaseId() {
    assertThat(wan.body(t2v().withModel("wan2.5-t2v-preview-us")).path("model").asText())
        .isEqualTo("wan2.5-t2v-preview-us");
  }

  @Test
  void wan3SendsRatioAndTheAudioSwitch() {
    var r =
        new WanRequest(
            "wan3.0-video",
            "a fox",
            null,
            null,
            null,
            null,
            "720P",
            "9:16",
            -1,
            null,
            null,
            null,
            null,
            false);
    JsonNode p = wan.body(r).path("parameters");
    assertThat(p.path("ratio").asText()).isEqualTo("9:16");
    assertThat(p.path("audio").asBoolean(true)).isFalse();
    assertThat(p.path("duration").asInt()).isEqualTo(-1);
  }

  @Test
  void audioCannotBeTurnedOffForAModelWithoutASwitch() {
    var r =
        new WanRequest(
            "wan2.5-t2v-preview",
            "a fox",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false);
    assertThatThrownBy(() -> wan.body(r))
        .isInstanceOfSatisfying(
            WeftException.class, e -> assertThat(e.location().param()).isEqualTo("audio"));
  }

  @Test
  void aPromptOverTheLimitIsRefused() {
    assertThatThrownBy(
            () -> wan.body(WanRequest.textToVideo("wan2.5-t2v-preview", "x".repeat(1501))))
        .isInstanceOfSatisfying(
            WeftException.class, e -> assertThat(e.location().param()).isEqualTo("prompt"));
  }

  @Test
  void aVideoIsMadeShowsTheExtendedPromptAndDownloadsWithoutTheKey(@TempDir Path dir) {
    kit.server.nextTask(TaskScript.succeedsAfterPolls(1, 2));
    String id = wan.submit(t2v(), CancelSignal.none());
    WanResult result =
        wan.await(id, Duration.ofMinutes(1), TaskListener.none(), CancelSignal.none());
    assertThat(result.origPrompt()).isEqualTo("a red fox running through fresh snow");
    assertThat(result.actualPrompt()).startsWith("a red fox").isNotEqualTo(result.origPrompt());
    assertThat(result.videoSeconds()).isEqualTo(5);
    AtomicLong progress = new AtomicLong();
    Path mp4 = dir.resolve("out.mp4");
    wan.download(result, mp4, progress::set, CancelSignal.none());
    assertThat(mp4).hasBinaryContent(kit.server.mp4());
    assertThat(progress.get()).isEqualTo(kit.server.mp4().length);
    var download = kit.server.requests("GET", "/files/").getFirst();
    assertThat(download.header("Authorization")).isEmpty();
  }

  @Test
  void aTemporaryUploadIsUsedAsTheFirstFrame(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("first frame.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    var upload = new TemporaryUploadClient(kit.dashScope(), new SplittableRandom(3));
    String oss = upload.upload(png, "wan2.5-i2v-preview", "image/png", CancelSignal.none());
    assertThat(oss).startsWith("oss://").endsWith("first_frame.png");
    assertThat(kit.server.upload(oss)).isEqualTo(Files.readAllBytes(png));
    String id = wan.submit(full("wan2.5-i2v-preview", oss, null, "480P", 5), CancelSignal.none());
    assertThat(id).isNotBlank();
    var create = kit.server.requests("POST", "/api/v1/services/").getLast();
    assertThat(create.header("X-DashScope-OssResourceResolve")).contains("enable");
    assertThat(kit.server.requests("POST", "/oss").getFirst().header("Authorization")).isEmpty();
  }
}
