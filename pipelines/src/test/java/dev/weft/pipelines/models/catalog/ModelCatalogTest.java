package dev.weft.pipelines.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.pipelines.WeftException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
  @TempDir Path dir;

  @Test
  void builtInCatalogHasTheSupportedModels() {
    ModelCatalog c = ModelCatalog.builtIn();
    assertThat(c.entries())
        .extracting(CatalogEntry::id)
        .contains(
            "silero-vad-v5",
            "silero-vad-v6",
            "silero-vad-legacy",
            "sensevoice-small",
            "sensevoice-small-int8",
            "paraformer-zh",
            "paraformer-zh-int8");
  }

  @Test
  void sileroEntriesCarryVerifiedHashesOfTheNpmFiles() {
    CatalogEntry v6 = ModelCatalog.builtIn().get("silero-vad-v6");
    assertThat(v6.fullyVerified()).isTrue();
    assertThat(v6.files().getFirst().sha256())
        .isEqualTo("1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3");
  }

  @Test
  void unverifiedEntriesSayWhatIsUnverified() {
    CatalogEntry sv = ModelCatalog.builtIn().get("sensevoice-small-int8");
    assertThat(sv.fullyVerified()).isFalse();
    assertThat(sv.notes()).contains("unverified");
    assertThat(sv.huggingFace()).isPresent();
  }

  @Test
  void userFileAddsAndOverridesEntries() throws Exception {
    Path user = dir.resolve("models.json");
    Files.writeString(
        user,
        """
        {"format": "weft-model-catalog", "version": 1, "models": [
          {"id": "silero-vad-v5", "family": "vad", "task": "voice-activity-detection",
           "licence": "MIT", "runner": "silero-vad",
           "sources": [{"type": "url", "base": "https://example.org/vad"}],
           "files": [{"path": "vad.onnx", "size": 10}]},
          {"id": "my-asr", "family": "asr", "task": "speech-recognition",
           "licence": "MIT", "runner": "sensevoice",
           "files": [{"path": "model.onnx"}]}
        ]}
        """);
    ModelCatalog c = ModelCatalog.withUserFile(user);
    assertThat(c.get("silero-vad-v5").files().getFirst().path()).isEqualTo("vad.onnx");
    assertThat(c.get("my-asr").runner()).isEqualTo("sensevoice");
    assertThat(c.get("paraformer-zh")).isNotNull();
  }

  @Test
  void badEntryIsReportedWithFileAndModel() throws Exception {
    Path user = dir.resolve("models.json");
    Files.writeString(
        user,
        """
        {"format": "weft-model-catalog", "version": 1, "models": [
          {"id": "broken", "family": "asr", "task": "x", "licence": "MIT", "runner": "r",
           "files": [{"path": "../escape.onnx"}]}
        ]}
        """);
    assertThatThrownBy(() -> ModelCatalog.withUserFile(user))
        .isInstanceOf(WeftException.class)
        .satisfies(t ->
            assertThat(((WeftException) t).userMessage())
                .contains("models.json")
                .contains("model 'broken'")
                .contains("stay inside the model folder"));
  }

  @Test
  void invalidJsonIsReportedWithItsLine() throws Exception {
    Path user = dir.resolve("models.json");
    Files.writeString(user, "{\"format\": \"weft-model-catalog\",\n \"models\": [}\n");
    assertThatThrownBy(() -> ModelCatalog.withUserFile(user))
        .isInstanceOf(WeftException.class)
        .satisfies(t -> assertThat(((WeftException) t).location().line()).isEqualTo(2));
  }

  @Test
  void unknownIdSuggestsCloseOnes() {
    assertThatThrownBy(() -> ModelCatalog.builtIn().get("silero"))
        .isInstanceOf(WeftException.class)
        .satisfies(
            t -> assertThat(((WeftException) t).hint().orElseThrow()).contains("silero-vad-v5"));
  }
}
