package dev.weft.pipelines.validate;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.graph.Conversion;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.nodes.CheckContext;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.NodeIssue;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.ParamSpec.FileParam;
import dev.weft.pipelines.nodes.Services;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds every problem with a pipeline before it runs, each naming the node (id and title), the port
 * or parameter, and the fix: unknown node types, bad ids, parameters of the wrong type or out of
 * range, dangling or mistyped wires, missing required inputs, cycles, missing files, files outside
 * the pipeline's folder, and what node types report about themselves (missing models).
 */
public final class Validator {
  /** Node ids appear in wire ends ("node.port"), so they are kept to safe characters. */
  public static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");

  private final NodeCatalog catalog;
  private final Services services;

  public Validator(NodeCatalog catalog, Services services) {
    this.catalog = catalog;
    this.services = services;
  }

  /** The problems read from the file plus every problem found in the graph. */
  public List<Problem> validate(ParsedPipeline pipeline, boolean offline) {
    List<Problem> out = new ArrayList<>(pipeline.problems());
    new Run(pipeline, offline, out).check();
    return out;
  }

  public static boolean hasErrors(List<Problem> problems) {
    return problems.stream().anyMatch(Problem::isError);
  }

  private final class Run {
    private final ParsedPipeline pipeline;
    private final Graph graph;
    private final boolean offline;
    private final List<Problem> out;
    private final Map<String, NodeSpec> specs = new HashMap<>();
    private final Map<String, List<Port>> inputsOf = new HashMap<>();

    Run(ParsedPipeline pipeline, boolean offline, List<Problem> out) {
      this.pipeline = pipeline;
      this.graph = pipeline.graph();
      this.offline = offline;
      this.out = out;
    }

    private Location at(Node n) {
      return pipeline.nodeLocation(n.id(), n.displayTitle());
    }

    void check() {
      checkNodes();
      List<Edge> usable = checkEdges();
      checkRequiredInputs(usable);
      checkCycles(usable);
      checkFiles();
      checkGroups();
    }

    private void checkNodes() {
      Set<String> seen = new HashSet<>();
      CheckContext context =
          new CheckContext(pipeline.baseDir(), services, offline, graph.backend());
      for (Node n : graph.nodes()) {
        if (!seen.add(n.id())) {
          out.add(
              Problem.error(
                  "node.duplicate-id",
                  "the id \"" + n.id() + "\" is used by more than one node",
                  at(n),
                  "give each node its own id"));
        }
        if (!NODE_ID.matcher(n.id()).matches()) {
          out.add(
              Problem.error(
                  "node.bad-id",
                  "the node id \"" + n.id() + "\" may use only letters, digits, '-' and '_'",
                  at(n),
                  "rename the node (and the wires that name it)"));
        }
        Optional<NodeType> type = catalog.find(n.type());
        if (type.isEmpty()) {
          List<String> close = catalog.closest(n.type(), 3);
          out.add(
              Problem.error(
                  "node.unknown-type",
                  "unknown node type \"" + n.type() + "\"",
                  at(n),
                  close.isEmpty()
                      ? "install the plugin that provides it, or see `weft nodes` for known types"
                      : "did you mean "
                          + String.join(" or ", close.stream().map(c -> "\"" + c + "\"").toList())
                          + "? (or install the plugin that provides it)"));
          continue;
        }
        NodeSpec spec = type.get().spec();
        if (specs.putIfAbsent(n.id(), spec) == null) {
          inputsOf.put(n.id(), safeInputs(type.get(), n));
        }
        if (n.version() > spec.version()) {
          out.add(
              Problem.error(
                  "node.newer-version",
                  "this node was saved by version "
                      + n.version()
                      + " of \""
                      + spec.id()
                      + "\", but this Weft has version "
                      + spec.version(),
                  at(n),
                  "update Weft Studio (or the plugin that provides the node)"));
        }
        checkParams(n, spec);
        for (NodeIssue issue : safeCheck(type.get(), n, context)) {
          Location where =
              issue.param() != null
                  ? pipeline.paramLocation(n.id(), n.displayTitle(), issue.param())
                  : issue.port() != null ? at(n).withPort(issue.port()) : at(n);
          out.add(
              new Problem(
                  issue.warning() ? Problem.Severity.WARNING : Problem.Severity.ERROR,
                  "node.check",
                  issue.message(),
                  where,
                  issue.hint()));
        }
      }
    }

