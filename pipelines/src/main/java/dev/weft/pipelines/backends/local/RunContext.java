package dev.weft.pipelines.backends.local;

import dev.weft.assets.Asset;
import dev.weft.assets.store.AssetStore;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/** What a run may use: the asset store, a cancel flag to poll, and a progress sink (0..1). */
public record RunContext(AssetStore store, BooleanSupplier cancelled, DoubleConsumer progress) {

  /** Reads an input asset by hash, failing clearly when the store does not hold it. */
  public <A extends Asset> A input(String hash, Class<A> type) throws IOException {
    Asset a =
        store
            .get(hash)
            .orElseThrow(() -> new IOException("the asset store holds no asset " + hash));
    if (!type.isInstance(a)) {
      throw new IOException(
          "asset "
              + hash
              + " is "
              + a.describe()
              + ", not the "
              + type.getSimpleName()
              + " expected");
    }
    return type.cast(a);
  }
}
