package dev.weft.pipelines.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.pipelines.WeftException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path dir;

  private SettingsStore store() {
    return new SettingsStore(dir.resolve("settings.json"), SettingsStore.defaultModels());
  }

  @Test
  void noFileMeansTheDefaults() {
    Settings s = store().load();
    assertThat(s.offline()).isFalse();
    assertThat(s.dashscope().region()).isEqualTo(Region.SINGAPORE);
    assertThat(s.models().vision().defaultModel()).isEqualTo("qwen3-vl-plus");
  }

  @Test
  void everyDefaultVideoModelHasAShapeThatServesItsMode() {
    VideoModels v = SettingsStore.defaultModels().video();
    assertThat(v.shape(v.defaultTextToVideo())).get().matches(s -> s.serves("t2v"));
    assertThat(v.shape(v.defaultImageToVideo())).get().matches(s -> s.serves("i2v"));
  }

  @Test
  void settingsSurviveASaveAndALoad() {
    Settings s =
        store()
            .load()
            .withOffline(true)
            .withBackendPolicy(BackendPolicy.CLOUD)
            .withDashScope(
                DashScopeSettings.defaults()
                    .withRegion(Region.BEIJING)
                    .withServiceHost(
                        DashScopeService.VIDEO, "https://ws9.cn-beijing.maas.aliyuncs.com"))
            .withEndpoint(
                OpenAiEndpoint.of("gpu box", "http://10.0.0.5:8000", EndpointType.VLLM_OMNI)
                    .withModels(List.of("Qwen/Qwen3-Omni-30B-A3B-Instruct")));
    store().save(s);
    assertThat(store().load()).isEqualTo(s);
  }

  @Test
  void aBareHostEndpointGetsTheV1Root() {
    assertThat(OpenAiEndpoint.of("lm", "http://localhost:1234", EndpointType.OPENAI).baseUrl())
        .isEqualTo("http://localhost:1234/v1");
  }

  @Test
  void aUserShapeAddsAModelAndKeepsTheShippedOnes() throws Exception {
    Files.writeString(
        dir.resolve("settings.json"),
        """
        {"version": 1, "models": {"video": {"shapes": {"wan9-t2v": {
          "modes": ["t2v"], "frameParam": "size", "sizes": ["1280*720"], "defaultSize": "1280*720",
          "durations": [4, 8], "defaultDuration": 4}}}}}
        """);
    VideoModels v = store().load().models().video();
    assertThat(v.shape("wan9-t2v"))
        .get()
        .extracting(WanModelShape::durations)
        .isEqualTo(List.of(4, 8));
    assertThat(v.shape("wan2.5-t2v-preview")).isPresent();
  }

  @Test
  void modelOverridesAreSavedAndOnlyThey() {
    Settings s = store().load();
    var models =
        new CloudModels(
            new FamilyModels("qwen3-vl-flash", List.of("qwen3-vl-flash")),
            s.models().omni(),
            s.models().video(),
            s.models().asr());
    store().save(new Settings(false, BackendPolicy.AUTO, s.dashscope(), List.of(), models));
    assertThat(store().load().models().vision().defaultModel()).isEqualTo("qwen3-vl-flash");
    assertThat(store().load().models().video()).isEqualTo(s.models().video());
  }

  @Test
  void brokenJsonIsReportedWithItsLine() throws Exception {
    Files.writeString(dir.resolve("settings.json"), "{\n  \"offline\": true,\n  oops\n}");
    assertThatThrownBy(() -> store().load())
        .isInstanceOfSatisfying(
            WeftException.class,
            e -> {
              assertThat(e.location().file()).endsWith("settings.json");
              assertThat(e.location().line()).isEqualTo(3);
            });
  }

  @Test
  void aBadValueIsReportedWithItsPath() throws Exception {
    Files.writeString(dir.resolve("settings.json"), "{\"dashscope\": {\"region\": \"mars\"}}");
    assertThatThrownBy(() -> store().load())
        .isInstanceOfSatisfying(
            WeftException.class,
            e -> {
              assertThat(e.location().detail()).isEqualTo("dashscope.region");
              assertThat(e.getMessage()).contains("mars").contains("singapore");
            });
  }

  @Test
  void aBadEndpointUrlIsReportedWithItsIndex() throws Exception {
    Files.writeString(
        dir.resolve("settings.json"),
        "{\"endpoints\": [{\"name\": \"a\", \"baseUrl\": \"localhost-no-scheme\"}]}");
    assertThatThrownBy(() -> store().load())
        .isInstanceOfSatisfying(
            WeftException.class, e -> assertThat(e.location().detail()).isEqualTo("endpoints[0]"));
  }

  @Test
  void twoEndpointsWithOneNameAreRefused() throws Exception {
    Files.writeString(
        dir.resolve("settings.json"),
        """
        {"endpoints": [{"name": "a", "baseUrl": "http://h:1/v1"}, {"name": "A", "baseUrl": "http://h:2/v1"}]}
        """);
    assertThatThrownBy(() -> store().load()).hasMessageContaining("two endpoints");
  }

  @Test
  void aFileFromANewerWeftIsNotMisread() throws Exception {
    Files.writeString(dir.resolve("settings.json"), "{\"version\": 99}");
    assertThatThrownBy(() -> store().load()).hasMessageContaining("newer Weft");
  }

  @Test
  void theSettingsFileNeverHoldsAKey() throws Exception {
    Secrets secrets = Secrets.inMemory(Map.of());
    secrets.put(Secrets.DASHSCOPE, "sk-secret-in-settings-test-1234");
    OpenAiEndpoint ep = OpenAiEndpoint.of("box", "http://h:8000/v1", EndpointType.VLLM);
    secrets.put(ep.keyRef(), "sk-endpoint-key-98765432");
    store().save(store().load().withEndpoint(ep));
    String file = Files.readString(dir.resolve("settings.json"));
    assertThat(file)
        .doesNotContain("sk-secret-in-settings-test-1234")
        .doesNotContain("sk-endpoint-key-98765432")
        .contains("openai:box");
  }

  @Test
  void currentSettingsAreNotReadAgainWhileTheFileIsUnchanged() {
    SettingsStore store = store();
    store.save(store.load().withOffline(true));
    Settings first = store.current();
    assertThat(store.current()).isSameAs(first);
  }

  @Test
  void currentSettingsFollowAnEditOfTheFile() throws Exception {
    SettingsStore store = store();
    store.save(store.load());
    assertThat(store.current().offline()).isFalse();
    Path file = dir.resolve("settings.json");
    Files.writeString(
        file, Files.readString(file).replace("\"offline\" : false", "\"offline\" : true"));
    assertThat(store.current().offline()).isTrue();
  }

  @Test
  void currentSettingsSeeASaveThroughTheStore() {
    SettingsStore store = store();
    assertThat(store.current().backendPolicy()).isEqualTo(BackendPolicy.AUTO);
    store.save(store.load().withBackendPolicy(BackendPolicy.LOCAL));
    assertThat(store.current().backendPolicy()).isEqualTo(BackendPolicy.LOCAL);
  }

  @Test
  void aBrokenFileKeepsFailingUntilItIsFixed() throws Exception {
    SettingsStore store = store();
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"offline\": tru");
    assertThatThrownBy(store::current).isInstanceOf(WeftException.class);
    assertThatThrownBy(store::current).isInstanceOf(WeftException.class);
    Files.writeString(file, "{\"offline\": true}");
    assertThat(store.current().offline()).isTrue();
  }
}
