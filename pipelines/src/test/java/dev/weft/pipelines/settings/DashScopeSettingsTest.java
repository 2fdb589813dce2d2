package dev.weft.pipelines.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DashScopeSettingsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void aRegionPresetGivesItsNativeAndCompatibleBases() {
    DashScopeEndpoints e =
        DashScopeSettings.defaults()
            .withRegion(Region.US)
            .endpoints(DashScopeService.VIDEO, NO_ENV);
    assertThat(e.nativeBase()).isEqualTo("https://dashscope-us.aliyuncs.com/api/v1");
    assertThat(e.compatibleBase())
        .isEqualTo("https://dashscope-us.aliyuncs.com/compatible-mode/v1");
    assertThat(e.source()).isEqualTo("region us");
  }

  @Test
  void theBeijingPresetUsesTheChinaHost() {
    assertThat(
            DashScopeSettings.defaults()
                .withRegion(Region.BEIJING)
                .endpoints(DashScopeService.VISION, NO_ENV)
                .host())
        .isEqualTo("https://dashscope.aliyuncs.com");
  }

  @Test
  void aWorkspaceHostReplacesTheRegionForEveryService() {
    var s = DashScopeSettings.defaults().withWorkspaceHost("ws42.ap-southeast-1.maas.aliyuncs.com");
    assertThat(s.endpoints(DashScopeService.OMNI, NO_ENV).host())
        .isEqualTo("https://ws42.ap-southeast-1.maas.aliyuncs.com");
  }

  @Test
  void aServiceHostWinsOverTheWorkspaceHostForThatServiceOnly() {
    var s =
        DashScopeSettings.defaults()
            .withWorkspaceHost("https://ws1.cn-beijing.maas.aliyuncs.com")
            .withServiceHost(DashScopeService.VIDEO, "https://ws2.cn-beijing.maas.aliyuncs.com");
    assertThat(s.endpoints(DashScopeService.VIDEO, NO_ENV).host())
        .isEqualTo("https://ws2.cn-beijing.maas.aliyuncs.com");
    assertThat(s.endpoints(DashScopeService.VISION, NO_ENV).host())
        .isEqualTo("https://ws1.cn-beijing.maas.aliyuncs.com");
  }

  @Test
  void theEnvironmentVariableOverridesEverything() {
    var s =
        DashScopeSettings.defaults()
            .withServiceHost(DashScopeService.VIDEO, "https://ws2.cn-beijing.maas.aliyuncs.com");
    var e =
        s.endpoints(DashScopeService.VIDEO, Map.of("DASHSCOPE_BASE_URL", "http://127.0.0.1:8765"));
    assertThat(e.nativeBase()).isEqualTo("http://127.0.0.1:8765/api/v1");
    assertThat(e.source()).isEqualTo("DASHSCOPE_BASE_URL");
  }

  @Test
  void aPastedApiPathIsReducedToTheHost() {
    var e =
        DashScopeSettings.defaults()
            .endpoints(
                DashScopeService.VIDEO,
                Map.of(
                    "DASHSCOPE_BASE_URL",
                    "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/"));
    assertThat(e.host()).isEqualTo("https://dashscope-intl.aliyuncs.com");
  }

  @Test
  void aNonHttpUrlIsRefused() {
    assertThatThrownBy(() -> DashScopeSettings.defaults().withWorkspaceHost("ftp://example.com"))
        .hasMessageContaining("https://");
  }

  @Test
  void theWebSocketUrlsFollowTheHost() {
    var e = DashScopeSettings.defaults().endpoints(DashScopeService.ASR, NO_ENV);
    assertThat(e.webSocketInference())
        .isEqualTo("wss://dashscope-intl.aliyuncs.com/api-ws/v1/inference");
  }
}
