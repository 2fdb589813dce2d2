package dev.weft.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.models.CloudModelChoices;
import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.Region;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudSettingsViewModelTest {
  @TempDir Path dir;
  private final ExecutorService ui = Executors.newSingleThreadExecutor();
  private final ExecutorService background = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    ui.shutdownNow();
    background.shutdownNow();
  }

  private <T> T onUi(Callable<T> c) throws Exception {
    return ui.submit(c).get(20, TimeUnit.SECONDS);
  }

  @Test
  void savedRegionEndpointsAndKeysAreThereNextTime() throws Exception {
    SettingsStore store =
        new SettingsStore(dir.resolve("settings.json"), SettingsStore.defaultModels());
    Secrets secrets = Secrets.inMemory(Map.of());
    CloudSettingsViewModel vm = new CloudSettingsViewModel(store, secrets, background, ui);
    vm.load().get(20, TimeUnit.SECONDS);
    onUi(() -> {
      vm.regionProperty().set(Region.BEIJING);
      vm.newDashScopeKeyProperty().set("sk-test-1234567890abcdef");
      return vm.putEndpoint("gpu box", "http://gpu-box:8000/v1", EndpointType.VLLM, "secret-key");
    });
    assertThat(onUi(vm::save).get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(store.load().dashscope().region()).isEqualTo(Region.BEIJING);
    assertThat(store.load().endpoint("gpu box")).isPresent();
    assertThat(secrets.get(Secrets.DASHSCOPE)).contains("sk-test-1234567890abcdef");
    assertThat(secrets.keyFor(store.load().endpoint("gpu box").orElseThrow()))
        .contains("secret-key");
  }

  @Test
  void aBadEndpointUrlIsRefusedWithTheReason() throws Exception {
    CloudSettingsViewModel vm =
        new CloudSettingsViewModel(
            new SettingsStore(dir.resolve("s.json"), SettingsStore.defaultModels()),
            Secrets.inMemory(Map.of()),
            background,
            ui);
    assertThat(onUi(() -> vm.putEndpoint("x", "", EndpointType.OPENAI, null)))
        .hasValueSatisfying(m -> assertThat(m).contains("base URL"));
  }

  @Test
  void aKeyIsReportedAsSetWithoutShowingIt() throws Exception {
    CloudSettingsViewModel vm =
        new CloudSettingsViewModel(
            new SettingsStore(dir.resolve("s.json"), SettingsStore.defaultModels()),
            Secrets.inMemory(Map.of(Secrets.DASHSCOPE, "sk-abcdefghijklmnopqrstu")),
            background,
            ui);
    vm.load().get(20, TimeUnit.SECONDS);
    String status = onUi(() -> vm.dashScopeKeyStatusProperty().get());
    assertThat(status).startsWith("set").doesNotContain("sk-abc");
  }

  private CloudClients clients(CloudTestKit kit, Secrets secrets) {
    Settings settings = Settings.defaults(SettingsStore.defaultModels());
    return new CloudClients(
        () -> settings,
        secrets,
        kit.http,
        Map.of(),
        kit.sleeper,
        new SplittableRandom(1),
        new PollCadence(Duration.ofMillis(1), 3, Duration.ofMillis(5)));
  }

  @Test
  void listedModelsAreSavedWithTheEndpointAndOfferedToTheChatNodes() throws Exception {
    SettingsStore store =
        new SettingsStore(dir.resolve("settings.json"), SettingsStore.defaultModels());
    Secrets secrets = Secrets.inMemory(Map.of());
    try (CloudTestKit kit = new CloudTestKit()) {
      CloudClients clients = clients(kit, secrets);
      CloudSettingsViewModel vm =
          new CloudSettingsViewModel(
              store,
              secrets,
              background,
              ui,
              (e, key) -> clients.listModels(e, key, CancelSignal.none()));
      vm.load().get(20, TimeUnit.SECONDS);
      onUi(() -> vm.putEndpoint("box", kit.server.openAiBase(), EndpointType.VLLM, null));
      vm.listModels(onUi(() -> vm.endpoints().getFirst())).get(20, TimeUnit.SECONDS);
      assertThat(onUi(() -> vm.listingProperty().get())).contains("box: ").contains("models: ");
      List<String> listed = onUi(() -> vm.endpoints().getFirst().models());
      assertThat(listed).isNotEmpty();
      assertThat(onUi(vm::save).get(20, TimeUnit.SECONDS)).isTrue();
      assertThat(store.load().endpoint("box").orElseThrow().models())
          .containsExactlyElementsOf(listed);
      var choices = new CloudModelChoices(() -> Optional.of(store.current())).choices("vision", "");
      assertThat(choices)
          .anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(listed.getFirst());
            assertThat(c.name()).contains("box");
          });
    }
  }

  @Test
  void listingAServerElsewhereIsRefusedWhileOffline() throws Exception {
    List<String> asked = new java.util.ArrayList<>();
    CloudSettingsViewModel vm =
        new CloudSettingsViewModel(
            new SettingsStore(dir.resolve("s.json"), SettingsStore.defaultModels()),
            Secrets.inMemory(Map.of()),
            background,
            ui,
            (e, key) -> {
              asked.add(e.baseUrl());
              return List.of("m");
            });
    vm.load().get(20, TimeUnit.SECONDS);
    onUi(() -> {
      vm.offlineProperty().set(true);
      return vm.putEndpoint("far", "http://gpu-box.example:8000/v1", EndpointType.VLLM, null);
    });
    vm.listModels(onUi(() -> vm.endpoints().getFirst())).get(20, TimeUnit.SECONDS);
    assertThat(onUi(() -> vm.listingProperty().get())).contains("Offline");
    assertThat(asked).isEmpty();
  }
}
