package dev.weft.assets.store;

import dev.weft.assets.Asset;
import dev.weft.assets.Provenance;
import java.io.IOException;
import java.util.Optional;

/** Keeps assets by content hash, each with a record of where it came from. */
public interface AssetStore {

  /**
   * Stores an asset (a no-op when one with the same hash is present) and returns its record. The
   * write is atomic: a reader never sees half an asset.
   */
  StoredRecord put(Asset asset, Provenance provenance) throws IOException;

  /** The asset with this hash, decoded, or empty when the store does not hold it. */
  Optional<Asset> get(String hash) throws IOException;

  /** The record (sidecar) of the asset with this hash. */
  Optional<StoredRecord> record(String hash) throws IOException;

  boolean contains(String hash);

  /**
   * The file holding a stored asset's bytes, for assets that live in files (videos); empty when the
   * store does not hold it or keeps no files.
   */
  default Optional<java.nio.file.Path> fileOf(String hash) throws IOException {
    return Optional.empty();
  }

  /** Bytes the store uses on disk (asset files and sidecars). */
  long sizeBytes() throws IOException;

  /**
   * Removes least recently used entries until the store fits in {@code budgetBytes}; entries in
   * {@code keep}, and the items of lists in it, are never removed.
   */
  StoreReport evict(long budgetBytes, java.util.Set<String> keep) throws IOException;

  /**
   * Removes every entry not reachable from {@code live} (list items count as reachable from their
   * list), and the leftovers of interrupted writes.
   */
  StoreReport gc(java.util.Set<String> live) throws IOException;
}
