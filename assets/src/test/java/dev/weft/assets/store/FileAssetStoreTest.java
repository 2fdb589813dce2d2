package dev.weft.assets.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.Asset;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.BooleanAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.NumberAsset;
import dev.weft.assets.Provenance;
import dev.weft.assets.TextAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.TranscriptAsset.Segment;
import dev.weft.assets.TranscriptAsset.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAssetStoreTest {
  @TempDir Path dir;

  private static final Provenance PROV =
      new Provenance(
          "p.weft.json",
          "n1",
          "text.literal",
          1,
          Map.of("text", "hi"),
          null,
          null,
          7L,
          "local",
          "test");

  @Test
  void everyBuiltInKindRoundTripsToAnEqualAsset() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    List<Asset> assets =
        List.of(
            TextAsset.of("héllo\nwörld"),
            NumberAsset.of(3.25),
            BooleanAsset.of(true),
            ImageAsset.ofArgb(2, 1, new int[] {0xff112233, 0x80ffffff}),
            ImageAsset.ofRgba16(
                1, 2, new short[] {1, 2, 3, 4, (short) 65535, 0, 300, (short) 40000}),
            AudioAsset.of(16000, 2, new float[] {0.5f, -0.5f, 0.25f, 1f}),
            TranscriptAsset.of(
                "hi there",
                "en",
                "NEUTRAL",
                "Speech",
                List.of(new Segment(0.1, 0.9, "hi there")),
                List.of(new Token("▁hi", 0.12), new Token("▁there", 0.5))));
    for (Asset a : assets) {
      store.put(a, PROV);
      assertThat(store.get(a.hash())).as(a.describe()).contains(a);
    }
    ListAsset list = ListAsset.of(assets.subList(0, 2));
    store.put(list, PROV);
    assertThat(store.get(list.hash())).contains(list);
  }

  @Test
  void theSidecarKeepsProvenance() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    TextAsset t = TextAsset.of("x");
    store.put(t, PROV);
    assertThat(store.record(t.hash()).orElseThrow().provenance()).isEqualTo(PROV);
  }

  @Test
  void putOfAnAssetAlreadyStoredKeepsTheFirstRecord() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    TextAsset t = TextAsset.of("x");
    StoredRecord first = store.put(t, PROV);
    StoredRecord second = store.put(t, Provenance.external("other"));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void noTemporaryFilesRemainAfterPuts() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    store.put(TextAsset.of("a"), PROV);
    store.put(NumberAsset.of(1), PROV);
    try (Stream<Path> parts = Files.list(dir.resolve("tmp"))) {
      assertThat(parts).isEmpty();
    }
  }

  @Test
  void bytesWithoutASidecarAreNotVisible() throws IOException {
    FileAssetStore store = new FileAssetStore(dir);
    TextAsset t = TextAsset.of("half written");
    Path bytes =
        dir.resolve("objects").resolve(t.hash().substring(0, 2)).resolve(t.hash() + ".txt");
    Files.createDirectories(bytes.getParent());
    Files.writeString(bytes, "half wr");
    assertThat(store.contains(t.hash())).isFalse();
    assertThat(store.get(t.hash())).isEmpty();
  }

  @Test
  void aMalformedHashIsRefusedWithItsValue() {
    FileAssetStore store = new FileAssetStore(dir);
    assertThatThrownBy(() -> store.get("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../../etc/passwd");
  }
}
