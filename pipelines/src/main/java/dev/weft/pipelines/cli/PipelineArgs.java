package dev.weft.pipelines.cli;

import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a pipeline named on the command line and applies {@code --set NODE.PARAM=VALUE}. */
final class PipelineArgs {
  private PipelineArgs() {}

  static ParsedPipeline load(WeftContext context, Path file, List<String> sets) {
    ParsedPipeline parsed = context.format().read(file);
    return withOverrides(context, parsed, sets);
  }

  static ParsedPipeline withOverrides(
      WeftContext context, ParsedPipeline parsed, List<String> sets) {
    if (sets == null || sets.isEmpty()) {
      return parsed;
    }
    Graph g = parsed.graph();
    List<Problem> problems = new ArrayList<>();
    for (String set : sets) {
      Location where = Location.of("--set " + set);
      int eq = set.indexOf('=');
      int dot = eq < 0 ? -1 : set.substring(0, eq).indexOf('.');
      if (eq < 0 || dot <= 0 || dot == eq - 1) {
        problems.add(
            Problem.error(
                "args.set",
                "\"" + set + "\" is not of the form NODE.PARAM=VALUE",
                where,
                "e.g. --set prompt.text=\"a red fox\""));
        continue;
      }
      String nodeId = set.substring(0, dot);
      String param = set.substring(dot + 1, eq);
      String value = set.substring(eq + 1);
      Optional<Node> node = g.node(nodeId);
      if (node.isEmpty()) {
        problems.add(
            Problem.error(
                "args.set",
                "there is no node \"" + nodeId + "\"",
                where,
                "nodes: " + String.join(", ", g.nodes().stream().map(Node::id).toList())));
        continue;
      }
      Optional<NodeType> type = context.catalog().find(node.get().type());
      if (type.isEmpty()) {
        continue; // the validator reports the unknown type
      }
      Optional<ParamSpec> spec = type.get().spec().param(param);
      if (spec.isEmpty()) {
        problems.add(
            Problem.error(
                "args.set",
                "node \""
                    + nodeId
                    + "\" ("
                    + type.get().spec().displayName()
                    + ") has no parameter \""
                    + param
                    + "\"",
                where,
                "its parameters: "
                    + String.join(
                        ", ", type.get().spec().params().stream().map(ParamSpec::name).toList())));
        continue;
      }
      try {
        Object parsedValue = spec.get().parse(value);
        Optional<String> bad = spec.get().check(parsedValue);
        if (bad.isPresent()) {
          problems.add(Problem.error("args.set", "\"" + param + "\" " + bad.get(), where, null));
          continue;
        }
        g = g.updateNode(nodeId, n -> n.withParam(param, parsedValue));
      } catch (IllegalArgumentException e) {
        problems.add(Problem.error("args.set", e.getMessage(), where, null));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidPipelineException(problems);
    }
    return parsed.withGraph(g);
  }
}
