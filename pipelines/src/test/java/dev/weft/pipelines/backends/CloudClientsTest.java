package dev.weft.pipelines.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.dashscope.WanRequest;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.openai.VllmOmniAdapter;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudClientsTest {
  private final CloudTestKit kit = new CloudTestKit();
  private final Secrets secrets =
      Secrets.inMemory(Map.of(Secrets.DASHSCOPE, ProtocolTestServer.KEY));
  private Settings settings =
      Settings.defaults(SettingsStore.defaultModels())
          .withEndpoint(
              OpenAiEndpoint.of("omni box", kit.server.vllmOmniBase(), EndpointType.VLLM_OMNI));
  private final CloudClients clients =
      new CloudClients(
          () -> settings,
          secrets,
          kit.http,
          Map.of("DASHSCOPE_BASE_URL", kit.server.baseUrl()),
          kit.sleeper,
          new SplittableRandom(2),
          new PollCadence(Duration.ofMillis(1), 3, Duration.ofMillis(5)));

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void theWanClientReachesTheConfiguredHostWithTheStoredKey() {
    String id =
        clients
            .wan()
            .submit(WanRequest.textToVideo("wan2.5-t2v-preview", "a fox"), CancelSignal.none());
    assertThat(id).isNotBlank();
    assertThat(kit.server.requests("POST", "/api/v1/services/").getFirst().header("Authorization"))
        .contains("Bearer " + ProtocolTestServer.KEY);
  }

  @Test
  void aVllmOmniEndpointKeepsItsAdapterBetweenRuns() {
    OpenAiEndpoint e = clients.endpoint("omni box");
    assertThat(clients.omni(e)).isInstanceOf(VllmOmniAdapter.class).isSameAs(clients.omni(e));
  }

  @Test
  void anUnknownEndpointNamesTheKnownOnes() {
    assertThatThrownBy(() -> clients.endpoint("nope"))
        .isInstanceOfSatisfying(
            WeftException.class, e -> assertThat(e.hint()).get().asString().contains("omni box"));
  }

  @Test
  void withoutAKeyTheCloudIsNotConfigured() {
    secrets.remove(Secrets.DASHSCOPE);
    assertThat(clients.dashScopeConfigured()).isFalse();
  }

  @Test
  void theCompositionRootOffersTheCloudServices(@TempDir Path home) {
    try (WeftContext ctx = WeftContext.create(PlatformDirs.under(home))) {
      assertThat(ctx.services().find(CloudClients.class)).isPresent();
      assertThat(ctx.services().find(SettingsStore.class)).isPresent();
      assertThat(ctx.services().find(Secrets.class)).isPresent();
    }
  }
}
