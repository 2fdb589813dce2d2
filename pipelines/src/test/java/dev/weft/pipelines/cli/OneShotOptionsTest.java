package dev.weft.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.http.CloudHttp;
import dev.weft.pipelines.backends.http.Redactor;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OneShotOptionsTest {
  private final CloudHttp http = CloudHttp.standard(new Redactor());
  private final Services services =
      Services.builder()
          .put(
              CloudClients.class,
              new CloudClients(
                  () ->
                      Settings.defaults(SettingsStore.defaultModels())
                          .withEndpoint(
                              OpenAiEndpoint.of(
                                  "gpu box", "http://10.0.0.5:8000/v1", EndpointType.VLLM)),
                  Secrets.inMemory(Map.of()),
                  http,
                  Map.of(),
                  (d, c) -> {},
                  new SplittableRandom(1),
                  PollCadence.sdk()))
          .build();

  @AfterEach
  void close() {
    http.close();
  }

  private static OneShotOptions endpoint(String value, String type) {
    OneShotOptions o = new OneShotOptions();
    o.endpoint = value;
    o.endpointType = type;
    return o;
  }

  @Test
  void aConfiguredNameIsUsedAsItIs() {
    assertThat(endpoint("GPU BOX", null).endpoint(services, EndpointType.OPENAI))
        .isEqualTo(new OneShotOptions.Endpoint.Named("gpu box"));
  }

  @Test
  void aUrlBecomesAnEndpointOfTheCommandsDefaultTypeKeyedByOpenAiApiKey() {
    var e = endpoint("http://localhost:1234/v1", null).endpoint(services, EndpointType.VLLM_OMNI);
    OpenAiEndpoint adHoc = ((OneShotOptions.Endpoint.Url) e).endpoint();
    assertThat(adHoc.type()).isEqualTo(EndpointType.VLLM_OMNI);
    assertThat(adHoc.keyRef()).isEqualTo(Secrets.OPENAI);
  }

  @Test
  void aDashScopeCompatibleModeUrlUsesTheDashScopeKey() {
    var e =
        endpoint("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/", null)
            .endpoint(services, EndpointType.OPENAI);
    OpenAiEndpoint adHoc = ((OneShotOptions.Endpoint.Url) e).endpoint();
    assertThat(adHoc.type()).isEqualTo(EndpointType.DASHSCOPE);
    assertThat(adHoc.keyRef()).isEqualTo(Secrets.DASHSCOPE);
  }

  @Test
  void anExplicitTypeWins() {
    var e = endpoint("http://localhost:11434/v1", "ollama").endpoint(services, EndpointType.OPENAI);
    assertThat(((OneShotOptions.Endpoint.Url) e).endpoint().type()).isEqualTo(EndpointType.OLLAMA);
  }

  @Test
  void neitherANameNorAUrlIsRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> endpoint("nope", null).endpoint(services, EndpointType.OPENAI))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gpu box");
  }

  @Test
  void noEndpointMeansTheDefault() {
    assertThat(new OneShotOptions().endpoint(services, EndpointType.OPENAI))
        .isInstanceOf(OneShotOptions.Endpoint.None.class);
  }
}