    private List<Port> safeInputs(NodeType type, Node n) {
      try {
        return type.inputs(n.params());
      } catch (RuntimeException e) {
        return type.spec().inputs();
      }
    }

    private List<NodeIssue> safeCheck(NodeType type, Node n, CheckContext context) {
      try {
        return type.check(n, context);
      } catch (RuntimeException e) {
        return List.of(
            NodeIssue.error(
                null,
                "the node type's own check failed: " + e,
                "report this to the author of \"" + type.spec().id() + "\""));
      }
    }

    private void checkParams(Node n, NodeSpec spec) {
      for (var e : n.params().asMap().entrySet()) {
        Optional<ParamSpec> ps = spec.param(e.getKey());
        Location where = pipeline.paramLocation(n.id(), n.displayTitle(), e.getKey());
        if (ps.isEmpty()) {
          List<String> known = spec.params().stream().map(ParamSpec::name).toList();
          out.add(
              Problem.warning(
                  "param.unknown",
                  "\"" + spec.id() + "\" has no parameter \"" + e.getKey() + "\"; it is ignored",
                  where,
                  known.isEmpty()
                      ? "remove it; this node type takes no parameters"
                      : "known parameters: " + String.join(", ", known)));
          continue;
        }
        ps.get()
            .check(e.getValue())
            .ifPresent(msg ->
                out.add(
                    Problem.error(
                        "param.invalid",
                        "\"" + e.getKey() + "\" " + msg,
                        where,
                        hintFor(ps.get()))));
      }
    }

    private String hintFor(ParamSpec ps) {
      return switch (ps) {
        case ParamSpec.IntParam p -> "use a whole number from " + p.min() + " to " + p.max();
        case ParamSpec.FloatParam p -> "use a number from " + p.min() + " to " + p.max();
        case ParamSpec.EnumParam p -> "use one of " + String.join(", ", p.values());
        case ParamSpec.BoolParam p -> "use true or false";
        case ParamSpec.SeedParam p -> "use a whole number from 0 to " + ParamSpec.SeedParam.MAX;
        case FileParam p ->
            p.extensions().isEmpty()
                ? "give a path"
                : "choose a ." + String.join(", .", p.extensions()) + " file";
        default -> "use a text value";
      };
    }

