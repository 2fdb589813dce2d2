package dev.weft.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash net: the open pipeline is written to a recovery file of this session (every 30 s when
 * it changed, and before each run); a clean exit deletes it. Files left by a session whose process
 * is gone are offered for restore at the next start.
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "session-";
  private static final String PIPELINE = ".weft.json";
  private static final String META = ".meta.json";

  /** A pipeline left behind by a session that did not exit cleanly. */
  public record Entry(Path file, Optional<Path> original, Instant savedAt, long pid) {}

  private final Path dir;
  private final long pid;
  private final LongPredicate alive;

  public Recovery(Path dir, long pid, LongPredicate alive) {
    this.dir = dir;
    this.pid = pid;
    this.alive = alive;
  }

  /** For this process: other sessions count as crashed when their process is gone. */
  public static Recovery forThisProcess(Path dir) {
    return new Recovery(
        dir,
        ProcessHandle.current().pid(),
        p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
  }

  public Path dir() {
    return dir;
  }

  public Path ownFile() {
    return dir.resolve(PREFIX + pid + PIPELINE);
  }

  private Path ownMeta() {
    return dir.resolve(PREFIX + pid + META);
  }

  /** Writes the pipeline JSON (atomically) with the file it belongs to. */
  public void write(String pipelineJson, Optional<Path> original) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(ownFile(), pipelineJson);
    ObjectNode meta = JSON.createObjectNode();
    meta.put("original", original.map(p -> p.toAbsolutePath().toString()).orElse(null));
    meta.put("savedAt", Instant.now().toString());
    meta.put("pid", pid);
    AtomicFiles.writeString(ownMeta(), JSON.writeValueAsString(meta));
  }

  /** Removes this session's recovery file (after a save or a clean exit). */
  public void discardOwn() {
    delete(ownFile());
    delete(ownMeta());
  }

  public void discard(Entry e) {
    delete(e.file());
    delete(metaOf(e.file()));
  }

  private static Path metaOf(Path pipeline) {
    String name = pipeline.getFileName().toString();
    return pipeline.resolveSibling(name.substring(0, name.length() - PIPELINE.length()) + META);
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("cannot delete the recovery file {}", p, e);
    }
  }

  /** Recovery files of sessions that are no longer running, newest first. */
  public List<Entry> leftovers() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(PIPELINE)) {
          continue;
        }
        long filePid;
        try {
          filePid =
              Long.parseLong(name.substring(PREFIX.length(), name.length() - PIPELINE.length()));
        } catch (NumberFormatException e) {
          continue;
        }
        if (filePid == pid || alive.test(filePid)) {
          continue;
        }
        Optional<Path> original = Optional.empty();
        Instant savedAt = Files.getLastModifiedTime(p).toInstant();
        Path meta = metaOf(p);
        if (Files.exists(meta)) {
          try {
            JsonNode m = JSON.readTree(Files.readString(meta));
            if (m.hasNonNull("original")) {
              original = Optional.of(Path.of(m.get("original").asText()));
            }
            if (m.hasNonNull("savedAt")) {
              savedAt = Instant.parse(m.get("savedAt").asText());
            }
          } catch (IOException | RuntimeException e) {
            LOG.warn("the recovery note {} is damaged; offering the pipeline without it", meta);
          }
        }
        out.add(new Entry(p, original, savedAt, filePid));
      }
    } catch (IOException e) {
      LOG.warn("the recovery folder {} cannot be read", dir, e);
    }
    out.sort(Comparator.comparing(Entry::savedAt).reversed());
    return out;
  }
}
