package dev.weft.pipelines.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.io.AtomicFiles;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Group;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.PortRef;
import dev.weft.pipelines.graph.Position;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code *.weft.json} pipeline files: {@code {"format": "weft-pipeline",
 * "version": 1, ...}}, pretty-printed in a fixed key order so files diff well. Older versions are
 * migrated on reading; a file from a newer version is refused with a clear message.
 */
public final class PipelineFormat {
  public static final String FORMAT = "weft-pipeline";
  public static final int CURRENT_VERSION = 1;
  public static final String EXTENSION = ".weft.json";

  /** Files larger than this are refused before parsing (a pipeline is a few kilobytes). */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private static final Set<String> TOP_FIELDS =
      Set.of("format", "version", "name", "description", "backend", "nodes", "edges", "groups");
  private static final Set<String> NODE_FIELDS =
      Set.of("id", "type", "typeVersion", "title", "position", "params");
  private static final Set<String> EDGE_FIELDS = Set.of("from", "to", "via");
  private static final Set<String> GROUP_FIELDS =
      Set.of("id", "title", "color", "collapsed", "nodes");

  private final ObjectMapper mapper;
  private final List<Migration> migrations;

  public PipelineFormat() {
    this(List.of());
  }

  /** A format that also knows these migrations (each from one version to the next). */
  public PipelineFormat(List<Migration> migrations) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(16 * 1024 * 1024)
                    .maxNumberLength(64)
                    .build())
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.migrations = List.copyOf(migrations);
  }

  // ------------------------------------------------------------------ reading

  /** Reads a pipeline file. Unreadable or unsupported files throw; lesser problems are listed. */
  public ParsedPipeline read(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw fatal(
            "the file is " + size / (1024 * 1024) + " MB, too large to be a pipeline",
            Location.file(name),
            "check that this is the pipeline file you meant");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fatal(
          "the pipeline file does not exist", Location.file(name), "check the path and try again");
    } catch (IOException e) {
      throw fatal(
          "the pipeline file cannot be read: " + e.getMessage(),
          Location.file(name),
          "check that the file is readable");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw fatal(
          "the file is not UTF-8 text (is it a pipeline file?)",
          Location.file(name),
          "save the pipeline as UTF-8 JSON");
    }
    return read(text, name, Optional.of(file));
  }

  /** Reads pipeline JSON from text; {@code sourceName} names it in problems. */
  public ParsedPipeline read(String json, String sourceName) {
    return read(json, sourceName, Optional.empty());
  }

  private ParsedPipeline read(String json, String sourceName, Optional<Path> file) {
    if (json.startsWith("\uFEFF")) {
      json = json.substring(1);
    }
    JsonNode root;
    SourceMap sourceMap;
    try {
      root = mapper.readTree(json);
      sourceMap = JsonLocations.index(mapper.getFactory(), json);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      Location where = Location.file(sourceName);
      if (loc != null && loc.getLineNr() > 0) {
        where = where.atLine(loc.getLineNr(), loc.getColumnNr());
      }
      throw fatal(
          "the file is not valid JSON: " + e.getOriginalMessage(),
          where,
          "fix the JSON syntax at that line (a missing comma, quote or bracket is usual)");
    } catch (IOException e) {
      throw fatal(
          "the pipeline cannot be read: " + e.getMessage(), Location.file(sourceName), null);
    }
    if (root == null || root.isMissingNode()) {
      throw fatal("the file is empty", Location.file(sourceName), "open a *.weft.json pipeline");
    }
    if (!(root instanceof ObjectNode obj)) {
      throw fatal(
          "a pipeline file holds a JSON object, but this one holds " + kindOf(root),
          Location.file(sourceName).atLine(1, 1),
          null);
    }
    JsonNode format = obj.get("format");
    if (format == null || !format.isTextual() || !FORMAT.equals(format.asText())) {
      throw fatal(
          format == null
              ? "this is not a Weft pipeline: the field \"format\": \"" + FORMAT + "\" is missing"
              : "this is not a Weft pipeline: \"format\" is " + format + ", not \"" + FORMAT + "\"",
          at(sourceName, sourceMap, format == null ? "" : "/format"),
          "open a *.weft.json file saved by Weft");
    }
    JsonNode versionNode = obj.get("version");
    if (versionNode == null
        || !versionNode.canConvertToExactIntegral()
        || versionNode.asInt() < 0) {
      throw fatal(
          "the pipeline's \"version\" is missing or not a whole number",
          at(sourceName, sourceMap, "/version"),
          "set \"version\": " + CURRENT_VERSION);
    }
    int version = versionNode.asInt();
    if (version > CURRENT_VERSION) {
      throw fatal(
          "this pipeline was saved by a newer Weft (format version "
              + version
              + "); this Weft reads versions up to "
              + CURRENT_VERSION,
          at(sourceName, sourceMap, "/version"),
          "update Weft Studio to open it");
    }
    while (version < CURRENT_VERSION) {
      int from = version;
      Location versionAt = at(sourceName, sourceMap, "/version");
      Migration m =
          migrations.stream()
              .filter(x -> x.fromVersion() == from)
              .findFirst()
              .orElseThrow(() ->
                  fatal(
                      "format version " + from + " is no longer supported",
                      versionAt,
                      "open and save it with an older Weft release first"));
      obj = m.apply(obj);
      version++;
      sourceMap = SourceMap.EMPTY; // positions no longer match the migrated tree
    }
    return new Reader(sourceName, sourceMap).read(obj, file);
  }

  private static InvalidPipelineException fatal(String message, Location where, String hint) {
    return InvalidPipelineException.of(Problem.error("format", message, where, hint));
  }

  private static Location at(String sourceName, SourceMap map, String pointer) {
    if (map == SourceMap.EMPTY) {
      return Location.file(sourceName);
    }
    SourceMap.Position p = map.find(pointer);
    return Location.file(sourceName).atLine(p.line(), p.column());
  }

  private static String kindOf(JsonNode n) {
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    if (n.isNull()) {
      return "null";
    }
    return "an object";
  }

  /** Reads one tree, collecting problems instead of stopping at the first. */
  private final class Reader {
    private final String sourceName;
    private final SourceMap map;
    private final List<Problem> problems = new ArrayList<>();

    Reader(String sourceName, SourceMap map) {
      this.sourceName = sourceName;
      this.map = map;
    }

    private Location at(String pointer) {
      return PipelineFormat.at(sourceName, map, pointer);
    }

    private void problem(String code, String message, String pointer, String hint) {
      problems.add(Problem.error(code, message, at(pointer), hint));
    }

    private void warnUnknown(ObjectNode o, Set<String> known, String pointer, String where) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!known.contains(f)) {
          problems.add(
              Problem.warning(
                  "format.unknown-field",
                  "unknown field \"" + f + "\" in " + where + " is ignored",
                  at(pointer + "/" + f),
                  "known fields: " + String.join(", ", known.stream().sorted().toList())));
        }
      }
    }

    ParsedPipeline read(ObjectNode root, Optional<Path> file) {
      warnUnknown(root, TOP_FIELDS, "", "the pipeline");
      String name = optionalText(root, "name", "", "");
      String description = optionalText(root, "description", "", "");
      BackendPolicy backend = BackendPolicy.AUTO;
      JsonNode b = root.get("backend");
      if (b != null) {
        try {
          backend = BackendPolicy.parse(b.asText());
        } catch (IllegalArgumentException e) {
          problem("format.backend", e.getMessage(), "/backend", "use auto, local or cloud");
        }
      }
      List<Node> nodes = new ArrayList<>();
      Map<String, Integer> nodeIndex = new HashMap<>();
      JsonNode nodesNode = root.get("nodes");
      if (nodesNode == null) {
        problem("format.nodes", "the pipeline has no \"nodes\" array", "", "add \"nodes\": []");
      } else if (!nodesNode.isArray()) {
        problem(
            "format.nodes", "\"nodes\" must be an array, not " + kindOf(nodesNode), "/nodes", null);
      } else {
        for (int i = 0; i < nodesNode.size(); i++) {
          Node n = readNode(nodesNode.get(i), "/nodes/" + i);
          if (n != null) {
            nodes.add(n);
            nodeIndex.putIfAbsent(n.id(), i);
          }
        }
      }
      List<Edge> edges = new ArrayList<>();
      JsonNode edgesNode = root.get("edges");
      if (edgesNode != null && !edgesNode.isArray()) {
        problem(
            "format.edges", "\"edges\" must be an array, not " + kindOf(edgesNode), "/edges", null);
      } else if (edgesNode != null) {
        for (int i = 0; i < edgesNode.size(); i++) {
          Edge e = readEdge(edgesNode.get(i), "/edges/" + i);
          if (e != null) {
            edges.add(e);
          }
        }
      }
      List<Group> groups = new ArrayList<>();
      JsonNode groupsNode = root.get("groups");
      if (groupsNode != null && !groupsNode.isArray()) {
        problem(
            "format.groups",
            "\"groups\" must be an array, not " + kindOf(groupsNode),
            "/groups",
            null);
      } else if (groupsNode != null) {
        for (int i = 0; i < groupsNode.size(); i++) {
          Group g = readGroup(groupsNode.get(i), "/groups/" + i);
          if (g != null) {
            groups.add(g);
          }
        }
      }
      Graph graph = new Graph(name, description, backend, nodes, edges, groups);
      return new ParsedPipeline(graph, sourceName, file, map, nodeIndex, problems);
    }

    private String optionalText(ObjectNode o, String field, String pointer, String fallback) {
      JsonNode v = o.get(field);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isTextual()) {
        problem(
            "format.type",
            "\"" + field + "\" must be a string, not " + kindOf(v),
            pointer + "/" + field,
            null);
        return fallback;
      }
      return v.asText();
    }

    private Node readNode(JsonNode n, String pointer) {
      if (!(n instanceof ObjectNode o)) {
        problem("format.node", "a node entry must be an object, not " + kindOf(n), pointer, null);
        return null;
      }
      warnUnknown(o, NODE_FIELDS, pointer, "a node");
      JsonNode id = o.get("id");
      JsonNode type = o.get("type");
      String idText = id != null && id.isTextual() ? id.asText() : null;
      if (idText == null || idText.isBlank()) {
        problem(
            "format.node.id",
            "a node has no \"id\" (a non-empty string)",
            pointer,
            "give every node a unique id such as \"prompt\"");
        return null;
      }
      if (type == null || !type.isTextual() || type.asText().isBlank()) {
        problems.add(
            Problem.error(
                "format.node.type",
                "the node has no \"type\"",
                at(pointer).withNode(idText, null),
                "set \"type\" to a node type id (see `weft nodes`)"));
        return null;
      }
      int typeVersion = 1;
      JsonNode tv = o.get("typeVersion");
      if (tv != null) {
        if (tv.canConvertToExactIntegral() && tv.asInt() >= 1) {
          typeVersion = tv.asInt();
        } else {
          problem(
              "format.node.version",
              "\"typeVersion\" must be a whole number >= 1",
              pointer + "/typeVersion",
              null);
        }
      }
      String title = optionalText(o, "title", pointer, "");
      Position position = Position.ORIGIN;
      JsonNode pos = o.get("position");
      if (pos != null) {
        position = readPosition(pos, pointer + "/position");
        if (position == null) {
          position = Position.ORIGIN;
        }
      }
      Params params = Params.EMPTY;
      JsonNode ps = o.get("params");
      if (ps != null && !ps.isNull()) {
        if (!ps.isObject()) {
          problem(
              "format.node.params",
              "\"params\" must be an object, not " + kindOf(ps),
              pointer + "/params",
              null);
        } else {
          Map<String, Object> values = new HashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isNull()) {
              continue; // null means "default"
            }
            try {
              values.put(e.getKey(), Params.normalise(e.getKey(), toJava(e.getValue())));
            } catch (IllegalArgumentException ex) {
              problems.add(
                  Problem.error(
                      "format.node.param",
                      ex.getMessage(),
                      at(pointer + "/params/" + e.getKey())
                          .withNode(idText, title)
                          .withParam(e.getKey()),
                      null));
            }
          }
          params = Params.of(values);
        }
      }
      return new Node(idText, type.asText(), typeVersion, title, params, position);
    }

    private Position readPosition(JsonNode pos, String pointer) {
      JsonNode x = pos.get("x");
      JsonNode y = pos.get("y");
      if (!pos.isObject()
          || x == null
          || y == null
          || !x.isNumber()
          || !y.isNumber()
          || !Double.isFinite(x.asDouble())
          || !Double.isFinite(y.asDouble())) {
        problems.add(
            Problem.warning(
                "format.position",
                "a position must be {\"x\": number, \"y\": number}; using (0, 0)",
                at(pointer),
                null));
        return null;
      }
      return new Position(x.asDouble(), y.asDouble());
    }

    private Edge readEdge(JsonNode n, String pointer) {
      if (!(n instanceof ObjectNode o)) {
        problem("format.edge", "an edge entry must be an object, not " + kindOf(n), pointer, null);
        return null;
      }
      warnUnknown(o, EDGE_FIELDS, pointer, "an edge");
      PortRef from = readRef(o.get("from"), pointer + "/from", "from");
      PortRef to = readRef(o.get("to"), pointer + "/to", "to");
      if (from == null || to == null) {
        return null;
      }
      List<Position> via = new ArrayList<>();
      JsonNode v = o.get("via");
      if (v != null && v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          Position p = readPosition(v.get(i), pointer + "/via/" + i);
          if (p != null) {
            via.add(p);
          }
        }
      } else if (v != null) {
        problem("format.edge.via", "\"via\" must be an array of positions", pointer + "/via", null);
      }
      return new Edge(from, to, via);
    }

    private PortRef readRef(JsonNode n, String pointer, String field) {
      if (n == null || !n.isTextual()) {
        problem(
            "format.edge.end",
            "an edge needs \"" + field + "\": \"node.port\"",
            pointer,
            "write both ends as \"nodeId.portName\"");
        return null;
      }
      String s = n.asText();
      int dot = s.lastIndexOf('.');
      if (dot <= 0 || dot == s.length() - 1) {
        problem(
            "format.edge.end",
            "edge end \"" + s + "\" is not of the form \"node.port\"",
            pointer,
            "write both ends as \"nodeId.portName\"");
        return null;
      }
      return new PortRef(s.substring(0, dot), s.substring(dot + 1));
    }

    private Group readGroup(JsonNode n, String pointer) {
      if (!(n instanceof ObjectNode o)) {
        problem("format.group", "a group entry must be an object, not " + kindOf(n), pointer, null);
        return null;
      }
      warnUnknown(o, GROUP_FIELDS, pointer, "a group");
      JsonNode id = o.get("id");
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        problem("format.group.id", "a group has no \"id\"", pointer, null);
        return null;
      }
      List<String> members = new ArrayList<>();
      JsonNode ns = o.get("nodes");
      if (ns != null && ns.isArray()) {
        for (JsonNode m : ns) {
          if (m.isTextual()) {
            members.add(m.asText());
          }
        }
      }
      JsonNode collapsed = o.get("collapsed");
      return new Group(
          id.asText(),
          optionalText(o, "title", pointer, ""),
          optionalText(o, "color", pointer, ""),
          members,
          collapsed != null && collapsed.asBoolean());
    }
  }

  /** A JSON value as plain Java (String, Long or BigDecimal, Boolean, List, Map). */
  static Object toJava(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber()) {
      if (!v.canConvertToLong()) {
        throw new IllegalArgumentException("the number " + v + " is too large");
      }
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isArray()) {
      List<Object> out = new ArrayList<>();
      for (JsonNode item : v) {
        if (!item.isNull()) {
          out.add(toJava(item));
        }
      }
      return out;
    }
    if (v.isObject()) {
      Map<String, Object> out = new HashMap<>();
      v.fields()
          .forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
              out.put(e.getKey(), toJava(e.getValue()));
            }
          });
      return out;
    }
    throw new IllegalArgumentException("unsupported JSON value " + v);
  }

  // ------------------------------------------------------------------ writing

  /** The pipeline as pretty-printed JSON in Weft's stable key order, ending in a newline. */
  public String write(Graph graph) {
    StringBuilder sb = new StringBuilder(256 + graph.nodes().size() * 160);
    sb.append("{\n");
    sb.append("  \"format\": ").append(quote(FORMAT)).append(",\n");
    sb.append("  \"version\": ").append(CURRENT_VERSION).append(",\n");
    sb.append("  \"name\": ").append(quote(graph.name())).append(",\n");
    sb.append("  \"description\": ").append(quote(graph.description())).append(",\n");
    sb.append("  \"backend\": ").append(quote(graph.backend().id())).append(",\n");
    sb.append("  \"nodes\": [");
    List<Node> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      sb.append(i == 0 ? "\n" : ",\n");
      sb.append("    {\n");
      sb.append("      \"id\": ").append(quote(n.id())).append(",\n");
      sb.append("      \"type\": ").append(quote(n.type())).append(",\n");
      sb.append("      \"typeVersion\": ").append(n.version()).append(",\n");
      sb.append("      \"title\": ").append(quote(n.title())).append(",\n");
      sb.append("      \"position\": ").append(position(n.position()));
      if (!n.params().isEmpty()) {
        sb.append(",\n      \"params\": {");
        boolean first = true;
        for (Map.Entry<String, Object> e : n.params().asMap().entrySet()) {
          sb.append(first ? "\n" : ",\n");
          first = false;
          sb.append("        ").append(quote(e.getKey())).append(": ").append(value(e.getValue()));
        }
        sb.append("\n      }");
      }
      sb.append("\n    }");
    }
    sb.append(nodes.isEmpty() ? "],\n" : "\n  ],\n");
    sb.append("  \"edges\": [");
    List<Edge> edges = graph.edges();
    for (int i = 0; i < edges.size(); i++) {
      Edge e = edges.get(i);
      sb.append(i == 0 ? "\n" : ",\n");
      sb.append("    {\"from\": ").append(quote(e.from().toString()));
      sb.append(", \"to\": ").append(quote(e.to().toString()));
      if (!e.via().isEmpty()) {
        sb.append(", \"via\": [");
        for (int j = 0; j < e.via().size(); j++) {
          sb.append(j == 0 ? "" : ", ").append(position(e.via().get(j)));
        }
        sb.append("]");
      }
      sb.append("}");
    }
    sb.append(edges.isEmpty() ? "],\n" : "\n  ],\n");
    sb.append("  \"groups\": [");
    List<Group> groups = graph.groups();
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      sb.append(i == 0 ? "\n" : ",\n");
      sb.append("    {\"id\": ").append(quote(g.id()));
      sb.append(", \"title\": ").append(quote(g.title()));
      sb.append(", \"color\": ").append(quote(g.color()));
      sb.append(", \"collapsed\": ").append(g.collapsed());
      sb.append(", \"nodes\": [");
      for (int j = 0; j < g.nodes().size(); j++) {
        sb.append(j == 0 ? "" : ", ").append(quote(g.nodes().get(j)));
      }
      sb.append("]}");
    }
    sb.append(groups.isEmpty() ? "]\n" : "\n  ]\n");
    sb.append("}\n");
    return sb.toString();
  }

  /** Writes the pipeline to a file atomically: a crash mid-save never leaves a half file. */
  public void write(Graph graph, Path file) throws IOException {
    AtomicFiles.writeString(file, write(graph));
  }

  private static String position(Position p) {
    return "{\"x\": " + number(p.x()) + ", \"y\": " + number(p.y()) + "}";
  }

  private String value(Object v) {
    return switch (v) {
      case String s -> quote(s);
      case Long l -> Long.toString(l);
      case Double d -> number(d);
      case Boolean b -> b.toString();
      default -> {
        try {
          yield mapper.writeValueAsString(v);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("cannot write parameter value " + v, e);
        }
      }
    };
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
