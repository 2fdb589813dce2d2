package dev.weft.pipelines.models.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models Weft supports: the built-in catalog (a JSON resource) plus the user's own file, whose
 * entries add models or replace built-in ones with the same id.
 */
public final class ModelCatalog {
  public static final String FORMAT = "weft-model-catalog";
  static final String BUILT_IN = "/dev/weft/pipelines/models/catalog/catalog.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, CatalogEntry> entries;

  private ModelCatalog(Map<String, CatalogEntry> entries) {
    this.entries = entries;
  }

  /** The built-in catalog only. */
  public static ModelCatalog builtIn() {
    return new ModelCatalog(readBuiltIn());
  }

  /** The built-in catalog extended by {@code userFile} when it exists. */
  public static ModelCatalog withUserFile(Path userFile) {
    Map<String, CatalogEntry> all = readBuiltIn();
    if (Files.isRegularFile(userFile)) {
      try (InputStream in = Files.newInputStream(userFile)) {
        all.putAll(parse(in, userFile.toString()));
      } catch (IOException e) {
        throw new WeftException(
            "cannot read the model catalog: " + e.getMessage(),
            Location.file(userFile.toString()),
            "check the file's permissions",
            e);
      }
    }
    return new ModelCatalog(all);
  }

  /** A catalog of exactly these entries (tests, tools). */
  public static ModelCatalog of(Collection<CatalogEntry> list) {
    Map<String, CatalogEntry> m = new LinkedHashMap<>();
    list.forEach(e -> m.put(e.id(), e));
    return new ModelCatalog(m);
  }

  private static Map<String, CatalogEntry> readBuiltIn() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the built-in model catalog " + BUILT_IN + " is missing");
      }
      return parse(in, "built-in catalog.json");
    } catch (IOException e) {
      throw new IllegalStateException("the built-in model catalog is unreadable", e);
    }
  }

  public List<CatalogEntry> entries() {
    return List.copyOf(entries.values());
  }

  public Optional<CatalogEntry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** The entry with this id, or an error that lists the ids that come close. */
  public CatalogEntry get(String id) {
    CatalogEntry e = entries.get(id);
    if (e != null) {
      return e;
    }
    String needle = id.toLowerCase(Locale.ROOT);
    List<String> close =
        entries.keySet().stream()
            .filter(k -> k.contains(needle) || needle.contains(k.split("-")[0]))
            .toList();
    throw new WeftException(
        "no model with id '" + id + "' in the catalog",
        Location.of("model id"),
        close.isEmpty()
            ? "run 'weft models list' to see the ids"
            : "did you mean " + String.join(", ", close) + "?");
  }

  static Map<String, CatalogEntry> parse(InputStream in, String where) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new WeftException(
          "the model catalog is not valid JSON: " + e.getOriginalMessage(),
          Location.file(where)
              .atLine(
                  e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                  e.getLocation() == null ? 0 : e.getLocation().getColumnNr()),
          "fix the JSON syntax",
          e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new WeftException(
          "not a model catalog: its \"format\" must be \"" + FORMAT + "\"",
          Location.file(where),
          "start the file with {\"format\": \""
              + FORMAT
              + "\", \"version\": 1, \"models\": [...]}");
    }
    Map<String, CatalogEntry> out = new LinkedHashMap<>();
    JsonNode models = root.path("models");
    for (int i = 0; i < models.size(); i++) {
      JsonNode m = models.get(i);
      String id = m.path("id").asText("#" + (i + 1));
      Location loc = Location.file(where).withDetail("model '" + id + "'");
      try {
        CatalogEntry e = entry(m);
        if (out.put(e.id(), e) != null) {
          throw new IllegalArgumentException("the id appears twice");
        }
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new WeftException(
            "bad catalog entry: " + e.getMessage(),
            loc,
            "see the built-in catalog for the shape",
            e);
      }
    }
    return out;
  }

  private static CatalogEntry entry(JsonNode m) {
    List<ModelFile> files = new ArrayList<>();
    for (JsonNode f : m.path("files")) {
      files.add(
          new ModelFile(
              required(f, "path"),
              f.path("size").asLong(-1),
              f.hasNonNull("sha256") ? f.get("sha256").asText() : null,
              f.path("verified").asBoolean(false)));
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one file");
    }
    List<ModelSource> sources = new ArrayList<>();
    for (JsonNode s : m.path("sources")) {
      String type = required(s, "type");
      sources.add(
          switch (type) {
            case "huggingface" ->
                new ModelSource.HuggingFace(required(s, "repo"), s.path("revision").asText("main"));
            case "modelscope" ->
                new ModelSource.ModelScope(
                    required(s, "repo"), s.path("revision").asText("master"));
            case "url" -> new ModelSource.Url(required(s, "base"));
            default ->
                throw new IllegalArgumentException(
                    "unknown source type '" + type + "' (huggingface, modelscope or url)");
          });
    }
    JsonNode r = m.path("requirements");
    List<String> providers = new ArrayList<>();
    r.path("providers").forEach(p -> providers.add(p.asText()));
    Requirements req =
        new Requirements(
            r.path("ramMiB").asLong(0) << 20,
            r.path("vramMiB").asLong(0) << 20,
            providers.isEmpty() ? List.of("CPU") : providers);
    return new CatalogEntry(
        required(m, "id"),
        m.path("name").asText(m.path("id").asText()),
        required(m, "family"),
        required(m, "task"),
        m.path("variant").asText("fp32"),
        required(m, "licence"),
        required(m, "runner"),
        files,
        sources,
        req,
        m.path("notes").asText(""));
  }

  private static String required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing or empty");
    }
    return v.asText();
  }
}
