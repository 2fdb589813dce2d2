package dev.weft.pipelines.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.pipelines.backends.LocalOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLocalModelsTest {
  @TempDir Path tmp;

  private static CatalogEntry entry(String id, String family, String runner) {
    return new CatalogEntry(
        id,
        id,
        family,
        "image-to-text",
        "q4",
        "Apache-2.0",
        runner,
        List.of(new ModelFile("model.onnx", 4, null, false)),
        List.of(new ModelSource.HuggingFace("weft-test/" + id, "main")),
        null,
        "");
  }

  private ModelLibrary library(List<CatalogEntry> entries, boolean offline) {
    ModelLibrary.Settings s =
        new ModelLibrary.Settings(
            tmp.resolve("weft/models"),
            tmp.resolve("weft/model-folders.json"),
            "http://127.0.0.1:9/hf",
            "http://127.0.0.1:9/ms",
            null,
            offline);
    return new ModelLibrary(
        ModelCatalog.of(entries),
        new HubCache(tmp.resolve("hub")),
        s,
        new ModelDownloader(
            ModelDownloader.httpClient(Map.of(), Duration.ofSeconds(1)),
            ModelDownloader.Settings.defaults()));
  }

  private void install(ModelLibrary lib, String id) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("folders").resolve(id));
    Files.write(folder.resolve("model.onnx"), new byte[] {1, 2, 3, 4});
    lib.addFolder(folder, id);
  }

  @Test
  void anInstalledModelWithAKnownRunnerIsTheLocalOption() throws IOException {
    ModelLibrary lib =
        library(
            List.of(entry("vl-small", "vision", "qwen-vl"), entry("vl-big", "vision", "qwen-vl")),
            false);
    install(lib, "vl-big");
    LocalOption o = new CatalogLocalModels(lib, Set.of("qwen-vl")::contains).find("vision", null);
    assertThat(o.available()).isTrue();
    assertThat(o.modelId()).isEqualTo("vl-big");
    assertThat(o.runner()).isEqualTo("qwen-vl");
  }

  @Test
  void aFamilyWhoseRunnerIsMissingHasNoLocalOption() throws IOException {
    ModelLibrary lib = library(List.of(entry("vl-small", "vision", "qwen-vl")), false);
    install(lib, "vl-small");
    LocalOption o = new CatalogLocalModels(lib, runner -> false).find("vision", null);
    assertThat(o.available()).isFalse();
    assertThat(o.reason()).contains("no local runner for vision");
  }

  @Test
  void aMissingModelSaysHowToPullIt() {
    ModelLibrary lib = library(List.of(entry("vl-small", "vision", "qwen-vl")), false);
    LocalOption o = new CatalogLocalModels(lib, Set.of("qwen-vl")::contains).find("vision", null);
    assertThat(o.available()).isFalse();
    assertThat(o.reason()).contains("vl-small is not installed");
    assertThat(o.hint()).contains("weft models pull vl-small");
  }

  @Test
  void offlineTheHintDoesNotSuggestADownload() {
    ModelLibrary lib = library(List.of(entry("vl-small", "vision", "qwen-vl")), true);
    LocalOption o = new CatalogLocalModels(lib, Set.of("qwen-vl")::contains).find("vision", null);
    assertThat(o.hint()).contains("offline").doesNotContain("weft models pull");
  }

  @Test
  void anotherTaskOfTheFamilyDoesNotCount() throws IOException {
    ModelLibrary lib = library(List.of(entry("vl-small", "vision", "qwen-vl")), false);
    install(lib, "vl-small");
    LocalOption o =
        new CatalogLocalModels(lib, Set.of("qwen-vl")::contains).find("vision", "video-to-text");
    assertThat(o.available()).isFalse();
  }

  @Test
  void theCompositionRootOffersTheResolverTheCatalogAndTheRunners() {
    try (dev.weft.pipelines.WeftContext ctx =
        dev.weft.pipelines.WeftContext.create(
            dev.weft.nativelibs.platform.PlatformDirs.under(tmp.resolve("home")))) {
      dev.weft.pipelines.backends.LocalModels local =
          ctx.services().find(dev.weft.pipelines.backends.LocalModels.class).orElseThrow();
      // Silero VAD has a runner in this build: it is installed, or it is reported as missing
      LocalOption vad = local.find("vad", null);
      assertThat(vad.available() || vad.reason().contains("is not installed"))
          .as(String.valueOf(vad))
          .isTrue();
      // no catalog entry of the vision family names a runner this build has
      assertThat(local.find("vision", null).reason()).contains("no local runner for vision");
    }
  }
}
