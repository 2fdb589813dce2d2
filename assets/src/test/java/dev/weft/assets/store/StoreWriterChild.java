package dev.weft.assets.store;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.Provenance;
import java.nio.file.Path;

/**
 * A child JVM for the crash test: puts large audio assets into a store forever, announcing each
 * before it starts, until its parent kills it.
 */
public final class StoreWriterChild {
  private StoreWriterChild() {}

  public static void main(String[] args) throws Exception {
    FileAssetStore store = new FileAssetStore(Path.of(args[0]));
    int frames = Integer.parseInt(args[1]);
    for (int i = 0; ; i++) {
      float[] s = new float[frames];
      for (int k = 0; k < s.length; k += 97) {
        s[k] = (float) Math.sin(i + k * 0.001);
      }
      AudioAsset a = AudioAsset.mono(16000, s);
      System.out.println("writing " + i + " " + a.hash());
      System.out.flush();
      store.put(a, Provenance.external("crash-test"));
    }
  }
}
