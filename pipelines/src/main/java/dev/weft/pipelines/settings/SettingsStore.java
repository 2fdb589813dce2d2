package dev.weft.pipelines.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Loads and saves {@link Settings} as {@code settings.json} in Weft's config folder. A missing file
 * means the defaults; a bad file is an error naming the file, line or field, and the fix. Saving is
 * atomic, and the file never holds a secret. {@link #current()} keeps the last reading and reads
 * the file again only when it changed, so cloud clients may ask for every call.
 */
public final class SettingsStore {
  public static final String FILE_NAME = "settings.json";
  private static final String DEFAULT_MODELS = "cloud-models.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final CloudModels defaults;
  private final Object reading = new Object();
  private volatile Reading last;

  /** One reading of the file: what the file looked like, and the settings or the error it gave. */
  private record Reading(FileStamp stamp, Settings settings, WeftException error) {}

  /**
   * What identifies one version of the file without reading it: whether it exists, its size, its
   * modification time and its identity (an atomic save makes a new file, so a change within one
   * clock tick is still seen).
   */
  private record FileStamp(boolean exists, long size, FileTime modified, Object key) {
    static final FileStamp MISSING = new FileStamp(false, -1, null, null);

    static FileStamp of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(true, a.size(), a.lastModifiedTime(), a.fileKey());
      } catch (NoSuchFileException e) {
        return MISSING;
      } catch (IOException e) {
        // unreadable attributes: never equal to an earlier stamp, so load() reports the problem
        return new FileStamp(true, -2, FileTime.fromMillis(System.nanoTime()), new Object());
      }
    }
  }

  public SettingsStore(Path file, CloudModels defaults) {
    this.file = file;
    this.defaults = defaults;
  }

  /** The store in the platform's config folder, with the shipped model table as defaults. */
  public static SettingsStore in(PlatformDirs dirs) {
    return new SettingsStore(dirs.config().resolve(FILE_NAME), defaultModels());
  }

  public Path file() {
    return file;
  }

  public CloudModels defaults() {
    return defaults;
  }

  /** The model table shipped with Weft. */
  public static CloudModels defaultModels() {
    try (InputStream in = SettingsStore.class.getResourceAsStream(DEFAULT_MODELS)) {
      if (in == null) {
        throw new IllegalStateException("the built-in " + DEFAULT_MODELS + " is missing");
      }
      return SettingsJson.readModels(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("the built-in " + DEFAULT_MODELS + " cannot be read", e);
    } catch (SettingsJson.BadValue e) {
      throw new IllegalStateException(
          "the built-in " + DEFAULT_MODELS + " is wrong at " + e.path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The settings as the file holds them now: the last reading when the file has not changed since,
   * else a fresh {@link #load()}. A bad file throws the same error until it is fixed.
   */
  public Settings current() {
    FileStamp now = FileStamp.of(file);
    Reading r = last;
    if (r == null || !r.stamp().equals(now)) {
      synchronized (reading) {
        r = last;
        if (r == null || !r.stamp().equals(now)) {
          // the stamp is taken before the read: a change during the read is seen next time
          try {
            r = new Reading(now, load(), null);
          } catch (WeftException e) {
            r = new Reading(now, null, e);
          }
          last = r;
        }
      }
    }
    if (r.error() != null) {
      throw r.error();
    }
    return r.settings();
  }

  /** The settings in the file, read now, or the defaults when there is no file yet. */
  public Settings load() {
    if (!Files.exists(file)) {
      return Settings.defaults(defaults);
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new WeftException(
          "the settings file is not valid JSON: " + e.getOriginalMessage(),
          Location.file(file.toString())
              .atLine(loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr()),
          "fix the file, or delete it to start from the defaults",
          e);
    } catch (IOException e) {
      throw new WeftException(
          "the settings file cannot be read: " + e.getMessage(),
          Location.file(file.toString()),
          "check the file's permissions",
          e);
    }
    if (root == null || root.isMissingNode()) {
      return Settings.defaults(defaults);
    }
    int version = root.path("version").asInt(Settings.VERSION);
    if (version > Settings.VERSION) {
      throw new WeftException(
          "the settings file was written by a newer Weft (format version " + version + ")",
          Location.file(file.toString()),
          "update Weft, or move the file away to start from the defaults",
          null);
    }
    try {
      return SettingsJson.readSettings(root, defaults);
    } catch (SettingsJson.BadValue e) {
      throw new WeftException(
          e.path.isEmpty() ? e.getMessage() : e.path + " " + e.getMessage(),
          Location.file(file.toString()).withDetail(e.path.isEmpty() ? null : e.path),
          "fix the value in the file, or change it in Settings",
          e);
    }
  }

  /** Writes the settings atomically: a reader sees the old file or the new one, never half. */
  public void save(Settings settings) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".settings-", ".json.tmp");
      try {
        JSON.writeValue(tmp.toFile(), SettingsJson.writeSettings(settings, defaults));
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
        last = null;
      }
    } catch (IOException e) {
      throw new WeftException(
          "the settings cannot be saved: " + e.getMessage(),
          Location.file(file.toString()),
          "check that the folder is writable",
          e);
    }
  }
}
