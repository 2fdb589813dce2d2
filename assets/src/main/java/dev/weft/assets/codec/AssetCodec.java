package dev.weft.assets.codec;

import dev.weft.assets.Asset;
import dev.weft.assets.store.StoredRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Writes one kind of asset to a store file and reads it back. */
public interface AssetCodec {

  /** A stable name for the kind, kept in the sidecar ("text", "image", ...). */
  String kind();

  boolean handles(Asset asset);

  /** The file extension used in the store, without the dot. */
  String extension(Asset asset);

  /** Facts kept in the sidecar beside the bytes (dimensions, sample rate, item hashes...). */
  Map<String, Object> attributes(Asset asset);

  /** Writes the asset's bytes to {@code target}, a temporary file the store renames later. */
  void write(Asset asset, Path target) throws IOException;

  /**
   * Reads an asset back from its store file. {@code resolve} finds other stored assets by hash
   * (lists hold only the hashes of their items).
   */
  Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
      throws IOException;
}
