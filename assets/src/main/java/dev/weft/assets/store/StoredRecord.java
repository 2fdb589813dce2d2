package dev.weft.assets.store;

import dev.weft.assets.Provenance;
import java.time.Instant;
import java.util.Map;

/**
 * The sidecar of a stored asset: its hash, kind, media type, size on disk, when it was stored,
 * kind-specific attributes (width, sample rate, item hashes, ...) and its provenance.
 */
public record StoredRecord(
    String hash,
    String kind,
    String mediaType,
    String file,
    long sizeBytes,
    Instant storedAt,
    Map<String, Object> attributes,
    Provenance provenance) {

  public StoredRecord {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