    /** Checks each wire; returns those that are well-formed enough to use in later checks. */
    private List<Edge> checkEdges() {
      List<Edge> usable = new ArrayList<>();
      Map<dev.weft.pipelines.graph.PortRef, Integer> wiresIntoScalar = new HashMap<>();
      Set<List<Object>> seenWires = new HashSet<>();
      List<Edge> edges = graph.edges();
      for (int i = 0; i < edges.size(); i++) {
        Edge e = edges.get(i);
        int index = i;
        java.util.function.Supplier<Location> at =
            () -> pipeline.edgeLocation(index).withDetail("wire " + e);
        Optional<Node> from = graph.node(e.from().node());
        Optional<Node> to = graph.node(e.to().node());
        if (from.isEmpty() || to.isEmpty()) {
          String missing = from.isEmpty() ? e.from().node() : e.to().node();
          out.add(
              Problem.error(
                  "edge.dangling",
                  "the wire " + e + " refers to node \"" + missing + "\", which does not exist",
                  at.get(),
                  "delete the wire or add the node"));
          continue;
        }
        NodeSpec fromSpec = specs.get(e.from().node());
        NodeSpec toSpec = specs.get(e.to().node());
        if (fromSpec == null || toSpec == null) {
          continue; // unknown type: already reported
        }
        Optional<Port> out1 = fromSpec.output(e.from().port());
        List<Port> toInputs = inputsOf.get(e.to().node());
        Optional<Port> in =
            toInputs.stream().filter(p -> p.name().equals(e.to().port())).findFirst();
        if (out1.isEmpty()) {
          out.add(
              Problem.error(
                  "edge.unknown-port",
                  "node \""
                      + e.from().node()
                      + "\" ("
                      + fromSpec.displayName()
                      + ") has no output \""
                      + e.from().port()
                      + "\"",
                  at.get()
                      .withNode(from.get().id(), from.get().displayTitle())
                      .withPort(e.from().port()),
                  "its outputs are: " + names(fromSpec.outputs())));
          continue;
        }
        if (in.isEmpty()) {
          out.add(
              Problem.error(
                  "edge.unknown-port",
                  "node \""
                      + e.to().node()
                      + "\" ("
                      + toSpec.displayName()
                      + ") has no input \""
                      + e.to().port()
                      + "\"",
                  at.get().withNode(to.get().id(), to.get().displayTitle()).withPort(e.to().port()),
                  toInputs.isEmpty()
                      ? "it takes no inputs"
                      : "its inputs are: " + names(toInputs)));
          continue;
        }
        if (Conversion.between(out1.get().type(), in.get().type()).isEmpty()) {
          out.add(
              Problem.error(
                  "edge.type-mismatch",
                  "the wire "
                      + e
                      + " carries "
                      + out1.get().type()
                      + " into an input of type "
                      + in.get().type(),
                  at.get().withNode(to.get().id(), to.get().displayTitle()).withPort(e.to().port()),
                  "connect an output of type "
                      + in.get().type()
                      + " (or one that converts to it), or add a node that converts"));
          continue;
        }
        if (!seenWires.add(List.of(e.from(), e.to()))) {
          out.add(
              Problem.error(
                  "edge.duplicate",
                  "the wire " + e + " appears twice",
                  at.get(),
                  "delete one of the two"));
          continue;
        }
        if (!in.get().acceptsMany()) {
          int count = wiresIntoScalar.merge(e.to(), 1, Integer::sum);
          if (count == 2) {
            out.add(
                Problem.error(
                    "edge.many-into-one",
                    "input \""
                        + e.to().port()
                        + "\" of node \""
                        + e.to().node()
                        + "\" takes one wire, but several end there",
                    at.get()
                        .withNode(to.get().id(), to.get().displayTitle())
                        .withPort(e.to().port()),
                    "keep one wire; use a list input or a Join node to combine values"));
          }
          if (count >= 2) {
            continue;
          }
        }
        usable.add(e);
      }
      return usable;
    }

    private void checkRequiredInputs(List<Edge> usable) {
      Set<String> fed = new HashSet<>();
      for (Edge e : usable) {
        fed.add(e.to().toString());
      }
      for (Node n : graph.nodes()) {
        NodeSpec spec = specs.get(n.id());
        if (spec == null || graph.node(n.id()).orElseThrow() != n) {
          continue;
        }
        for (Port p : inputsOf.get(n.id())) {
          if (p.required() && !fed.contains(n.id() + "." + p.name())) {
            out.add(
                Problem.error(
                    "input.missing",
                    "the required input \"" + p.name() + "\" (" + p.type() + ") is not connected",
                    at(n).withPort(p.name()),
                    "connect an output of type " + p.type() + " to it"));
          }
        }
      }
    }

    /** Reports each cycle once, listing its nodes (Tarjan's strongly connected components). */
    private void checkCycles(List<Edge> usable) {
      Map<String, List<String>> next = new HashMap<>();
      Set<String> selfLoops = new LinkedHashSet<>();
      for (Edge e : usable) {
        if (e.from().node().equals(e.to().node())) {
          selfLoops.add(e.from().node());
        }
        next.computeIfAbsent(e.from().node(), k -> new ArrayList<>()).add(e.to().node());
      }
      Map<String, Integer> index = new HashMap<>();
      Map<String, Integer> low = new HashMap<>();
      Deque<String> stack = new ArrayDeque<>();
      Set<String> onStack = new HashSet<>();
      int[] counter = {0};
      for (Node n : graph.nodes()) {
        if (!index.containsKey(n.id())) {
          strongConnect(n.id(), next, index, low, stack, onStack, counter, selfLoops);
        }
      }
    }

