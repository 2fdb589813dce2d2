package dev.weft.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft nodes}: the node catalog with ports and parameters. */
@Command(
    name = "nodes",
    description = "Lists the node types with their ports and parameters.",
    mixinStandardHelpOptions = true)
final class NodesCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Option(names = "--json", description = "Print the catalog as JSON.")
  boolean json;

  NodesCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    var catalog = env.context().catalog();
    if (json) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ArrayNode all = m.createArrayNode();
      for (NodeType t : catalog.all()) {
        all.add(toJson(m, t.spec()));
      }
      env.out().println(m.writeValueAsString(all));
      return ExitCodes.OK;
    }
    String category = null;
    for (NodeType t : catalog.all()) {
      NodeSpec s = t.spec();
      if (!s.category().equals(category)) {
        category = s.category();
        env.out().println(category);
      }
      env.out().println("  " + s.id() + "  " + s.displayName() + "  [" + s.lane().id() + "]");
      if (!s.description().isBlank()) {
        env.out().println("      " + s.description());
      }
      for (Port p : s.inputs()) {
        env.out()
            .println(
                "      in   " + p.name() + ": " + p.type() + (p.required() ? "" : " (optional)"));
      }
      for (Port p : s.outputs()) {
        env.out().println("      out  " + p.name() + ": " + p.type());
      }
      for (ParamSpec p : s.params()) {
        env.out()
            .println(
                "      set  "
                    + p.name()
                    + ": "
                    + p.kind()
                    + describeRange(p)
                    + " = "
                    + p.defaultValue());
      }
    }
    return ExitCodes.OK;
  }

  private static String describeRange(ParamSpec p) {
    return switch (p) {
      case ParamSpec.IntParam i -> " [" + i.min() + ".." + i.max() + "]";
      case ParamSpec.FloatParam f -> " [" + f.min() + ".." + f.max() + "]";
      case ParamSpec.EnumParam e -> " {" + String.join("|", e.values()) + "}";
      case ParamSpec.FileParam f ->
          f.extensions().isEmpty() ? "" : " (." + String.join(", .", f.extensions()) + ")";
      default -> "";
    };
  }

  static ObjectNode toJson(ObjectMapper m, NodeSpec s) {
    ObjectNode o = m.createObjectNode();
    o.put("id", s.id());
    o.put("version", s.version());
    o.put("name", s.displayName());
    o.put("category", s.category());
    o.put("description", s.description());
    o.put("lane", s.lane().id());
    o.put("alwaysRun", s.alwaysRun());
    ArrayNode ins = o.putArray("inputs");
    for (Port p : s.inputs()) {
      ins.addObject()
          .put("name", p.name())
          .put("type", p.type().toString())
          .put("required", p.required());
    }
    ArrayNode outs = o.putArray("outputs");
    for (Port p : s.outputs()) {
      outs.addObject().put("name", p.name()).put("type", p.type().toString());
    }
    ArrayNode params = o.putArray("params");
    for (ParamSpec p : s.params()) {
      ObjectNode po = params.addObject();
      po.put("name", p.name())
          .put("kind", p.kind())
          .put("label", p.label())
          .put("description", p.description());
      po.set("default", m.valueToTree(p.defaultValue()));
      switch (p) {
        case ParamSpec.IntParam i ->
            po.put("min", i.min()).put("max", i.max()).put("step", i.step());
        case ParamSpec.FloatParam f ->
            po.put("min", f.min()).put("max", f.max()).put("step", f.step());
        case ParamSpec.EnumParam e -> e.values().forEach(po.putArray("options")::add);
        case ParamSpec.FileParam f -> {
          f.extensions().forEach(po.putArray("extensions")::add);
          po.put("mode", f.mode().name().toLowerCase(java.util.Locale.ROOT));
        }
        case ParamSpec.ModelParam mp -> po.put("family", mp.family()).put("task", mp.task());
        default -> {}
      }
    }
    s.keywords().forEach(o.putArray("keywords")::add);
    return o;
  }
}
