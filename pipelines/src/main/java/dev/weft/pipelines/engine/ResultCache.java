package dev.weft.pipelines.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which outputs a node produced for a cache key, kept on disk so that a re-run after a restart
 * executes nothing unchanged. The outputs themselves live in the asset store; an entry holds only
 * their hashes. Entries are small files renamed into place; one that cannot be read is a miss.
 */
public final class ResultCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a node produced: output port to asset hash. */
  public record Entry(String key, String nodeType, Map<String, String> outputs, Instant createdAt) {
    public Entry {
      outputs = Map.copyOf(outputs);
    }
  }

  private final Path dir;
  private volatile Map<String, Entry> index;

  public ResultCache(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public Optional<Entry> lookup(String key) {
    return Optional.ofNullable(index().get(key));
  }

  public void record(Entry entry) throws IOException {
    Path file = fileFor(entry.key());
    Files.createDirectories(file.getParent());
    ObjectNode o = JSON.createObjectNode();
    o.put("key", entry.key());
    o.put("nodeType", entry.nodeType());
    o.put("createdAt", entry.createdAt().toString());
    ObjectNode outs = o.putObject("outputs");
    entry.outputs().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> outs.put(e.getKey(), e.getValue()));
    // No fsync: an entry lost in a crash only costs a re-run, and a torn one reads as a miss.
    Path tmp = file.resolveSibling("." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(tmp, JSON.writeValueAsBytes(o));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    index().put(entry.key(), entry);
  }

  /** Forgets one entry (its outputs were evicted from the store, say). */
  public void forget(String key) throws IOException {
    index().remove(key);
    Files.deleteIfExists(fileFor(key));
  }

  /** Removes every entry; the next run executes every node. */
  public void clear() throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    index = new ConcurrentHashMap<>();
  }

  public int size() {
    return index().size();
  }

  /** All entries (a snapshot), for store garbage collection. */
  public Map<String, Entry> entries() {
    return Map.copyOf(index());
  }

  private Path fileFor(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
  }

  private Map<String, Entry> index() {
    Map<String, Entry> m = index;
    if (m == null) {
      synchronized (this) {
        m = index;
        if (m == null) {
          m = load();
          index = m;
        }
      }
    }
    return m;
  }

  private Map<String, Entry> load() {
    Map<String, Entry> m = new ConcurrentHashMap<>();
    if (!Files.isDirectory(dir)) {
      return m;
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      files
          .filter(p ->
              p.getFileName().toString().endsWith(".json")
                  && !p.getFileName().toString().startsWith("."))
          .forEach(p -> {
            try {
              Entry e = parse(JSON.readTree(p.toFile()));
              m.put(e.key(), e);
            } catch (IOException | RuntimeException ex) {
              LOG.warn("ignoring unreadable cache entry {}: {}", p, ex.getMessage());
            }
          });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("the result cache at {} could not be read; starting empty: {}", dir, e.getMessage());
    }
    return m;
  }

  private static Entry parse(JsonNode o) {
    Map<String, String> outputs = new LinkedHashMap<>();
    o.path("outputs")
        .fields()
        .forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
    String key = o.path("key").asText();
    if (key.length() != 64) {
      throw new IllegalArgumentException("bad key");
    }
    return new Entry(
        key, o.path("nodeType").asText(), outputs, Instant.parse(o.path("createdAt").asText()));
  }
}
