package dev.weft.pipelines.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the settings JSON by hand rather than by data binding, so that every bad value
 * is reported with its path ({@code dashscope.region}) and older or newer files stay readable.
 */
final class SettingsJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SettingsJson() {}

  /** A value at a path was wrong; the store turns it into a located error. */
  static final class BadValue extends RuntimeException {
    final String path;

    BadValue(String path, String message) {
      super(message);
      this.path = path;
    }
  }

  // ---- reading ----

  static Settings readSettings(JsonNode root, CloudModels defaults) {
    if (!root.isObject()) {
      throw new BadValue("", "the settings must be a JSON object");
    }
    boolean offline = bool(root, "offline", "offline", false);
    BackendPolicy policy =
        root.has("backendPolicy")
            ? convert("backendPolicy", () -> BackendPolicy.of(text(root, "backendPolicy", "")))
            : BackendPolicy.AUTO;
    DashScopeSettings dashscope =
        root.has("dashscope")
            ? readDashScope(obj(root.get("dashscope"), "dashscope"))
            : DashScopeSettings.defaults();
    List<OpenAiEndpoint> endpoints = new ArrayList<>();
    JsonNode eps = root.get("endpoints");
    if (eps != null && !eps.isNull()) {
      if (!eps.isArray()) {
        throw new BadValue("endpoints", "must be a list");
      }
      for (int i = 0; i < eps.size(); i++) {
        endpoints.add(
            readEndpoint(obj(eps.get(i), "endpoints[" + i + "]"), "endpoints[" + i + "]"));
      }
    }
    CloudModels models =
        root.has("models") ? mergeModels(defaults, obj(root.get("models"), "models")) : defaults;
    return convert("endpoints", () -> new Settings(offline, policy, dashscope, endpoints, models));
  }

  private static DashScopeSettings readDashScope(JsonNode n) {
    Region region =
        n.has("region")
            ? convert("dashscope.region", () -> Region.of(text(n, "region", "dashscope.region")))
            : Region.SINGAPORE;
    String workspace = optText(n, "workspaceHost", "dashscope.workspaceHost");
    Map<DashScopeService, String> hosts = new EnumMap<>(DashScopeService.class);
    JsonNode sh = n.get("serviceHosts");
    if (sh != null && !sh.isNull()) {
      obj(sh, "dashscope.serviceHosts")
          .properties()
          .forEach(e -> {
            String p = "dashscope.serviceHosts." + e.getKey();
            DashScopeService s = convert(p, () -> DashScopeService.of(e.getKey()));
            if (!e.getValue().isTextual()) {
              throw new BadValue(p, "must be a URL string");
            }
            hosts.put(s, e.getValue().asText());
          });
    }
    return convert("dashscope", () -> new DashScopeSettings(region, workspace, hosts));
  }

  private static OpenAiEndpoint readEndpoint(JsonNode n, String path) {
    String name = text(n, "name", path + ".name");
    String url = text(n, "baseUrl", path + ".baseUrl");
    EndpointType type =
        n.has("type")
            ? convert(path + ".type", () -> EndpointType.of(text(n, "type", path + ".type")))
            : EndpointType.OPENAI;
    String keyRef = optText(n, "keyRef", path + ".keyRef");
    List<String> models = strings(n, "models", path + ".models");
    return convert(path, () -> new OpenAiEndpoint(name, url, type, keyRef, models));
  }

  /** Reads a complete model table (the shipped defaults). */
  static CloudModels readModels(JsonNode n) {
    FamilyModels vision = readFamily(obj(n.get("vision"), "vision"), "vision", null);
    OmniModels omni = readOmni(obj(n.get("omni"), "omni"), null);
    FamilyModels asr = readFamily(obj(n.get("asr"), "asr"), "asr", null);
    VideoModels video = readVideo(obj(n.get("video"), "video"), null);
    return new CloudModels(vision, omni, video, asr);
  }

  /** Lays a partial model table from a user's settings over the defaults. */
  static CloudModels mergeModels(CloudModels base, JsonNode n) {
    FamilyModels vision =
        n.has("vision")
            ? readFamily(obj(n.get("vision"), "models.vision"), "models.vision", base.vision())
            : base.vision();
    OmniModels omni =
        n.has("omni") ? readOmni(obj(n.get("omni"), "models.omni"), base.omni()) : base.omni();
    FamilyModels asr =
        n.has("asr")
            ? readFamily(obj(n.get("asr"), "models.asr"), "models.asr", base.asr())
            : base.asr();
    VideoModels video =
        n.has("video")
            ? readVideo(obj(n.get("video"), "models.video"), base.video())
            : base.video();
    return new CloudModels(vision, omni, video, asr);
  }

  private static FamilyModels readFamily(JsonNode n, String path, FamilyModels base) {
    String def =
        n.has("default")
            ? text(n, "default", path + ".default")
            : base != null ? base.defaultModel() : text(n, "default", path + ".default");
    List<String> models =
        n.has("models")
            ? strings(n, "models", path + ".models")
            : base != null ? base.models() : null;
    return convert(path, () -> new FamilyModels(def, withFirst(def, models)));
  }

  private static OmniModels readOmni(JsonNode n, OmniModels base) {
    String path = base == null ? "omni" : "models.omni";
    String def =
        n.has("default") || base == null
            ? text(n, "default", path + ".default")
            : base.defaultModel();
    List<String> models =
        n.has("models")
            ? strings(n, "models", path + ".models")
            : base != null ? base.models() : null;
    String voice =
        n.has("defaultVoice") || base == null
            ? text(n, "defaultVoice", path + ".defaultVoice")
            : base.defaultVoice();
    List<String> voices =
        n.has("voices")
            ? strings(n, "voices", path + ".voices")
            : base != null ? base.voices() : null;
    int rate =
        n.has("sampleRate") || base == null
            ? integer(n, "sampleRate", path + ".sampleRate")
            : base.sampleRate();
    return convert(path, () -> new OmniModels(def, withFirst(def, models), voice, voices, rate));
  }

  private static VideoModels readVideo(JsonNode n, VideoModels base) {
    String path = base == null ? "video" : "models.video";
    String t2v =
        n.has("defaultTextToVideo") || base == null
            ? text(n, "defaultTextToVideo", path + ".defaultTextToVideo")
            : base.defaultTextToVideo();
    String i2v =
        n.has("defaultImageToVideo") || base == null
            ? text(n, "defaultImageToVideo", path + ".defaultImageToVideo")
            : base.defaultImageToVideo();
    Map<String, WanModelShape> shapes =
        new LinkedHashMap<>(base == null ? Map.of() : base.shapes());
    JsonNode sh = n.get("shapes");
    if (sh != null && !sh.isNull()) {
      obj(sh, path + ".shapes")
          .properties()
          .forEach(e ->
              shapes.put(
                  e.getKey(),
                  readShape(
                      e.getKey(),
                      obj(e.getValue(), path + ".shapes." + e.getKey()),
                      path + ".shapes." + e.getKey())));
    }
    List<String> suffixes =
        n.has("idSuffixes")
            ? strings(n, "idSuffixes", path + ".idSuffixes")
            : base != null ? base.idSuffixes() : List.of();
    Duration timeout =
        n.has("taskTimeoutSeconds")
            ? Duration.ofSeconds(integer(n, "taskTimeoutSeconds", path + ".taskTimeoutSeconds"))
            : base != null ? base.taskTimeout() : null;
    return convert(path, () -> new VideoModels(t2v, i2v, shapes, suffixes, timeout));
  }

  private static WanModelShape readShape(String id, JsonNode n, String path) {
    Set<String> modes = new LinkedHashSet<>(strings(n, "modes", path + ".modes"));
    List<Integer> durations = new ArrayList<>();
    JsonNode d = n.get("durations");
    if (d != null) {
      if (!d.isArray()) {
        throw new BadValue(path + ".durations", "must be a list of whole seconds");
      }
      for (JsonNode x : d) {
        if (!x.canConvertToInt()) {
          throw new BadValue(path + ".durations", "must be a list of whole seconds, got " + x);
        }
        durations.add(x.asInt());
      }
    }
    return convert(
        path,
        () ->
            new WanModelShape(
                id,
                modes,
                text(n, "frameParam", path + ".frameParam"),
                strings(n, "sizes", path + ".sizes"),
                optText(n, "defaultSize", path + ".defaultSize"),
                strings(n, "resolutions", path + ".resolutions"),
                optText(n, "defaultResolution", path + ".defaultResolution"),
                strings(n, "ratios", path + ".ratios"),
                optText(n, "defaultRatio", path + ".defaultRatio"),
                durations,
                n.has("defaultDuration")
                    ? integer(n, "defaultDuration", path + ".defaultDuration")
                    : 5,
                bool(n, "audioInput", path + ".audioInput", false),
                optText(n, "audioSwitch", path + ".audioSwitch"),
                strings(n, "shotTypes", path + ".shotTypes"),
                optText(n, "imageField", path + ".imageField"),
                bool(n, "negativePrompt", path + ".negativePrompt", true),
                bool(n, "promptExtend", path + ".promptExtend", true),
                bool(n, "watermark", path + ".watermark", true),
                bool(n, "seed", path + ".seed", true),
                n.has("maxPromptChars")
                    ? integer(n, "maxPromptChars", path + ".maxPromptChars")
                    : 0,
                n.has("fps") ? n.get("fps").asDouble() : 0,
                n.has("typicalSeconds")
                    ? integer(n, "typicalSeconds", path + ".typicalSeconds")
                    : 180));
  }

  private static List<String> withFirst(String first, List<String> models) {
    List<String> out = new ArrayList<>();
    out.add(first);
    if (models != null) {
      models.stream().filter(m -> !m.equals(first)).forEach(out::add);
    }
    return out;
  }

  // ---- writing (models are written only where they differ from the defaults) ----

  static ObjectNode writeSettings(Settings s, CloudModels defaults) {
    ObjectNode root = F.objectNode();
    root.put("version", Settings.VERSION);
    root.put("offline", s.offline());
    root.put("backendPolicy", s.backendPolicy().id());
    ObjectNode ds = root.putObject("dashscope");
    ds.put("region", s.dashscope().region().id());
    if (s.dashscope().workspaceHost() != null) {
      ds.put("workspaceHost", s.dashscope().workspaceHost());
    }
    if (!s.dashscope().serviceHosts().isEmpty()) {
      ObjectNode hosts = ds.putObject("serviceHosts");
      new EnumMap<>(s.dashscope().serviceHosts()).forEach((k, v) -> hosts.put(k.id(), v));
    }
    ArrayNode eps = root.putArray("endpoints");
    for (OpenAiEndpoint e : s.endpoints()) {
      ObjectNode o = eps.addObject();
      o.put("name", e.name());
      o.put("baseUrl", e.baseUrl());
      o.put("type", e.type().id());
      if (e.keyRef() != null) {
        o.put("keyRef", e.keyRef());
      }
      if (!e.models().isEmpty()) {
        ArrayNode m = o.putArray("models");
        e.models().forEach(m::add);
      }
    }
    if (!s.models().equals(defaults)) {
      root.set("models", writeModelOverrides(s.models(), defaults));
    }
    return root;
  }

  private static ObjectNode writeModelOverrides(CloudModels m, CloudModels d) {
    ObjectNode o = F.objectNode();
    if (!m.vision().equals(d.vision())) {
      o.set("vision", family(m.vision()));
    }
    if (!m.asr().equals(d.asr())) {
      o.set("asr", family(m.asr()));
    }
    if (!m.omni().equals(d.omni())) {
      ObjectNode om = o.putObject("omni");
      om.put("default", m.omni().defaultModel());
      om.set("models", strings(m.omni().models()));
      om.put("defaultVoice", m.omni().defaultVoice());
      om.set("voices", strings(m.omni().voices()));
      om.put("sampleRate", m.omni().sampleRate());
    }
    if (!m.video().equals(d.video())) {
      ObjectNode v = o.putObject("video");
      v.put("defaultTextToVideo", m.video().defaultTextToVideo());
      v.put("defaultImageToVideo", m.video().defaultImageToVideo());
      v.set("idSuffixes", strings(m.video().idSuffixes()));
      v.put("taskTimeoutSeconds", m.video().taskTimeout().toSeconds());
      ObjectNode shapes = v.putObject("shapes");
      m.video()
          .shapes()
          .forEach((id, shape) -> {
            if (!shape.equals(d.video().shapes().get(id))) {
              shapes.set(id, shape(shape));
            }
          });
    }
    return o;
  }

  private static ObjectNode family(FamilyModels f) {
    ObjectNode o = F.objectNode();
    o.put("default", f.defaultModel());
    o.set("models", strings(f.models()));
    return o;
  }

  private static ObjectNode shape(WanModelShape s) {
    ObjectNode o = F.objectNode();
    o.set("modes", strings(List.copyOf(new java.util.TreeSet<>(s.modes()))));
    o.put("frameParam", s.frameParam());
    o.set("sizes", strings(s.sizes()));
    putIfSet(o, "defaultSize", s.defaultSize());
    o.set("resolutions", strings(s.resolutions()));
    putIfSet(o, "defaultResolution", s.defaultResolution());
    o.set("ratios", strings(s.ratios()));
    putIfSet(o, "defaultRatio", s.defaultRatio());
    ArrayNode d = o.putArray("durations");
    s.durations().forEach(d::add);
    o.put("defaultDuration", s.defaultDuration());
    o.put("audioInput", s.audioInput());
    putIfSet(o, "audioSwitch", s.audioSwitch());
    o.set("shotTypes", strings(s.shotTypes()));
    o.put("imageField", s.imageField());
    o.put("negativePrompt", s.negativePrompt());
    o.put("promptExtend", s.promptExtend());
    o.put("watermark", s.watermark());
    o.put("seed", s.seed());
    o.put("maxPromptChars", s.maxPromptChars());
    o.put("fps", s.fps());
    o.put("typicalSeconds", s.typicalSeconds());
    return o;
  }

  private static void putIfSet(ObjectNode o, String k, String v) {
    if (v != null) {
      o.put(k, v);
    }
  }

  private static ArrayNode strings(List<String> l) {
    ArrayNode a = F.arrayNode();
    l.forEach(a::add);
    return a;
  }

  // ---- small readers that name the path on failure ----

  private static JsonNode obj(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw new BadValue(path, n == null ? "is missing" : "must be an object");
    }
    return n;
  }

  private static String text(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new BadValue(path, "is missing");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new BadValue(path, "must be a non-empty string, got " + v);
    }
    return v.asText();
  }

  private static String optText(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadValue(path, "must be a string, got " + v);
    }
    return v.asText();
  }

  private static boolean bool(JsonNode n, String field, String path, boolean dflt) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new BadValue(path, "must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  private static int integer(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new BadValue(path, "must be a whole number, got " + v);
    }
    return v.asInt();
  }

  private static List<String> strings(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new BadValue(path, "must be a list of strings, got " + v);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : v) {
      if (!x.isTextual()) {
        throw new BadValue(path, "must be a list of strings, got " + x);
      }
      out.add(x.asText());
    }
    return out;
  }

  private static <T> T convert(String path, java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadValue(path, e.getMessage());
    }
  }
}
