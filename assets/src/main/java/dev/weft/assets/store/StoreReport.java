package dev.weft.assets.store;

import java.util.List;

/**
 * What an eviction or garbage collection did.
 *
 * @param removedHashes the assets taken out of the store
 * @param freedBytes bytes given back (asset files, sidecars and leftovers of interrupted writes)
 * @param keptEntries entries still in the store
 * @param keptBytes bytes still used by the store
 * @param problems entries that could not be read and were left alone, each with its reason
 */
public record StoreReport(
    List<String> removedHashes,
    long freedBytes,
    int keptEntries,
    long keptBytes,
    List<String> problems) {
  public StoreReport {
    removedHashes = List.copyOf(removedHashes);
    problems = List.copyOf(problems);
  }
}
