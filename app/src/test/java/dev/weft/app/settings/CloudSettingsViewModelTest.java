package dev.weft.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.Region;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.SettingsStore;
import java.nio.file.Path;
import java.util.Map;
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
}
