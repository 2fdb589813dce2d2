package dev.weft.pipelines.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which outputs a node produced for a cache key, kept on disk so that a re-run after a restart
 * executes nothing unchanged. The outputs themselves live in the asset store; the cache holds only
 * their hashes, in an append-only journal ({@code index.jsonl}, one entry per line) that is read
 * once and compacted when it has grown well past its live entries. A torn last line (a crash
 * mid-append) is skipped: it only costs a re-run.
 */
public final class ResultCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOURNAL = "index.jsonl";

  /** What a node produced: output port to asset hash. */
  public record Entry(String key, String nodeType, Map<String, String> outputs, Instant createdAt) {
    public Entry {
      outputs = Map.copyOf(outputs);
    }
  }

  private final Path dir;
  private final Path journal;
  private volatile Map<String, Entry> index;
  private FileChannel appender;

  public ResultCache(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.journal = this.dir.resolve(JOURNAL);
  }

  public Path dir() {
    return dir;
  }

  public Optional<Entry> lookup(String key) {
    return Optional.ofNullable(index().get(key));
  }

  public void record(Entry entry) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("key", entry.key());
    o.put("nodeType", entry.nodeType());
    o.put("createdAt", entry.createdAt().toString());
    ObjectNode outs = o.putObject("outputs");
    entry.outputs().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> outs.put(e.getKey(), e.getValue()));
    append(o);
    index().put(entry.key(), entry);
  }

  /** Forgets one entry (its outputs were evicted from the store, say). */
  public void forget(String key) throws IOException {
    if (index().remove(key) != null) {
      ObjectNode o = JSON.createObjectNode();
      o.put("key", key);
      o.put("forget", true);
      append(o);
    }
  }

  /** Removes every entry; the next run executes every node. */
  public synchronized void clear() throws IOException {
    closeAppender();
    Files.deleteIfExists(journal);
    index = new ConcurrentHashMap<>();
  }

  public int size() {
    return index().size();
  }

  /** All entries (a snapshot), for store garbage collection. */
  public Map<String, Entry> entries() {
    return Map.copyOf(index());
  }

  private synchronized void append(ObjectNode o) throws IOException {
    if (appender == null) {
      Files.createDirectories(dir);
      appender =
          FileChannel.open(
              journal,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    }
    ByteBuffer line =
        ByteBuffer.wrap((JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
    while (line.hasRemaining()) {
      appender.write(line);
    }
  }

  private synchronized void closeAppender() throws IOException {
    if (appender != null) {
      appender.close();
      appender = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeAppender();
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
    if (!Files.isRegularFile(journal)) {
      return m;
    }
    int lines = 0;
    try (BufferedReader r = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        lines++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode o = JSON.readTree(line);
          String key = o.path("key").asText();
          if (o.path("forget").asBoolean(false)) {
            m.remove(key);
          } else {
            Entry e = parse(o);
            m.put(e.key(), e);
          }
        } catch (IOException | RuntimeException e) {
          LOG.debug("skipping an unreadable cache journal line {} in {}", lines, journal);
        }
      }
    } catch (IOException e) {
      LOG.warn("the result cache {} could not be read; starting empty: {}", journal, e.toString());
      return m;
    }
    if (lines > 2 * m.size() + 1000) {
      compact(m);
    }
    return m;
  }

  /** Rewrites the journal with only the live entries. */
  private void compact(Map<String, Entry> live) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : live.values()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("key", e.key());
      o.put("nodeType", e.nodeType());
      o.put("createdAt", e.createdAt().toString());
      ObjectNode outs = o.putObject("outputs");
      e.outputs().forEach(outs::put);
      sb.append(o).append('\n');
    }
    try {
      AtomicFiles.writeString(journal, sb.toString());
    } catch (IOException e) {
      LOG.warn("could not compact the result cache {}: {}", journal, e.toString());
    }
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
