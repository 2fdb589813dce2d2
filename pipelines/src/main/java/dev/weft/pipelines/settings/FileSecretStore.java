package dev.weft.pipelines.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets in a JSON file only its owner can read (mode 0600 on POSIX systems), for machines with no
 * OS keychain. A file that others can read is tightened on first use, with a warning.
 */
public final class FileSecretStore implements SecretStore {
  public static final String FILE_NAME = "secrets.json";
  private static final Logger LOG = LoggerFactory.getLogger(FileSecretStore.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final boolean posix;

  public FileSecretStore(Path file) {
    this.file = file;
    this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  public Path file() {
    return file;
  }

  @Override
  public String describe() {
    return "file " + file + (posix ? " (owner-only)" : "");
  }

  @Override
  public synchronized Optional<String> get(String id) {
    JsonNode v = read().get(id);
    return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public synchronized void put(String id, String secret) {
    Secrets.checkSecret(id, secret);
    ObjectNode all = read();
    all.put(id, secret);
    write(all);
  }

  @Override
  public synchronized void remove(String id) {
    ObjectNode all = read();
    if (all.remove(id) != null) {
      write(all);
    }
  }

  private ObjectNode read() {
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    try {
      tightenIfNeeded();
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null || n.isMissingNode()) {
        return JSON.createObjectNode();
      }
      if (!n.isObject()) {
        throw new IOException("expected a JSON object of id to key");
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      // the message names the file only: a parse error may quote the file's content
      throw new WeftException(
          "the secrets file cannot be read (" + e.getClass().getSimpleName() + ")",
          Location.file(file.toString()),
          "delete the file and enter the API keys again in Settings",
          null);
    }
  }

  private void tightenIfNeeded() throws IOException {
    if (!posix) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(perms)) {
      LOG.warn(
          "{} could be read by other users (mode {}); it is now owner-only. Consider replacing the"
              + " keys it holds.",
          file,
          PosixFilePermissions.toString(perms));
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private void write(ObjectNode all) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp =
          posix
              ? Files.createTempFile(
                  file.getParent(),
                  ".secrets-",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(OWNER_ONLY))
              : Files.createTempFile(file.getParent(), ".secrets-", ".tmp");
      try {
        ObjectNode sorted = JSON.createObjectNode();
        java.util.List<String> ids = new java.util.ArrayList<>();
        all.fieldNames().forEachRemaining(ids::add);
        ids.stream().sorted().forEach(k -> sorted.set(k, all.get(k)));
        JSON.writeValue(tmp.toFile(), sorted);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new WeftException(
          "the secrets file cannot be written: " + e.getMessage(),
          Location.file(file.toString()),
          "check that the config folder is writable",
          e);
    }
  }
}
