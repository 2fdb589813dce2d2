package dev.weft.pipelines.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  @TempDir Path dir;

  private Secrets standard(Map<String, String> env) {
    return Secrets.standard(env, PlatformDirs.under(dir), Optional.empty());
  }

  @Test
  void withoutAKeychainKeysGoToTheOwnerOnlyFile() {
    Secrets s = standard(Map.of());
    s.put(Secrets.DASHSCOPE, "sk-file-store-key-123456");
    assertThat(s.storage()).contains("secrets.json");
    assertThat(standard(Map.of()).get(Secrets.DASHSCOPE)).contains("sk-file-store-key-123456");
  }

  @Test
  void theSecretsFileIsReadableByItsOwnerOnly() throws Exception {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX file systems only");
    standard(Map.of()).put(Secrets.DASHSCOPE, "sk-file-store-key-123456");
    Path file = dir.resolve("config/secrets.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aSecretsFileOthersCanReadIsTightened() throws Exception {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX file systems only");
    Path file = dir.resolve("config/secrets.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"dashscope\": \"sk-loose-file-key-0000\"}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(standard(Map.of()).get(Secrets.DASHSCOPE)).contains("sk-loose-file-key-0000");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void theEnvironmentVariableWinsOverAStoredKey() {
    standard(Map.of()).put(Secrets.DASHSCOPE, "sk-stored-key-11111111");
    Secrets withEnv = standard(Map.of("DASHSCOPE_API_KEY", "sk-env-key-22222222"));
    assertThat(withEnv.find(Secrets.DASHSCOPE))
        .get()
        .satisfies(f -> {
          assertThat(f.value()).isEqualTo("sk-env-key-22222222");
          assertThat(f.source()).isEqualTo("environment");
        });
  }

  @Test
  void theOpenAiVariableServesOnlyEndpointsThatNameIt() {
    Secrets s = standard(Map.of("OPENAI_API_KEY", "sk-openai-env-33333333"));
    OpenAiEndpoint own = OpenAiEndpoint.of("box", "http://h:8000/v1", EndpointType.VLLM);
    OpenAiEndpoint shared =
        new OpenAiEndpoint(
            "openai", "https://api.openai.com/v1", EndpointType.OPENAI, Secrets.OPENAI, null);
    assertThat(s.keyFor(own)).isEmpty();
    assertThat(s.keyFor(shared)).contains("sk-openai-env-33333333");
  }

  @Test
  void aMissingDashScopeKeySaysHowToSetOne() {
    assertThatThrownBy(() -> standard(Map.of()).requireDashScopeKey())
        .isInstanceOfSatisfying(
            WeftException.class,
            e -> assertThat(e.hint()).get().asString().contains("DASHSCOPE_API_KEY"));
  }

  @Test
  void aKeyWithALineBreakIsRefused() {
    assertThatThrownBy(() -> standard(Map.of()).put(Secrets.DASHSCOPE, "sk-abc\n"))
        .hasMessageContaining("line break");
  }

  @Test
  void removingAKeyDeletesItFromTheFile() {
    Secrets s = standard(Map.of());
    s.put("openai:box", "sk-to-be-removed-4444");
    s.remove("openai:box");
    assertThat(standard(Map.of()).get("openai:box")).isEmpty();
  }

  @Test
  void aFoundSecretNeverPrintsItsValue() {
    Secrets s = Secrets.inMemory(Map.of(Secrets.DASHSCOPE, "sk-hidden-value-5555"));
    assertThat(String.valueOf(s.find(Secrets.DASHSCOPE).orElseThrow()))
        .doesNotContain("sk-hidden-value-5555");
  }

  @Test
  void aCorruptSecretsFileIsReportedWithoutQuotingIt() throws Exception {
    Path file = dir.resolve("config/secrets.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"dashscope\": \"sk-half-written-6666");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> standard(Map.of()).get(Secrets.DASHSCOPE))
        .isInstanceOfSatisfying(
            WeftException.class,
            e -> {
              assertThat(e.getMessage()).doesNotContain("sk-half-written");
              assertThat(e.location().file()).endsWith("secrets.json");
            });
  }
}
