package dev.weft.pipelines.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.cli.Interrupts;
import dev.weft.pipelines.cli.WeftCli;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft models ...} against a loopback hub. */
class ModelsCommandTest {
  private static final String REPO = "weft-test/tiny-model";
  @TempDir Path dir;
  private HubTestServer hub;
  private ModelLibrary library;
  private byte[] model;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    model = new byte[50_000];
    new Random(3).nextBytes(model);
    hub = new HubTestServer("/hf");
    hub.put(REPO, "model.onnx", model);
    CatalogEntry e =
        new CatalogEntry(
            "tiny",
            "Tiny test model",
            "test",
            "test",
            "int8",
            "MIT",
            "weft-test",
            List.of(new ModelFile("model.onnx", model.length, HubTestServer.sha256(model), true)),
            List.of(new ModelSource.HuggingFace(REPO, "main")),
            null,
            "");
    library =
        new ModelLibrary(
            ModelCatalog.of(List.of(e)),
            new HubCache(dir.resolve("hub")),
            new ModelLibrary.Settings(
                dir.resolve("own"),
                dir.resolve("folders.json"),
                hub.endpoint(),
                hub.endpoint(),
                null,
                false),
            new ModelDownloader(
                ModelDownloader.httpClient(Map.of(), Duration.ofSeconds(5)),
                ModelDownloader.Settings.defaults()));
  }

  @AfterEach
  void tearDown() {
    hub.close();
  }

  private int weft(String... args) {
    out.reset();
    err.reset();
    return WeftCli.execute(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        v -> {},
        () ->
            new WeftContext(
                PlatformDirs.under(dir.resolve("home")),
                TestCatalog.withTestNodes(),
                Services.builder().put(ModelLibrary.class, library).build(),
                new Lanes(Lanes.Config.forThisMachine())),
        Interrupts.none());
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listShowsTheCatalogWithInstalledState() {
    assertThat(weft("models", "list")).isZero();
    assertThat(stdout()).contains("tiny").contains("Tiny test model").contains("48.8 KiB");
    assertThat(weft("models", "list", "--installed")).isZero();
    assertThat(stdout()).contains("no model is installed");
  }

  @Test
  void pullDownloadsAndReportsProgress() {
    assertThat(weft("models", "pull", "tiny")).isZero();
    assertThat(stdout()).contains("tiny is installed in");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("100.0%")
        .contains("tiny/model.onnx done");
    assertThat(weft("models", "list", "--installed")).isZero();
    assertThat(stdout()).contains("installed");
  }

  @Test
  void pullOfflineMakesNoRequestAndExitsOne() {
    assertThat(weft("models", "--offline", "pull", "tiny")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("offline")
        .contains("weft models pull tiny");
    assertThat(hub.requests).isEmpty();
  }

  @Test
  void verifyReportsADamagedFileAndExitsOne() throws Exception {
    weft("models", "pull", "tiny");
    assertThat(weft("models", "verify")).isZero();
    assertThat(stdout()).contains("tiny: ok");
    Path blob =
        dir.resolve("hub/models--weft-test--tiny-model/blobs").resolve(HubTestServer.sha256(model));
    Files.write(blob, new byte[] {1, 2, 3});
    assertThat(weft("models", "verify", "tiny")).isEqualTo(1);
    assertThat(stdout()).contains("wrong size");
  }

  @Test
  void rmRemovesTheDownload() {
    weft("models", "pull", "tiny");
    assertThat(weft("models", "rm", "tiny")).isZero();
    assertThat(stdout()).contains("freed 48.8 KiB");
  }

  @Test
  void addFolderRegistersAndReportsAMissingFile() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("unpacked"));
    assertThat(weft("models", "add-folder", folder.toString(), "--as", "tiny")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("model.onnx");
    Files.write(folder.resolve("model.onnx"), model);
    assertThat(weft("models", "add-folder", folder.toString(), "--as", "tiny")).isZero();
    assertThat(stdout()).contains("registered").contains("as tiny");
  }

  @Test
  void unknownIdSaysSo() {
    assertThat(weft("models", "pull", "nope")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no model with id 'nope'");
  }
}
