package dev.weft.pipelines.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLibraryTest {
  private static final String REPO = "weft-test/tiny-model";
  private static final String MIRROR = "weft-mirror/tiny-model";

  @TempDir Path tmp;
  private HubTestServer hub;
  private HubTestServer mirror;
  private byte[] model;
  private byte[] tokens;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
  private ModelDownloader.SpaceProbe space = dir -> Long.MAX_VALUE;
  private ModelDownloader.PartOpener opener =
      p ->
          FileChannel.open(
              p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  private ModelDownloader.Settings dlSettings =
      ModelDownloader.Settings.defaults().withStallTimeout(Duration.ofMillis(400));

  @BeforeEach
  void serve() throws IOException {
    model = new byte[300_000];
    new Random(7).nextBytes(model);
    tokens = "<blk> 0\n<sos/eos> 1\nhello 2\n".getBytes();
    hub = new HubTestServer("/hf");
    hub.put(REPO, "model.onnx", model);
    hub.put(REPO, "tokens.txt", tokens);
    mirror = new HubTestServer("/ms");
  }

  @AfterEach
  void stop() {
    hub.close();
    mirror.close();
  }

  private CatalogEntry entry(List<ModelSource> sources) {
    return new CatalogEntry(
        "tiny",
        "Tiny",
        "test",
        "test",
        "fp32",
        "MIT",
        "test-runner",
        List.of(
            new ModelFile("model.onnx", model.length, HubTestServer.sha256(model), true),
            new ModelFile("tokens.txt", tokens.length, HubTestServer.sha256(tokens), true)),
        sources,
        null,
        "");
  }

  private ModelLibrary library(CatalogEntry e, boolean offline) {
    ModelDownloader d =
        new ModelDownloader(
            ModelDownloader.httpClient(Map.of(), Duration.ofSeconds(5)),
            dlSettings,
            sleeps::add,
            space,
            opener);
    ModelLibrary.Settings s =
        new ModelLibrary.Settings(
            tmp.resolve("weft/models"),
            tmp.resolve("weft/model-folders.json"),
            hub.endpoint(),
            mirror.endpoint(),
            null,
            offline);
    return new ModelLibrary(ModelCatalog.of(List.of(e)), new HubCache(tmp.resolve("hub")), s, d);
  }

  private ModelLibrary library() {
    return library(entry(List.of(new ModelSource.HuggingFace(REPO, "main"))), false);
  }

  private Path repoDir() {
    return tmp.resolve("hub/models--weft-test--tiny-model");
  }

  @Test
  void pullLandsFilesInTheHubCacheLayout() throws IOException {
    InstalledModel m = library().pull("tiny", progress::add, new DownloadCancel());
    Path blob = repoDir().resolve("blobs").resolve(HubTestServer.sha256(model));
    Path snap = repoDir().resolve("snapshots").resolve(HubTestServer.COMMIT).resolve("model.onnx");
    assertThat(blob).isRegularFile();
    assertThat(Files.isSymbolicLink(snap)).isTrue();
    assertThat(snap.getParent().resolve(Files.readSymbolicLink(snap)).normalize()).isEqualTo(blob);
    assertThat(Files.readString(repoDir().resolve("refs/main"))).isEqualTo(HubTestServer.COMMIT);
    assertThat(m.file("model.onnx")).hasBinaryContent(model);
    assertThat(m.folder()).isEqualTo(repoDir().resolve("snapshots").resolve(HubTestServer.COMMIT));
  }

  @Test
  void progressReportsBytesRateAndEta() throws IOException {
    library().pull("tiny", progress::add, new DownloadCancel());
    DownloadProgress last = progress.getLast();
    assertThat(last.bytes()).isEqualTo(model.length + tokens.length);
    assertThat(last.total()).isEqualTo(model.length + tokens.length);
    assertThat(progress).anyMatch(p -> p.bytesPerSecond() > 0);
    assertThat(progress).anyMatch(p -> p.remaining().isPresent());
    assertThat(progress.stream().filter(DownloadProgress::fileDone)).hasSize(2);
  }

  @Test
  void connectionCutMidFileResumesWithARangeAndEndsWithTheRightHash() throws IOException {
    hub.cutOnce.put(REPO + "/model.onnx", new java.util.concurrent.atomic.AtomicInteger(120_000));
    InstalledModel m = library().pull("tiny", progress::add, new DownloadCancel());
    assertThat(hub.ranges).anyMatch(r -> r.startsWith("bytes=") && !r.equals("bytes=0-"));
    assertThat(ModelLibrary.fileSha256(m.file("model.onnx")))
        .isEqualTo(HubTestServer.sha256(model));
    assertThat(sleeps).hasSize(1); // one backoff before the resume
  }

  @Test
  void wrongHashIsRejectedAndNothingIsLeftInPlace() throws IOException {
    byte[] bad = model.clone();
    bad[1000] ^= 1;
    hub.wrongBytes.put(REPO + "/model.onnx", bad);
    assertThatThrownBy(() -> library().pull("tiny", progress::add, new DownloadCancel()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("SHA-256 " + HubTestServer.sha256(bad))
        .hasMessageContaining("expects " + HubTestServer.sha256(model));
    String expected = HubTestServer.sha256(model);
    try (var files = Files.walk(repoDir())) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.equals("model.onnx") || n.contains(expected));
    }
    assertThat(library().status("tiny").isInstalled()).isFalse();
  }

  @Test
  void notFoundIsReportedWithTheUrlAndTheStatus() {
    CatalogEntry e = entry(List.of(new ModelSource.HuggingFace("weft-test/absent", "main")));
    assertThatThrownBy(() -> library(e, false).pull("tiny", progress::add, new DownloadCancel()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("answered 404")
        .hasMessageContaining("weft-test/absent/resolve/main/model.onnx");
    assertThat(sleeps).isEmpty(); // a 404 is not retried
  }

  @Test
  void mirrorIsUsedWhenTheHubDoesNotHaveTheFile() throws IOException {
    mirror.put(MIRROR, "model.onnx", model);
    mirror.put(MIRROR, "tokens.txt", tokens);
    CatalogEntry e =
        entry(
            List.of(
                new ModelSource.HuggingFace("weft-test/gone", "main"),
                new ModelSource.ModelScope(MIRROR, "master")));
    InstalledModel m = library(e, false).pull("tiny", progress::add, new DownloadCancel());
    assertThat(m.file("model.onnx")).hasBinaryContent(model);
    assertThat(mirror.requests)
        .anyMatch(r -> r.contains("/models/weft-mirror/tiny-model/resolve/master/"));
  }

  @Test
  void tooManyRequestsWaitsAsRetryAfterSays() throws IOException {
    hub.tooMany.put(REPO + "/tokens.txt", new java.util.concurrent.atomic.AtomicInteger(1));
    hub.retryAfterSeconds = 7;
    library().pull("tiny", progress::add, new DownloadCancel());
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void stalledTransferIsAbortedAndResumed() throws IOException {
    hub.stallAfter.put(REPO + "/model.onnx", 100_000);
    hub.stallMillis = 3000;
    InstalledModel m = library().pull("tiny", progress::add, new DownloadCancel());
    assertThat(m.file("model.onnx")).hasBinaryContent(model);
    assertThat(hub.ranges).isNotEmpty();
  }

  @Test
  void slowServerStillCompletesWithProgressAlongTheWay() throws IOException {
    hub.trickleDelayMillis = 5;
    InstalledModel m = library().pull("tiny", progress::add, new DownloadCancel());
    assertThat(m.file("model.onnx")).hasBinaryContent(model);
    assertThat(progress.stream().filter(p -> p.file().endsWith("model.onnx")).count())
        .isGreaterThan(2);
  }

  @Test
  void severalFilesDownloadAtOnce() throws IOException {
    hub.holdUntilInFlight = 2; // one at a time would leave this at 1 after a 5 s wait
    library().pull("tiny", progress::add, new DownloadCancel());
    assertThat(hub.maxInFlight.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void fullDiskIsRefusedBeforeAnyRequest() {
    space = dir -> 1000;
    assertThatThrownBy(() -> library().pull("tiny", progress::add, new DownloadCancel()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("not enough free space")
        .hasMessageContaining("1000 B is free");
    assertThat(hub.requests).isEmpty();
  }

  @Test
  void diskFillingUpDuringTheWriteFailsWithoutRetrying() {
    opener =
        p ->
            new FailingChannel(
                FileChannel.open(
                    p,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND),
                50_000);
    assertThatThrownBy(() -> library().pull("tiny", progress::add, new DownloadCancel()))
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("is the disk full?");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void cancelStopsTheDownloadAndAResumeFinishesIt() throws Exception {
    hub.trickleDelayMillis = 20;
    DownloadCancel cancel = new DownloadCancel();
    ModelLibrary lib = library();
    CompletableFuture<InstalledModel> f =
        CompletableFuture.supplyAsync(() -> {
          try {
            return lib.pull("tiny", progress::add, cancel);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    while (progress.stream()
        .noneMatch(p -> p.file().endsWith("model.onnx") && p.fileBytes() > 20_000)) {
      Thread.onSpinWait();
    }
    cancel.cancel();
    assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(CancellationException.class);
    try (var files = Files.list(repoDir().resolve("blobs"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".incomplete"));
    }
    hub.trickleDelayMillis = 0;
    InstalledModel m = library().pull("tiny", progress::add, new DownloadCancel());
    assertThat(m.file("model.onnx")).hasBinaryContent(model);
    assertThat(hub.ranges).isNotEmpty();
  }

  @Test
  void offlineModeMakesNoRequestAndSaysHowToFetchElsewhere() {
    CatalogEntry e = entry(List.of(new ModelSource.HuggingFace(REPO, "main")));
    assertThatThrownBy(() -> library(e, true).pull("tiny", progress::add, new DownloadCancel()))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("not installed (missing: model.onnx, tokens.txt)")
        .satisfies(t ->
            assertThat(((WeftException) t).hint().orElseThrow())
                .contains("offline")
                .contains("weft models pull tiny")
                .contains("models--weft-test--tiny-model"));
    assertThat(hub.requests).isEmpty();
  }

  @Test
  void filesAnotherToolPutInTheHubCacheAreFoundWithoutDownloading() throws IOException {
    // the layout huggingface_hub writes: blobs, a snapshot with relative links, refs/main
    Path blobs = Files.createDirectories(repoDir().resolve("blobs"));
    Path snap = Files.createDirectories(repoDir().resolve("snapshots/feedface"));
    Files.write(blobs.resolve("aaa"), model);
    Files.write(blobs.resolve("bbb"), tokens);
    Files.createSymbolicLink(snap.resolve("model.onnx"), Path.of("../../blobs/aaa"));
    Files.createSymbolicLink(snap.resolve("tokens.txt"), Path.of("../../blobs/bbb"));
    Files.createDirectories(repoDir().resolve("refs"));
    Files.writeString(repoDir().resolve("refs/main"), "feedface");
    ModelLibrary lib = library();
    assertThat(lib.status("tiny").isInstalled()).isTrue();
    lib.pull("tiny", progress::add, new DownloadCancel());
    assertThat(hub.requests).isEmpty();
  }

  @Test
  void verifyFindsAFileChangedOnDisk() throws IOException {
    ModelLibrary lib = library();
    InstalledModel m = lib.pull("tiny", progress::add, new DownloadCancel());
    assertThat(lib.verify("tiny")).allMatch(FileCheck::ok);
    Path blob = m.file("tokens.txt").toRealPath();
    Files.writeString(blob, "<blk> 0\n<sos/eos> 1\nhellO 2\n");
    assertThat(lib.verify("tiny"))
        .filteredOn(c -> c.path().equals("tokens.txt"))
        .extracting(FileCheck::outcome)
        .containsExactly(FileCheck.Outcome.WRONG_HASH);
  }

  @Test
  void removeDeletesSnapshotLinksAndTheirBlobs() throws IOException {
    ModelLibrary lib = library();
    lib.pull("tiny", progress::add, new DownloadCancel());
    long freed = lib.remove("tiny");
    assertThat(freed).isEqualTo(model.length + tokens.length);
    assertThat(lib.status("tiny").isInstalled()).isFalse();
    try (var files = Files.list(repoDir().resolve("blobs"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void registeredFolderIsUsedAndRemovingItLeavesTheFolder() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("unpacked"));
    Files.write(folder.resolve("model.onnx"), model);
    Files.write(folder.resolve("tokens.txt"), tokens);
    ModelLibrary lib = library();
    InstalledModel m = lib.addFolder(folder, "tiny");
    assertThat(m.folder()).isEqualTo(folder.toAbsolutePath().normalize());
    assertThat(lib.remove("tiny")).isZero();
    assertThat(folder.resolve("model.onnx")).exists();
    assertThat(lib.status("tiny").isInstalled()).isFalse();
  }

  @Test
  void folderWithoutTheModelsFilesIsRefusedNamingThem() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("half"));
    Files.write(folder.resolve("model.onnx"), model);
    assertThatThrownBy(() -> library().addFolder(folder, "tiny"))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("tokens.txt");
  }

  @Test
  void folderUnderANewIdIsListed() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("mine"));
    Files.write(folder.resolve("encoder.onnx"), model);
    ModelLibrary lib = library();
    lib.addFolder(folder, "my-encoder");
    assertThat(lib.list()).extracting(s -> s.entry().id()).contains("tiny", "my-encoder");
    assertThat(lib.require("my-encoder").file("encoder.onnx")).exists();
  }

  /** A disk that fills up after some bytes. */
  private static final class FailingChannel implements WritableByteChannel {
    private final FileChannel inner;
    private long left;

    FailingChannel(FileChannel inner, long capacity) {
      this.inner = inner;
      this.left = capacity;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (src.remaining() > left) {
        throw new IOException("No space left on device");
      }
      int n = inner.write(src);
      left -= n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }
}
