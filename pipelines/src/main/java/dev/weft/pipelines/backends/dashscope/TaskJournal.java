package dev.weft.pipelines.backends.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The async tasks created and not yet finished, kept on disk by request: a run that finds the task
 * for its request here (created within the service's 24 hours) polls it again instead of paying for
 * a new one, which is what lets a restarted studio pick up where it stopped. One small JSON file
 * per request, written atomically; a journal that cannot be written only costs the resume.
 */
public final class TaskJournal {
  /** How long the service keeps a task id (spec A.1.2). */
  public static final Duration TASK_LIFETIME = Duration.ofHours(24);

  private static final Logger LOG = LoggerFactory.getLogger(TaskJournal.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;
  private final Clock clock;

  public TaskJournal(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  public TaskJournal(Path folder) {
    this(folder, Clock.systemUTC());
  }

  /** A task remembered for a request. */
  public record Entry(String taskId, Instant createdAt) {}

  /** The key of a request: the SHA-256 of what identifies it (the request body, say). */
  public static String key(String kind, String request) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(kind.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(request.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The task for this request, when one was created within the task lifetime. */
  public Optional<Entry> find(String key) {
    Path f = file(key);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      Entry e = new Entry(n.path("taskId").asText(), Instant.parse(n.path("createdAt").asText()));
      if (e.taskId().isBlank() || e.createdAt().plus(TASK_LIFETIME).isBefore(clock.instant())) {
        forget(key);
        return Optional.empty();
      }
      return Optional.of(e);
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring the unreadable task journal entry {}: {}", f, e.getMessage());
      forget(key);
      return Optional.empty();
    }
  }

  /** Remembers the task created for a request. */
  public void remember(String key, String taskId) {
    ObjectNode n = JSON.createObjectNode();
    n.put("taskId", taskId);
    n.put("createdAt", clock.instant().toString());
    try {
      Files.createDirectories(folder);
      Path tmp = Files.createTempFile(folder, key, ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(n));
      try {
        Files.move(tmp, file(key), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn(
          "cannot remember task {} in {} ({}); a restart will not resume it",
          taskId,
          folder,
          e.getMessage());
    }
  }

  /** Forgets a request's task (it finished, failed or expired). */
  public void forget(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      LOG.warn("cannot remove the task journal entry {}: {}", file(key), e.getMessage());
    }
  }

  private Path file(String key) {
    return folder.resolve(key + ".json");
  }
}
