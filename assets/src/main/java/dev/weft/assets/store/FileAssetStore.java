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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asset store in a folder: {@code objects/ab/<hash>.<ext>} holds the bytes and {@code
 * objects/ab/<hash>.meta.json} the sidecar. Bytes and sidecar are each written to a temporary file
 * under {@code tmp/}, flushed to disk and renamed into place, sidecar last, so an asset is visible
 * only when whole; a write killed midway leaves at most a temporary or orphaned file, which {@link
 * #gc} removes. The sidecar's modification time records when the asset was last used, for LRU
 * eviction.
 */
public final class FileAssetStore implements AssetStore {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Logger LOG = LoggerFactory.getLogger(FileAssetStore.class);

  /** Leftovers of interrupted writes younger than this are left alone by {@link #gc}. */
  static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final Path objects;
  private final Path tmp;
  private final List<AssetCodec> codecs;
  // put/get share; evict/gc exclude them, so nothing is removed under a caller's feet
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  // Hashes known to be stored, for knownToContain(): a cache hit then costs no file-system call.
  // Any store that removes assets (gc, evict) rewrites the file epoch at the root; refresh() sees
  // the change
  // and forgets what it knew.
  private final Set<String> present = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile FileTime epochSeen;

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
    lock.readLock().lock();
    try {
      return putLocked(asset, provenance);
    } finally {
      lock.readLock().unlock();
    }
  }

  private StoredRecord putLocked(Asset asset, Provenance provenance) throws IOException {
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
      fsyncDirectory(dir);
      present.add(hash);
      return record;
    } finally {
      Files.deleteIfExists(bytesTmp);
    }
  }

  @Override
  public Optional<Asset> get(String hash) throws IOException {
    lock.readLock().lock();
    try {
      Optional<Asset> asset = getLocked(hash);
      if (asset.isPresent()) {
        touch(hash);
      }
      return asset;
    } finally {
      lock.readLock().unlock();
    }
  }

  private Optional<Asset> getLocked(String hash) throws IOException {
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
                  return getLocked(h);
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
    boolean stored =
        HASH.matcher(hash).matches()
            && Files.exists(objects.resolve(hash.substring(0, 2)).resolve(hash + ".meta.json"));
    if (stored) {
      present.add(hash);
    }
    return stored;
  }

  /**
   * Like {@link #contains}, but answers from memory for hashes this instance has seen stored since
   * the last {@link #refresh()}: the engine's planner asks this for every cache hit.
   */
  public boolean knownToContain(String hash) {
    return present.contains(hash) || contains(hash);
  }

  /** Forgets what {@link #knownToContain} remembers if any store removed assets meanwhile. */
  public void refresh() {
    FileTime now = epoch();
    if (!java.util.Objects.equals(now, epochSeen)) {
      present.clear();
      epochSeen = now;
    }
  }

  private FileTime epoch() {
    try {
      return Files.getLastModifiedTime(root.resolve("epoch"));
    } catch (IOException e) {
      return null;
    }
  }

  private void bumpEpoch() {
    try {
      Files.createDirectories(tmp);
      writeAtomically(
          root.resolve("epoch"),
          UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn(
          "cannot mark the store {} as changed; other open stores may trust removed assets",
          root,
          e);
    }
  }

  /** The file holding an asset's bytes, when stored. */
  @Override
  public Optional<Path> fileOf(String hash) throws IOException {
    return record(hash).map(r -> objects.resolve(hash.substring(0, 2)).resolve(r.file()));
  }

  // Marks an entry as just used; a store on a read-only disk still serves reads.
  private void touch(String hash) {
    try {
      Files.setLastModifiedTime(sidecarOf(hash), FileTime.from(Instant.now()));
    } catch (IOException e) {
      LOG.debug("cannot mark {} as used", hash, e);
    }
  }

  private Path sidecarOf(String hash) {
    return objects.resolve(hash.substring(0, 2)).resolve(hash + ".meta.json");
  }

  @Override
  public long sizeBytes() throws IOException {
    if (!Files.isDirectory(objects)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(objects)) {
      return files.filter(Files::isRegularFile).mapToLong(FileAssetStore::sizeOf).sum();
    }
  }

  /** One stored entry as eviction and gc see it. */
  private record Entry(
      String hash, StoredRecord record, Path sidecar, Path bytes, long size, Instant lastUsed) {}

  /** Every readable entry; unreadable sidecars are reported in {@code problems}. */
  private List<Entry> entries(List<String> problems) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(objects)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(objects, 2)) {
      for (Path sidecar :
          (Iterable<Path>)
              files.filter(p -> p.getFileName().toString().endsWith(".meta.json"))::iterator) {
        String name = sidecar.getFileName().toString();
        String hash = name.substring(0, name.length() - ".meta.json".length());
        if (!HASH.matcher(hash).matches()) {
          continue;
        }
        try {
          StoredRecord r =
              record(hash).orElseThrow(() -> new NoSuchFileException(sidecar.toString()));
          Path bytes = sidecar.resolveSibling(r.file());
          long size = sizeOf(sidecar) + sizeOf(bytes);
          out.add(
              new Entry(
                  hash, r, sidecar, bytes, size, Files.getLastModifiedTime(sidecar).toInstant()));
        } catch (IOException e) {
          problems.add(hash + ": " + e.getMessage());
        }
      }
    }
    return out;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0; // gone meanwhile: it no longer takes space
    }
  }

  /** The hashes {@code roots} keep alive: themselves and, for lists, their items, recursively. */
  private Set<String> closure(Set<String> roots, Map<String, Entry> byHash) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String h = todo.pop();
      if (!seen.add(h)) {
        continue;
      }
      Entry e = byHash.get(h);
      if (e != null && e.record().attributes().get("items") instanceof List<?> items) {
        for (Object item : items) {
          todo.push(String.valueOf(item));
        }
      } else if (e != null && e.record().kind().equals("list")) {
        try {
          for (JsonNode item : JSON.readTree(e.bytes().toFile())) {
            todo.push(item.asText());
          }
        } catch (IOException ex) {
          LOG.warn("cannot read the items of list {}; they may be collected", h, ex);
        }
      }
    }
    return seen;
  }

  @Override
  public StoreReport evict(long budgetBytes, Set<String> keep) throws IOException {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException(
          "the store budget must not be negative, got " + budgetBytes);
    }
    lock.writeLock().lock();
    try {
      List<String> problems = new ArrayList<>();
      List<Entry> all = entries(problems);
      Map<String, Entry> byHash = new HashMap<>();
      all.forEach(e -> byHash.put(e.hash(), e));
      Set<String> kept = closure(keep, byHash);
      long total = sizeBytes();
      List<Entry> candidates = new ArrayList<>(all);
      candidates.removeIf(e -> kept.contains(e.hash()));
      candidates.sort(Comparator.comparing(Entry::lastUsed).thenComparing(Entry::hash));
      List<String> removed = new ArrayList<>();
      long freed = 0;
      for (Entry e : candidates) {
        if (total <= budgetBytes) {
          break;
        }
        long size = remove(e);
        freed += size;
        total -= size;
        removed.add(e.hash());
      }
      if (!removed.isEmpty()) {
        bumpEpoch();
      }
      return new StoreReport(removed, freed, all.size() - removed.size(), sizeBytes(), problems);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public StoreReport gc(Set<String> live) throws IOException {
    lock.writeLock().lock();
    try {
      List<String> problems = new ArrayList<>();
      List<Entry> all = entries(problems);
      Map<String, Entry> byHash = new HashMap<>();
      all.forEach(e -> byHash.put(e.hash(), e));
      Set<String> reachable = closure(live, byHash);
      List<String> removed = new ArrayList<>();
      long freed = 0;
      for (Entry e : all) {
        if (!reachable.contains(e.hash())) {
          freed += remove(e);
          removed.add(e.hash());
        }
      }
      freed += removeLeftovers(byHash.keySet());
      if (!removed.isEmpty()) {
        bumpEpoch();
      }
      return new StoreReport(removed, freed, all.size() - removed.size(), sizeBytes(), problems);
    } finally {
      lock.writeLock().unlock();
    }
  }

  // Sidecar first: the entry disappears at once, even if deleting the bytes then fails.
  private long remove(Entry e) throws IOException {
    present.remove(e.hash());
    long size = e.size();
    Files.deleteIfExists(e.sidecar());
    Files.deleteIfExists(e.bytes());
    return size;
  }

  /**
   * Deletes temporary files and asset bytes without a sidecar, left by writes that were killed;
   * only those older than {@link #LEFTOVER_AGE}, so a write in progress elsewhere is not disturbed.
   */
  private long removeLeftovers(Set<String> withSidecar) throws IOException {
    Instant cutoff = Instant.now().minus(LEFTOVER_AGE);
    long freed = 0;
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(tmp)) {
      try (Stream<Path> files = Files.list(tmp)) {
        files.filter(Files::isRegularFile).forEach(candidates::add);
      }
    }
    if (Files.isDirectory(objects)) {
      try (Stream<Path> files = Files.walk(objects, 2)) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().endsWith(".meta.json"))
            .filter(p -> {
              String n = p.getFileName().toString();
              int dot = n.indexOf('.');
              return !withSidecar.contains(dot < 0 ? n : n.substring(0, dot));
            })
            .forEach(candidates::add);
      }
    }
    for (Path p : candidates) {
      try {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          long size = Files.size(p);
          Files.deleteIfExists(p);
          freed += size;
        }
      } catch (NoSuchFileException e) {
        // finished or removed by someone else meanwhile
      }
    }
    return freed;
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

  // Makes the renames durable: without it a power cut could lose a rename that already returned.
  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      LOG.debug("cannot flush directory {} (not supported on this platform)", dir, e);
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
