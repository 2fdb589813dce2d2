package dev.weft.pipelines.models.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Model libraries for tests, under a temporary folder. */
public final class TestLibraries {
  private TestLibraries() {}

  /**
   * A library over the given catalog that is offline and whose hub addresses are a closed loopback
   * port, so nothing a test does can reach a network; models are installed with {@code addFolder}.
   */
  public static ModelLibrary offline(ModelCatalog catalog, Path dir) {
    return new ModelLibrary(
        catalog,
        new HubCache(dir.resolve("hub")),
        new ModelLibrary.Settings(
            dir.resolve("own"),
            dir.resolve("folders.json"),
            "http://127.0.0.1:9",
            "http://127.0.0.1:9",
            null,
            true),
        new ModelDownloader(
            ModelDownloader.httpClient(Map.of(), Duration.ofSeconds(1)),
            ModelDownloader.Settings.defaults()));
  }

  /** {@link #offline(ModelCatalog, Path)} over the built-in catalog. */
  public static ModelLibrary offline(Path dir) {
    return offline(ModelCatalog.builtIn(), dir);
  }
}
