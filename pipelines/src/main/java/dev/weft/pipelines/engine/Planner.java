package dev.weft.pipelines.engine;

import dev.weft.pipelines.engine.CacheKeys.Arrival;
import dev.weft.pipelines.graph.Conversion;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.Services;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Works out a {@link Plan} for a valid graph: run set, order, cache keys and cache hits. */
public final class Planner {
  private final NodeCatalog catalog;
  private final Services services;

  public Planner(NodeCatalog catalog, Services services) {
    this.catalog = catalog;
    this.services = services;
  }

  public Plan plan(
      Graph graph, Project project, RunOptions options, java.nio.file.Path pipelineDir) {
    project.store().refresh(); // another process may have collected assets since the last plan
    Set<String> runSet = runSet(graph, options.targets());
    List<String> order = order(graph, runSet);
    Map<String, String> keys = new HashMap<>();
    Map<String, Map<String, String>> cached = new HashMap<>();
    Set<String> toRun = new HashSet<>();
    for (String id : order) {
      Node node = graph.node(id).orElseThrow();
      NodeType type = type(node);
      NodeSpec spec = type.spec();
      Map<String, List<Arrival>> arrivals = arrivals(graph, node, type, cached);
      if (arrivals == null) {
        toRun.add(id); // an upstream node runs, so this key is known only later
        continue;
      }
      String key = key(type, node, arrivals, pipelineDir);
      keys.put(id, key);
      Map<String, String> hit =
          options.useCache() && !spec.alwaysRun() ? lookup(project, spec, key) : null;
      if (hit != null) {
        cached.put(id, hit);
      } else {
        toRun.add(id);
      }
    }
    return new Plan(order, keys, cached, toRun);
  }

  NodeType type(Node node) {
    return catalog
        .find(node.type())
        .orElseThrow(() ->
            new IllegalStateException(
                "unknown node type " + node.type() + " in a validated graph"));
  }

  String key(
      NodeType type,
      Node node,
      Map<String, List<Arrival>> arrivals,
      java.nio.file.Path pipelineDir) {
    return CacheKeys.key(
        type.spec(),
        type.inputs(node.params()),
        node.params(),
        arrivals,
        type.modelIdentity(node.params(), services),
        type.fingerprint(node.params(), pipelineDir));
  }

  /**
   * The values arriving at each input, from producers' output hashes; null when a producer's
   * outputs are not known yet.
   */
  Map<String, List<Arrival>> arrivals(
      Graph graph, Node node, NodeType type, Map<String, Map<String, String>> outputsByNode) {
    Map<String, List<Arrival>> out = new HashMap<>();
    for (Edge e : graph.incoming(node.id())) {
      Map<String, String> produced = outputsByNode.get(e.from().node());
      if (produced == null) {
        return null;
      }
      String hash = produced.get(e.from().port());
      if (hash == null) {
        return null;
      }
      out.computeIfAbsent(e.to().port(), k -> new ArrayList<>(1))
          .add(new Arrival(hash, conversion(graph, e, type, node)));
    }
    return out;
  }

  /** The conversion a wire of a validated graph applies on the way into {@code toNode}. */
  Conversion conversion(Graph graph, Edge e, NodeType toType, Node toNode) {
    Node from = graph.node(e.from().node()).orElseThrow();
    Port out = type(from).spec().output(e.from().port()).orElseThrow();
    Port in =
        toType.inputs(toNode.params()).stream()
            .filter(p -> p.name().equals(e.to().port()))
            .findFirst()
            .orElseThrow();
    return Conversion.between(out.type(), in.type())
        .orElseThrow(
            () -> new IllegalStateException("mistyped wire " + e + " in a validated graph"));
  }

  private Map<String, String> lookup(Project project, NodeSpec spec, String key) {
    return project
        .cache()
        .lookup(key)
        .filter(
            e -> e.outputs().keySet().containsAll(spec.outputs().stream().map(Port::name).toList()))
        .filter(e -> e.outputs().values().stream().allMatch(project.store()::knownToContain))
        .map(ResultCache.Entry::outputs)
        .orElse(null);
  }

  /** The targets and everything they depend on; all nodes when there are no targets. */
  static Set<String> runSet(Graph graph, Set<String> targets) {
    if (targets.isEmpty()) {
      Set<String> all = new LinkedHashSet<>();
      graph.nodes().forEach(n -> all.add(n.id()));
      return all;
    }
    Set<String> out = new LinkedHashSet<>();
    ArrayDeque<String> work = new ArrayDeque<>(targets);
    while (!work.isEmpty()) {
      String id = work.pop();
      if (out.add(id)) {
        for (Edge e : graph.incoming(id)) {
          work.push(e.from().node());
        }
      }
    }
    return out;
  }

  /** Kahn's topological order of the run set, ties kept in file order. */
  static List<String> order(Graph graph, Set<String> runSet) {
    Map<String, Integer> indegree = new HashMap<>();
    for (String id : runSet) {
      Set<String> producers = new HashSet<>();
      for (Edge e : graph.incoming(id)) {
        if (runSet.contains(e.from().node())) {
          producers.add(e.from().node());
        }
      }
      indegree.put(id, producers.size());
    }
    ArrayDeque<String> ready = new ArrayDeque<>();
    Set<String> seeded = new HashSet<>();
    for (Node n : graph.nodes()) {
      if (runSet.contains(n.id()) && indegree.get(n.id()) == 0 && seeded.add(n.id())) {
        ready.add(n.id());
      }
    }
    List<String> order = new ArrayList<>(runSet.size());
    Set<String> done = new HashSet<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      if (!done.add(id)) {
        continue;
      }
      order.add(id);
      Set<String> consumers = new LinkedHashSet<>();
      for (Edge e : graph.outgoing(id)) {
        consumers.add(e.to().node());
      }
      for (String c : consumers) {
        if (runSet.contains(c) && indegree.merge(c, -1, Integer::sum) == 0) {
          ready.add(c);
        }
      }
    }
    if (order.size() != runSet.size()) {
      throw new IllegalStateException("the graph has a cycle; validation should have caught it");
    }
    return order;
  }
}
