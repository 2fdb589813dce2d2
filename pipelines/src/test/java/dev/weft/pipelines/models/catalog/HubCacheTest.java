package dev.weft.pipelines.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubCacheTest {
  @Test
  void hfHubCacheWins() {
    assertThat(HubCache.standard(Map.of("HF_HUB_CACHE", "/a", "HF_HOME", "/b"), "/home/u").root())
        .isEqualTo(Path.of("/a"));
  }

  @Test
  void hfHomeHoldsTheHubFolder() {
    assertThat(HubCache.standard(Map.of("HF_HOME", "/b"), "/home/u").root())
        .isEqualTo(Path.of("/b/hub"));
  }

  @Test
  void defaultIsUnderTheUsersCache() {
    assertThat(HubCache.standard(Map.of(), "/home/u").root())
        .isEqualTo(Path.of("/home/u/.cache/huggingface/hub"));
  }

  @Test
  void repoFolderUsesDoubleDashes() {
    assertThat(
            new HubCache(Path.of("/h"))
                .repoDir("csukuangfj/sherpa-onnx-x")
                .getFileName()
                .toString())
        .isEqualTo("models--csukuangfj--sherpa-onnx-x");
  }
}