    // Iterative Tarjan, so a 10,000-node chain does not overflow the stack.
    private void strongConnect(
        String root,
        Map<String, List<String>> next,
        Map<String, Integer> index,
        Map<String, Integer> low,
        Deque<String> stack,
        Set<String> onStack,
        int[] counter,
        Set<String> selfLoops) {
      record Frame(String node, int child) {}
      Deque<Frame> work = new ArrayDeque<>();
      work.push(new Frame(root, 0));
      index.put(root, counter[0]);
      low.put(root, counter[0]++);
      stack.push(root);
      onStack.add(root);
      while (!work.isEmpty()) {
        Frame f = work.pop();
        List<String> children = next.getOrDefault(f.node(), List.of());
        if (f.child() < children.size()) {
          work.push(new Frame(f.node(), f.child() + 1));
          String c = children.get(f.child());
          if (!index.containsKey(c)) {
            index.put(c, counter[0]);
            low.put(c, counter[0]++);
            stack.push(c);
            onStack.add(c);
            work.push(new Frame(c, 0));
          } else if (onStack.contains(c)) {
            low.put(f.node(), Math.min(low.get(f.node()), index.get(c)));
          }
          continue;
        }
        if (!work.isEmpty()) {
          String parent = work.peek().node();
          low.put(parent, Math.min(low.get(parent), low.get(f.node())));
        }
        if (low.get(f.node()).equals(index.get(f.node()))) {
          List<String> component = new ArrayList<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(f.node()));
          if (component.size() > 1 || selfLoops.contains(f.node())) {
            java.util.Collections.reverse(component);
            Node first = graph.node(component.getFirst()).orElseThrow();
            out.add(
                Problem.error(
                    "graph.cycle",
                    "these nodes form a cycle, so none of them can run first: "
                        + String.join(" -> ", component)
                        + (component.size() > 1 ? " -> " + component.getFirst() : " -> itself"),
                    at(first),
                    "remove one of the wires in the loop"));
          }
        }
      }
    }

    private void checkFiles() {
      Path base = pipeline.baseDir().toAbsolutePath().normalize();
      List<String> outside = new ArrayList<>();
      for (Node n : graph.nodes()) {
        NodeSpec spec = specs.get(n.id());
        if (spec == null) {
          continue;
        }
        for (ParamSpec ps : spec.params()) {
          if (!(ps instanceof FileParam fp) || fp.mode() == FileParam.Mode.SAVE) {
            continue;
          }
          Object v = n.params().get(ps.name()).orElse(ps.defaultValue());
          if (!(v instanceof String s) || s.isBlank()) {
            continue;
          }
          Location where = pipeline.paramLocation(n.id(), n.displayTitle(), ps.name());
          Path resolved;
          try {
            resolved = base.resolve(s).toAbsolutePath().normalize();
          } catch (InvalidPathException e) {
            out.add(
                Problem.error("file.bad-path", "\"" + s + "\" is not a valid path", where, null));
            continue;
          }
          boolean exists =
              fp.mode() == FileParam.Mode.FOLDER
                  ? Files.isDirectory(resolved)
                  : Files.isRegularFile(resolved);
          if (!exists) {
            out.add(
                Problem.error(
                    "file.missing",
                    (fp.mode() == FileParam.Mode.FOLDER ? "the folder " : "the file ")
                        + resolved
                        + " does not exist",
                    where,
                    "choose an existing "
                        + (fp.mode() == FileParam.Mode.FOLDER ? "folder" : "file")
                        + " (relative paths start at "
                        + base
                        + ")"));
          }
          if (!resolved.startsWith(base)) {
            outside.add(resolved + " (node \"" + n.id() + "\", " + ps.name() + ")");
          }
        }
      }
      if (!outside.isEmpty()) {
        out.add(
            Problem.warning(
                "file.outside",
                "the pipeline reads "
                    + outside.size()
                    + " file(s) outside its folder, which a shared copy would also try to read: "
                    + String.join("; ", outside),
                Location.file(pipeline.sourceName()),
                "copy the files next to the pipeline and use relative paths"));
      }
    }

    private void checkGroups() {
      for (var g : graph.groups()) {
        for (String member : g.nodes()) {
          if (!graph.hasNode(member)) {
            out.add(
                Problem.warning(
                    "group.unknown-node",
                    "group \""
                        + g.title()
                        + "\" lists node \""
                        + member
                        + "\", which does not exist",
                    Location.file(pipeline.sourceName()).withDetail("group \"" + g.id() + "\""),
                    "it is ignored; saving the pipeline drops it"));
          }
        }
      }
    }

    private String names(List<Port> ports) {
      return String.join(", ", ports.stream().map(p -> p.name() + " (" + p.type() + ")").toList());
    }
  }
}
