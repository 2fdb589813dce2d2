package dev.weft.pipelines.models.asr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.testing.TestFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs sherpa-onnx-node (the reference) through the Node script in the test resources. */
final class SherpaReference {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SherpaReference() {}

  /** One file's result as the reference reports it, and the seconds its decode took. */
  record Result(JsonNode json, double seconds, double audioSeconds) {
    List<String> tokens() {
      List<String> out = new ArrayList<>();
      json.path("tokens").forEach(t -> out.add(t.asText()));
      return out;
    }

    List<Double> timestamps() {
      List<Double> out = new ArrayList<>();
      json.path("timestamps").forEach(t -> out.add(t.asDouble()));
      return out;
    }

    String text() {
      return json.path("text").asText();
    }

    String field(String name) {
      return json.path(name).asText("");
    }
  }

  static Path moduleDir() {
    TestFixtures.requireTool("node");
    return TestFixtures.testModel("sherpa-onnx-node/node_modules/sherpa-onnx-node");
  }

  /** Runs the reference on every file; the map keeps the input order. */
  static Map<Path, Result> run(
      Path work,
      String family,
      Path model,
      Path tokens,
      String language,
      boolean itn,
      int threads,
      int repeat,
      List<Path> wavs)
      throws IOException, InterruptedException {
    Path script = work.resolve("sherpa-reference.js");
    if (!Files.exists(script)) {
      try (InputStream in = SherpaReference.class.getResourceAsStream("sherpa-reference.js")) {
        Files.write(script, in.readAllBytes());
      }
    }
    ObjectNode cfg = JSON.createObjectNode();
    cfg.put("moduleDir", moduleDir().toString());
    cfg.put("family", family);
    cfg.put("model", model.toString());
    cfg.put("tokens", tokens.toString());
    cfg.put("language", language);
    cfg.put("itn", itn);
    cfg.put("threads", threads);
    cfg.put("repeat", repeat);
    var list = cfg.putArray("wavs");
    wavs.forEach(w -> list.add(w.toString()));
    Path cfgFile = Files.createTempFile(work, "sherpa", ".json");
    Files.writeString(cfgFile, JSON.writeValueAsString(cfg));
    String out = TestFixtures.run(List.of("node", script.toString(), cfgFile.toString()), work);
    Map<Path, Result> results = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      results.put(
          Path.of(n.path("file").asText()),
          new Result(
              n.path("result"), n.path("seconds").asDouble(), n.path("audioSeconds").asDouble()));
    }
    return results;
  }
}
