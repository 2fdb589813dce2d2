package dev.weft.pipelines.backends;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.http.CloudHttp;
import dev.weft.pipelines.backends.http.Redactor;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.settings.DashScopeService;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendResolverTest {
  private final Secrets secrets = Secrets.inMemory(Map.of(Secrets.DASHSCOPE, "sk-test-key-123456"));
  private final Map<String, String> env = new HashMap<>();
  private Settings settings =
      Settings.defaults(SettingsStore.defaultModels())
          .withEndpoint(OpenAiEndpoint.of("lm", "http://127.0.0.1:1234/v1", EndpointType.OPENAI))
          .withEndpoint(OpenAiEndpoint.of("gpu box", "http://10.0.0.5:8000/v1", EndpointType.VLLM));
  private final CloudHttp http = CloudHttp.standard(new Redactor());

  private CloudClients clients() {
    return new CloudClients(
        () -> settings,
        secrets,
        http,
        env,
        (d, c) -> {},
        new SplittableRandom(1),
        PollCadence.sdk());
  }

  private LocalModels installed = (family, task) -> LocalOption.of("qwen-vl", "qwen2.5-vl-3b");
  private final LocalModels missing =
      (family, task) ->
          LocalOption.none("the local model qwen2.5-vl-3b is not installed", "weft models pull x");

  @AfterEach
  void close() {
    http.close();
  }

  private static BackendRequest vision(BackendPolicy policy, String endpoint, boolean offline) {
    return new BackendRequest(
        "vision", "Qwen3-VL", null, true, DashScopeService.VISION, endpoint, policy, offline);
  }

  private Resolution resolve(LocalModels local, BackendRequest r) {
    return new BackendResolver(local, clients()).resolve(r);
  }

  private static BackendChoice chosen(Resolution r) {
    assertThat(r).isInstanceOf(Resolution.Chosen.class);
    return ((Resolution.Chosen) r).choice();
  }

  private static Resolution.Unavailable refused(Resolution r) {
    assertThat(r).isInstanceOf(Resolution.Unavailable.class);
    return (Resolution.Unavailable) r;
  }

  @Test
  void autoPicksTheLocalRunnerWhenItsModelIsInstalled() {
    BackendChoice c = chosen(resolve(installed, vision(BackendPolicy.AUTO, "", false)));
    assertThat(c).isEqualTo(new BackendChoice.Local("qwen-vl", "qwen2.5-vl-3b"));
    assertThat(c.id()).isEqualTo("local:qwen-vl");
  }

  @Test
  void autoFallsBackToDashScopeWhenTheLocalModelIsMissing() {
    BackendChoice c = chosen(resolve(missing, vision(BackendPolicy.AUTO, "", false)));
    assertThat(c).isInstanceOf(BackendChoice.DashScope.class);
    assertThat(c.id()).isEqualTo("cloud:dashscope");
    assertThat(((BackendChoice.DashScope) c).host())
        .isEqualTo("https://dashscope-intl.aliyuncs.com");
  }

  @Test
  void autoWithNeitherALocalModelNorAKeyExplainsBoth() {
    secrets.remove(Secrets.DASHSCOPE);
    Resolution.Unavailable u = refused(resolve(missing, vision(BackendPolicy.AUTO, "", false)));
    assertThat(u.message()).contains("no DashScope API key").contains("not installed");
    assertThat(u.hint()).contains("DASHSCOPE_API_KEY").contains("weft models pull");
  }

  @Test
  void autoUsesTheNamedEndpointWhenNothingIsLocal() {
    BackendChoice c = chosen(resolve(missing, vision(BackendPolicy.AUTO, "gpu box", false)));
    assertThat(c.id()).isEqualTo("server:gpu box");
  }

  @Test
  void localOnlyRefusesTheCloudEvenWithAKey() {
    Resolution.Unavailable u = refused(resolve(missing, vision(BackendPolicy.LOCAL, "", false)));
    assertThat(u.param()).isEqualTo(BackendParams.BACKEND);
    assertThat(u.message()).contains("Local only").contains("not installed");
    assertThat(u.hint()).isEqualTo("weft models pull x");
  }

  @Test
  void localOnlyAcceptsAServerOnThisMachine() {
    BackendChoice c = chosen(resolve(missing, vision(BackendPolicy.LOCAL, "lm", false)));
    assertThat(c.id()).isEqualTo("server:lm");
    assertThat(c.onThisMachine()).isTrue();
  }

  @Test
  void localOnlyRefusesAServerOnAnotherMachine() {
    Resolution.Unavailable u =
        refused(resolve(missing, vision(BackendPolicy.LOCAL, "gpu box", false)));
    assertThat(u.message()).contains("\"gpu box\" is not on this machine");
  }

  @Test
  void cloudOnlyIgnoresAnInstalledLocalModel() {
    assertThat(chosen(resolve(installed, vision(BackendPolicy.CLOUD, "", false))).id())
        .isEqualTo("cloud:dashscope");
  }

  @Test
  void cloudOnlyWithoutAKeySaysHowToSetOne() {
    secrets.remove(Secrets.DASHSCOPE);
    Resolution.Unavailable u = refused(resolve(installed, vision(BackendPolicy.CLOUD, "", false)));
    assertThat(u.message()).isEqualTo("no DashScope API key is set");
    assertThat(u.offline()).isFalse();
  }

  @Test
  void offlineRefusesDashScopeAndSaysSo() {
    Resolution.Unavailable u = refused(resolve(missing, vision(BackendPolicy.AUTO, "", true)));
    assertThat(u.offline()).isTrue();
    assertThat(u.message()).contains("Offline").contains("dashscope-intl.aliyuncs.com");
    assertThat(u.hint()).contains("turn Offline off");
  }

  @Test
  void offlineRefusesAServerOnAnotherMachine() {
    Resolution.Unavailable u =
        refused(resolve(missing, vision(BackendPolicy.CLOUD, "gpu box", true)));
    assertThat(u.param()).isEqualTo(BackendParams.ENDPOINT);
    assertThat(u.message()).contains("10.0.0.5");
  }

  @Test
  void offlineAllowsAServerOnThisMachine() {
    assertThat(chosen(resolve(missing, vision(BackendPolicy.AUTO, "lm", true))).id())
        .isEqualTo("server:lm");
  }

  @Test
  void offlineAllowsALocalRunner() {
    assertThat(chosen(resolve(installed, vision(BackendPolicy.AUTO, "", true))))
        .isInstanceOf(BackendChoice.Local.class);
  }

  @Test
  void offlineAllowsDashScopeWhenItsBaseUrlIsOnThisMachine() {
    env.put("DASHSCOPE_BASE_URL", "http://127.0.0.1:8765");
    BackendChoice c = chosen(resolve(missing, vision(BackendPolicy.CLOUD, "", true)));
    assertThat(c.onThisMachine()).isTrue();
  }

  @Test
  void anUnknownEndpointIsReportedWithTheKnownOnes() {
    Resolution.Unavailable u =
        refused(resolve(missing, vision(BackendPolicy.CLOUD, "nope", false)));
    assertThat(u.param()).isEqualTo(BackendParams.ENDPOINT);
    assertThat(u.hint()).contains("lm").contains("gpu box");
  }

  @Test
  void aFamilyWithoutALocalPathNeverTakesTheLocalOption() {
    BackendRequest wan =
        new BackendRequest(
            "video", "Wan", null, false, DashScopeService.VIDEO, "", BackendPolicy.AUTO, false);
    assertThat(chosen(resolve(installed, wan)).id()).isEqualTo("cloud:dashscope");
  }

  @Test
  void aFamilyDashScopeDoesNotServeNeedsAnEndpoint() {
    BackendRequest r =
        new BackendRequest("x", "X", null, false, null, "", BackendPolicy.CLOUD, false);
    assertThat(refused(resolve(missing, r)).message()).contains("DashScope does not serve X");
  }

  @Test
  void withoutCloudClientsOnlyLocalCanRun() {
    BackendResolver r = new BackendResolver(missing, null);
    assertThat(refused(r.resolve(vision(BackendPolicy.AUTO, "", false))).message())
        .contains("no cloud or server backend");
  }

  @Test
  void theNodesOwnChoiceWins() {
    assertThat(
            BackendResolver.effectivePolicy(
                "cloud", BackendPolicy.LOCAL, dev.weft.pipelines.settings.BackendPolicy.LOCAL))
        .isEqualTo(BackendPolicy.CLOUD);
  }

  @Test
  void defaultFollowsAnExplicitPipelinePolicy() {
    assertThat(
            BackendResolver.effectivePolicy(
                "default", BackendPolicy.LOCAL, dev.weft.pipelines.settings.BackendPolicy.CLOUD))
        .isEqualTo(BackendPolicy.LOCAL);
  }

  @Test
  void anAutoPipelineFollowsTheStudioDefault() {
    assertThat(
            BackendResolver.effectivePolicy(
                "default", BackendPolicy.AUTO, dev.weft.pipelines.settings.BackendPolicy.CLOUD))
        .isEqualTo(BackendPolicy.CLOUD);
  }

  @Test
  void aBrokenSettingsFileIsReportedAtTheNode() {
    CloudClients broken =
        new CloudClients(
            () -> {
              throw new dev.weft.pipelines.WeftException(
                  "the settings file is not valid JSON",
                  dev.weft.pipelines.Location.NONE,
                  "fix it");
            },
            secrets,
            http,
            env,
            (d, c) -> {},
            new SplittableRandom(1),
            PollCadence.sdk());
    Resolution.Unavailable u =
        refused(
            new BackendResolver(missing, broken).resolve(vision(BackendPolicy.CLOUD, "lm", false)));
    assertThat(u.message()).contains("not valid JSON");
  }
}
