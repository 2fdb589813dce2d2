package dev.weft.assets.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.assets.Asset;
import dev.weft.assets.ContentHash;
import dev.weft.assets.ListAsset;
import dev.weft.assets.Provenance;
import dev.weft.assets.TextAsset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAssetStoreLifecycleTest {
  @TempDir Path dir;

  static final Provenance P = Provenance.external("test");

  static TextAsset text(int size, char c) {
    return TextAsset.of(String.valueOf(c).repeat(size));
  }

  // Ages an entry's last use so LRU order does not depend on clock resolution.
  private static void lastUsed(FileAssetStore store, Asset a, long secondsAgo) throws IOException {
    Path sidecar =
        store
            .root()
            .resolve("objects")
            .resolve(a.hash().substring(0, 2))
            .resolve(a.hash() + ".meta.json");
    Files.setLastModifiedTime(sidecar, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  @Test
  void sizeCountsBytesAndSidecars() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    assertThat(store.sizeBytes()).isZero();
    StoredRecord r = store.put(text(1000, 'a'), P);
    assertThat(r.sizeBytes()).isEqualTo(1000);
    assertThat(store.sizeBytes()).isGreaterThan(1000).isLessThan(3000);
  }

  @Test
  void evictionRemovesTheLeastRecentlyUsedFirst() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    TextAsset a = text(10_000, 'a');
    TextAsset b = text(10_000, 'b');
    TextAsset c = text(10_000, 'c');
    for (TextAsset t : List.of(a, b, c)) {
      store.put(t, P);
    }
    lastUsed(store, a, 300);
    lastUsed(store, b, 200);
    lastUsed(store, c, 100);
    store.get(a.hash()); // a is now the most recent
    StoreReport report = store.evict(25_000, Set.of());
    assertThat(report.removedHashes()).containsExactly(b.hash());
    assertThat(store.contains(a.hash())).isTrue();
    assertThat(store.contains(c.hash())).isTrue();
    assertThat(store.sizeBytes()).isLessThanOrEqualTo(25_000);
  }

  @Test
  void evictionNeverRemovesKeptEntriesOrTheItemsOfKeptLists() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    TextAsset a = text(10_000, 'a');
    TextAsset b = text(10_000, 'b');
    ListAsset list = ListAsset.of(List.of(a));
    store.put(a, P);
    store.put(b, P);
    store.put(list, P);
    lastUsed(store, a, 500);
    StoreReport report = store.evict(0, Set.of(list.hash()));
    assertThat(report.removedHashes()).containsExactly(b.hash());
    assertThat(store.get(list.hash())).contains(list);
  }

  @Test
  void gcKeepsWhatIsReachableFromTheLiveSet() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    TextAsset a = text(10, 'a');
    TextAsset b = text(10, 'b');
    TextAsset dead = text(10, 'd');
    ListAsset list = ListAsset.of(List.of(a, b));
    for (Asset x : List.of(a, b, dead, list)) {
      store.put(x, P);
    }
    StoreReport report = store.gc(Set.of(list.hash()));
    assertThat(report.removedHashes()).containsExactly(dead.hash());
    assertThat(report.keptEntries()).isEqualTo(3);
    assertThat(store.contains(a.hash())).isTrue();
    assertThat(store.contains(dead.hash())).isFalse();
    assertThat(report.keptBytes()).isEqualTo(store.sizeBytes());
  }

  @Test
  void gcRemovesOldLeftoversOfInterruptedWritesButNotFreshOnes() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    store.put(text(10, 'a'), P);
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path old = Files.writeString(tmp.resolve("old.part"), "half");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
    Path fresh = Files.writeString(tmp.resolve("fresh.part"), "in progress");
    String orphanHash = ContentHash.ofBytes(new byte[] {1});
    Path shard =
        Files.createDirectories(dir.resolve("objects").resolve(orphanHash.substring(0, 2)));
    Path orphan = Files.writeString(shard.resolve(orphanHash + ".txt"), "x");
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minusSeconds(3600)));
    StoreReport report = store.gc(Set.of());
    assertThat(old).doesNotExist();
    assertThat(orphan).doesNotExist();
    assertThat(fresh).exists();
    assertThat(report.freedBytes()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aWriteKilledMidwayLeavesNoHalfAssetVisible() throws Exception {
    Path storeDir = dir.resolve("store");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                StoreWriterChild.class.getName(),
                storeDir.toString(),
                "8000000") // 32 MB per asset: a write takes a while
            .redirectErrorStream(true)
            .start();
    List<String> announced = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("writing ")) {
          announced.add(line.split(" ")[2]);
          if (announced.size() == 4) {
            // the 4th asset is being written now: kill the JVM without warning
            Thread.sleep(40);
            child.destroyForcibly();
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    FileAssetStore store = new FileAssetStore(storeDir);
    int visible = 0;
    for (String hash : announced) {
      if (store.contains(hash)) {
        visible++;
        // every visible asset reads back whole, with the hash it claims
        assertThat(store.get(hash).orElseThrow().hash()).isEqualTo(hash);
      }
    }
    assertThat(visible).as("assets completed before the kill").isGreaterThanOrEqualTo(3);
    assertThat(store.contains(announced.getLast()))
        .as("the asset being written when killed is either whole or absent")
        .satisfiesAnyOf(
            v -> assertThat(v).isFalse(),
            v -> assertThat(store.get(announced.getLast())).isPresent());
    // Every file in objects/ is either part of a complete entry or an invisible orphan.
    try (Stream<Path> files = Files.walk(storeDir.resolve("objects"))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = f.getFileName().toString();
        String hash = name.substring(0, name.indexOf('.'));
        if (store.contains(hash)) {
          StoredRecord r = store.record(hash).orElseThrow();
          if (!name.endsWith(".meta.json")) {
            assertThat(Files.size(f)).as(name).isEqualTo(r.sizeBytes());
          }
        }
      }
    }
  }
}
