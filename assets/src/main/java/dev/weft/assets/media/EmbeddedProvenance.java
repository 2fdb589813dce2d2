package dev.weft.assets.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.weft.assets.Provenance;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a saved PNG or MP4 carries about how it was made: the pipeline (as JSON text, whose format
 * the assets module does not know) and the provenance of the asset. Anything that looks like a key
 * or secret is removed before it is written.
 *
 * @param pipelineJson the pipeline file's JSON, or null
 * @param provenance how the asset was made, or null
 */
public record EmbeddedProvenance(String pipelineJson, Provenance provenance) {
  /** The PNG iTXt keyword and MP4 metadata key that hold the pipeline. */
  public static final String PIPELINE_KEY = "weft.pipeline";

  /** The PNG iTXt keyword and MP4 metadata key that hold the provenance. */
  public static final String PROVENANCE_KEY = "weft.provenance";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SECRET_NAME_PARTS =
      List.of(
          "apikey",
          "secret",
          "password",
          "passwd",
          "authorization",
          "credential",
          "bearer",
          "accesstoken",
          "authtoken",
          "sessiontoken",
          "refreshtoken",
          "privatekey",
          "accesskey",
          "cookie");
  private static final Pattern SECRET_VALUE =
      Pattern.compile("(?i)^(sk-[a-z0-9_-]{16,}|bearer\\s+\\S{16,}|ghp_[a-z0-9]{20,})$");

  /** A parameter name that looks like it holds a key, token or password. */
  public static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    for (String part : SECRET_NAME_PARTS) {
      if (n.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** The pipeline JSON, compact and with secret-looking fields removed. */
  public Optional<String> scrubbedPipelineJson() {
    if (pipelineJson == null) {
      return Optional.empty();
    }
    try {
      JsonNode tree = JSON.readTree(pipelineJson);
      return Optional.of(JSON.writeValueAsString(scrub(tree)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the pipeline to embed is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The provenance as compact JSON, with secret-looking parameters removed. */
  public Optional<String> scrubbedProvenanceJson() {
    if (provenance == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.writeValueAsString(scrub(JSON.valueToTree(provenance))));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the provenance cannot be written as JSON", e);
    }
  }

  /** Rebuilds what a file carried from the two texts read back; either may be null. */
  public static EmbeddedProvenance fromTexts(String pipelineJson, String provenanceJson)
      throws JsonProcessingException {
    Provenance p =
        provenanceJson == null
            ? null
            : JSON.treeToValue(JSON.readTree(provenanceJson), Provenance.class);
    return new EmbeddedProvenance(pipelineJson, p);
  }

  /** Key/value pairs as written into a file. */
  public Map<String, String> toEntries() {
    var out = new java.util.LinkedHashMap<String, String>();
    scrubbedPipelineJson().ifPresent(s -> out.put(PIPELINE_KEY, s));
    scrubbedProvenanceJson().ifPresent(s -> out.put(PROVENANCE_KEY, s));
    return out;
  }

  static JsonNode scrub(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      ObjectNode copy = JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> e : obj.properties()) {
        if (!isSecretName(e.getKey()) && !looksLikeSecret(e.getValue())) {
          copy.set(e.getKey(), scrub(e.getValue()));
        }
      }
      return copy;
    }
    if (node instanceof ArrayNode arr) {
      ArrayNode copy = JSON.createArrayNode();
      for (JsonNode item : arr) {
        if (!looksLikeSecret(item)) {
          copy.add(scrub(item));
        }
      }
      return copy;
    }
    return node;
  }

  private static boolean looksLikeSecret(JsonNode value) {
    return value instanceof TextNode t && SECRET_VALUE.matcher(t.textValue().strip()).matches();
  }
}
