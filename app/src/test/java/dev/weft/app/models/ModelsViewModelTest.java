package dev.weft.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.inspector.ModelChoice;
import dev.weft.app.studio.Studio;
import dev.weft.nativelibs.platform.PlatformDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsViewModelTest {
  @TempDir Path dir;
  private final ExecutorService ui = Executors.newSingleThreadExecutor();
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private ModelsViewModel vm;

  @BeforeEach
  void setUp() {
    vm = new ModelsViewModel(Studio.offlineLibrary(PlatformDirs.under(dir)), background, ui);
  }

  @AfterEach
  void stop() {
    ui.shutdownNow();
    background.shutdownNow();
  }

  private <T> T onUi(Callable<T> c) throws Exception {
    return ui.submit(c).get(20, TimeUnit.SECONDS);
  }

  @Test
  void listsTheCatalogWithNothingDownloaded() throws Exception {
    vm.refreshNow();
    List<ModelRow> rows = onUi(() -> List.copyOf(vm.rows()));
    assertThat(rows).extracting(ModelRow::id).contains("silero-vad-v5", "sensevoice-small-int8");
    assertThat(rows).allSatisfy(r -> assertThat(r.status()).isEqualTo("not downloaded"));
  }

  @Test
  void thePickerOffersTheModelsOfTheParametersFamily() {
    vm.refreshNow();
    assertThat(vm.choices("vad", ""))
        .extracting(ModelChoice::id)
        .contains("silero-vad-v5")
        .doesNotContain("sensevoice-small-int8");
    assertThat(vm.choices("vad", "")).noneMatch(ModelChoice::installed);
  }

  @Test
  void offlineDownloadsSayWhatToDoInstead() throws Exception {
    onUi(() -> {
      vm.download("silero-vad-v5");
      return null;
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (onUi(() -> vm.downloads().containsKey("silero-vad-v5"))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(vm.offline()).isTrue();
    assertThat(onUi(() -> vm.messageProperty().get())).isNotBlank().containsIgnoringCase("offline");
  }

  @Test
  void sizesReadAsPeopleWriteThem() {
    assertThat(ModelsViewModel.size(2_300_000)).isEqualTo("2.2 MB");
    assertThat(ModelsViewModel.size(512)).isEqualTo("1 KB");
  }
}
