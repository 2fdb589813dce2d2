package dev.weft.pipelines.engine;

import dev.weft.assets.Asset;
import dev.weft.assets.store.AssetStore;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;

/**
 * A value produced in a run: its hash always, the asset itself once known. Values of cached nodes
 * are loaded from the store only when a node that runs actually reads them.
 */
public final class ValueRef {
  private final String hash;
  private final AssetStore store;
  private volatile Asset asset;

  private ValueRef(String hash, Asset asset, AssetStore store) {
    this.hash = hash;
    this.asset = asset;
    this.store = store;
  }

  public static ValueRef of(Asset asset) {
    return new ValueRef(asset.hash(), asset, null);
  }

  public static ValueRef stored(String hash, AssetStore store) {
    return new ValueRef(hash, null, store);
  }

  public String hash() {
    return hash;
  }

  public boolean isLoaded() {
    return asset != null;
  }

  public Asset get() {
    Asset a = asset;
    if (a == null) {
      synchronized (this) {
        a = asset;
        if (a == null) {
          try {
            a =
                store
                    .get(hash)
                    .orElseThrow(() ->
                        new WeftException(
                            "a cached result ("
                                + hash.substring(0, 12)
                                + ") is missing from the asset store",
                            Location.NONE,
                            "run again without the cache (--no-cache) to make it anew"));
          } catch (IOException e) {
            throw new WeftException(
                "a cached result could not be read: " + e.getMessage(),
                Location.NONE,
                "run again without the cache (--no-cache) to make it anew",
                e);
          }
          asset = a;
        }
      }
    }
    return a;
  }

  @Override
  public String toString() {
    return asset != null ? asset.toString() : "stored #" + hash.substring(0, 12);
  }
}
