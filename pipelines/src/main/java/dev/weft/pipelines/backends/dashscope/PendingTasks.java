package dev.weft.pipelines.backends.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.ContentHash;
import dev.weft.assets.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the async tasks a project has submitted and not yet collected, one small JSON file per
 * request under a folder (a project's {@code .weft/cloud-tasks/}), so that a studio or CLI that
 * restarts while a Wan video is being made resumes polling that task instead of paying for a new
 * one. A request is named by a key its caller derives from everything that makes the request what
 * it is (see {@link #keyOf}). Entries older than a task id lives (24 h) are ignored.
 */
public final class PendingTasks {
  /** How long DashScope keeps a task id (spec A.1.2). */
  public static final Duration TASK_ID_LIFETIME = Duration.ofHours(24);

  private static final Logger LOG = LoggerFactory.getLogger(PendingTasks.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{16,128}");

  private final Path dir;

  public PendingTasks(Path dir) {
    this.dir = dir;
  }

  /** The pending tasks of a project, under its state folder ({@code .weft/cloud-tasks/}). */
  public static PendingTasks in(Path projectStateDir) {
    return new PendingTasks(projectStateDir.resolve("cloud-tasks"));
  }

  public Path dir() {
    return dir;
  }

  /** A task submitted for a request and not yet collected. */
  public record Pending(String taskId, String host, String what, Instant created) {}

  /** A key for a request: a SHA-256 over its parts (host, model, body with media hashes). */
  public static String keyOf(String... parts) {
    ContentHash h = ContentHash.of("weft-pending-task-v1");
    for (String p : parts) {
      h.update(p == null ? "" : p);
    }
    return h.hex();
  }

  /** The task recorded for a request, if one is recorded, readable and young enough to resume. */
  public Optional<Pending> find(String key, Instant now) {
    Path f = file(key);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      Pending p =
          new Pending(
              n.path("taskId").asText(null),
              n.path("host").asText(null),
              n.path("what").asText(""),
              Instant.parse(n.path("created").asText()));
      if (p.taskId() == null || p.taskId().isBlank()) {
        throw new IOException("no taskId");
      }
      if (Duration.between(p.created(), now).compareTo(TASK_ID_LIFETIME) > 0) {
        LOG.info("task {} was submitted more than 24 h ago; it cannot be resumed", p.taskId());
        forget(key);
        return Optional.empty();
      }
      return Optional.of(p);
    } catch (IOException | DateTimeParseException e) {
      LOG.warn("the pending-task record {} is unreadable and is ignored: {}", f, e.getMessage());
      forget(key);
      return Optional.empty();
    }
  }

  /**
   * Records a submitted task, written atomically so a crash leaves the old record or the new. A
   * record that cannot be written costs only the resume after a restart, so it is logged, not
   * thrown: the task is already paid for and the run goes on polling it.
   *
   * @return whether the record was written
   */
  public boolean record(String key, Pending pending) {
    ObjectNode n = JSON.createObjectNode();
    n.put("taskId", pending.taskId());
    n.put("host", pending.host());
    n.put("what", pending.what());
    n.put("created", pending.created().toString());
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(file(key), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
      return true;
    } catch (IOException e) {
      LOG.warn(
          "cannot remember {} {} in {} ({}); a restart will not resume it",
          pending.what(),
          pending.taskId(),
          dir,
          e.getMessage());
      return false;
    }
  }

  /** Forgets a request's task (collected, failed, or expired). */
  public void forget(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      LOG.warn("could not remove the pending-task record for {}: {}", key, e.getMessage());
    }
  }

  private Path file(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("a pending-task key is a hex digest, got " + key);
    }
    return dir.resolve(key + ".json");
  }
}
