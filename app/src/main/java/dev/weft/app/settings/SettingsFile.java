package dev.weft.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code studio.json} in Weft's config folder. A missing file gives the defaults;
 * a damaged one gives the defaults too (with a warning in the log), so bad settings never keep the
 * studio from starting. Writes are atomic.
 */
public final class SettingsFile {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public SettingsFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  public StudioSettings load() {
    try {
      JsonNode root = JSON.readTree(Files.readString(file));
      if (root == null || !root.isObject()) {
        throw new IOException("not a JSON object");
      }
      List<String> recent = new ArrayList<>();
      JsonNode r = root.path("recentFiles");
      if (r.isArray()) {
        r.forEach(n -> {
          if (n.isTextual()) {
            recent.add(n.asText());
          }
        });
      }
      return new StudioSettings(
          StudioSettings.Theme.parse(root.path("theme").asText("dark")),
          root.path("scale").asDouble(1.0),
          RunMode.parse(root.path("defaultRunMode").asText("auto")),
          root.path("minimap").asBoolean(true),
          root.path("welcomeSeen").asBoolean(false),
          recent);
    } catch (NoSuchFileException e) {
      return StudioSettings.DEFAULTS;
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "the studio settings {} cannot be read ({}); using the defaults", file, e.toString());
      return StudioSettings.DEFAULTS;
    }
  }

  public void save(StudioSettings s) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("theme", s.theme().id());
    root.put("scale", s.scale());
    root.put("defaultRunMode", s.defaultRunMode().id());
    root.put("minimap", s.minimap());
    root.put("welcomeSeen", s.welcomeSeen());
    ArrayNode recent = root.putArray("recentFiles");
    s.recentFiles().forEach(recent::add);
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
  }
}
