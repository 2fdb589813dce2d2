package dev.weft.assets.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.Asset;
import dev.weft.assets.Provenance;
import dev.weft.assets.codec.AssetCodec;
import dev.weft.assets.codec.StoreCodecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An asset store in a folder: {@code objects/ab/<hash>.<ext>} holds the bytes and {@code
 * objects/ab/<hash>.meta.json} the sidecar. Bytes and sidecar are each written to a temporary file,
 * flushed to disk and renamed into place, sidecar last, so an asset is visible only when whole.
 */
public final class FileAssetStore implements AssetStore {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final Path objects;
  private final Path tmp;
  private final List<AssetCodec> codecs;

  public FileAssetStore(Path root) {
    this(root, StoreCodecs.builtIn());
  }

  public FileAssetStore(Path root, List<AssetCodec> codecs) {
    this.root = root.toAbsolutePath().normalize();
    this.objects = this.root.resolve("objects");
    this.tmp = this.root.resolve("tmp");
    this.codecs = List.copyOf(codecs);
  }

  public Path root() {
    return root;
  }

  @Override
  public StoredRecord put(Asset asset, Provenance provenance) throws IOException {
    Optional<StoredRecord> existing = record(asset.hash());
    if (existing.isPresent()) {
      return existing.get();
    }
    AssetCodec codec = codecFor(asset);
    String hash = asset.hash();
    Path dir = objects.resolve(hash.substring(0, 2));
    Files.createDirectories(dir);
    Files.createDirectories(tmp);
    String fileName = hash + "." + codec.extension(asset);
    Path bytesTmp = tmp.resolve(UUID.randomUUID() + ".part");
    try {
      codec.write(asset, bytesTmp);
      fsync(bytesTmp);
      long size = Files.size(bytesTmp);
      moveIntoPlace(bytesTmp, dir.resolve(fileName));
      StoredRecord record =
          new StoredRecord(
              hash,
              codec.kind(),
              asset.mediaType(),
              fileName,
              size,
              Instant.now(),
              codec.attributes(asset),
              provenance);
      writeAtomically(dir.resolve(hash + ".meta.json"), toJson(record));
      return record;
    } finally {
      Files.deleteIfExists(bytesTmp);
    }
  }

  @Override
  public Optional<Asset> get(String hash) throws IOException {
    Optional<StoredRecord> record = record(hash);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    StoredRecord r = record.get();
    AssetCodec codec =
        codecs.stream()
            .filter(c -> c.kind().equals(r.kind()))
            .findFirst()
            .orElseThrow(() ->
                new IOException(
                    "stored asset "
                        + hash
                        + " is of kind '"
                        + r.kind()
                        + "', which this version of Weft cannot read"));
    Path file = objects.resolve(hash.substring(0, 2)).resolve(r.file());
    try {
      return Optional.of(
          codec.read(
              file,
              r,
              h -> {
                try {
                  return get(h);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (NoSuchFileException e) {
      throw new IOException("stored asset " + hash + " has a sidecar but no bytes at " + file, e);
    }
  }

  @Override
  public Optional<StoredRecord> record(String hash) throws IOException {
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("not an asset hash: '" + hash + "'");
    }
    Path sidecar = objects.resolve(hash.substring(0, 2)).resolve(hash + ".meta.json");
    if (!Files.exists(sidecar)) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromJson(JSON.readTree(sidecar.toFile())));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IOException("the sidecar " + sidecar + " is unreadable: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean contains(String hash) {
    return HASH.matcher(hash).matches()
        && Files.exists(objects.resolve(hash.substring(0, 2)).resolve(hash + ".meta.json"));
  }

  /** The file holding an asset's bytes, when stored. */
  public Optional<Path> fileOf(String hash) throws IOException {
    return record(hash).map(r -> objects.resolve(hash.substring(0, 2)).resolve(r.file()));
  }

  private AssetCodec codecFor(Asset asset) {
    for (AssetCodec c : codecs) {
      if (c.handles(asset)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "the asset store has no codec for " + asset.getClass().getName());
  }

  private void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path part = tmp.resolve(UUID.randomUUID() + ".part");
    try {
      Files.write(part, bytes);
      fsync(part);
      moveIntoPlace(part, target);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  static void moveIntoPlace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static byte[] toJson(StoredRecord r) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("hash", r.hash());
    o.put("kind", r.kind());
    o.put("mediaType", r.mediaType());
    o.put("file", r.file());
    o.put("size", r.sizeBytes());
    o.put("storedAt", r.storedAt().toString());
    o.set("attributes", JSON.valueToTree(r.attributes()));
    if (r.provenance() != null) {
      o.set("provenance", JSON.valueToTree(r.provenance()));
    }
    return JSON.writeValueAsBytes(o);
  }

  private static StoredRecord fromJson(JsonNode o) {
    Map<String, Object> attributes =
        JSON.convertValue(o.path("attributes"), new TypeReference<Map<String, Object>>() {});
    Provenance provenance =
        o.hasNonNull("provenance")
            ? JSON.convertValue(o.get("provenance"), Provenance.class)
            : null;
    return new StoredRecord(
        o.path("hash").asText(),
        o.path("kind").asText(),
        o.path("mediaType").asText(),
        o.path("file").asText(),
        o.path("size").asLong(),
        Instant.parse(o.path("storedAt").asText()),
        attributes == null ? Map.of() : attributes,
        provenance);
  }
}
