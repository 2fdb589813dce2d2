package dev.weft.pipelines.nodes;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node types available to pipelines: the built-ins and plugins, found through {@link
 * ServiceLoader}. Immutable once built.
 */
public final class NodeCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCatalog.class);

  private final Map<String, NodeType> byId;
  private final List<String> loadProblems;

  private NodeCatalog(Map<String, NodeType> byId, List<String> loadProblems) {
    this.byId = byId;
    this.loadProblems = List.copyOf(loadProblems);
  }

  /** A catalog of exactly these types (tests, embedded use). */
  public static NodeCatalog of(Collection<? extends NodeType> types) {
    Map<String, NodeType> map = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (NodeType t : types) {
      add(map, problems, t, "given");
    }
    return new NodeCatalog(map, problems);
  }

  /** The node types visible to a class loader through ServiceLoader. */
  public static NodeCatalog load(ClassLoader loader) {
    Map<String, NodeType> map = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    loadInto(map, problems, loader, "the class path");
    return new NodeCatalog(map, problems);
  }

  /**
   * The built-in node types plus those in plugin jars found in {@code pluginDir} (each jar gets a
   * class loader of its own, so one broken plugin does not hide the others).
   */
  public static NodeCatalog loadWithPlugins(ClassLoader loader, Path pluginDir) {
    Map<String, NodeType> map = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    loadInto(map, problems, loader, "the class path");
    if (pluginDir != null && Files.isDirectory(pluginDir)) {
      try (Stream<Path> jars = Files.list(pluginDir)) {
        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
          try {
            URLClassLoader pluginLoader =
                new URLClassLoader(
                    "weft-plugin-" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, loader);
            loadInto(map, problems, pluginLoader, "plugin " + jar);
          } catch (MalformedURLException e) {
            problems.add("plugin " + jar + " could not be opened: " + e.getMessage());
          }
        }
      } catch (IOException e) {
        problems.add("the plugin folder " + pluginDir + " could not be read: " + e.getMessage());
      }
    }
    return new NodeCatalog(map, problems);
  }

  private static void loadInto(
      Map<String, NodeType> map, List<String> problems, ClassLoader loader, String source) {
    ServiceLoader<NodeType> services = ServiceLoader.load(NodeType.class, loader);
    var it = services.iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        NodeType t = it.next();
        if (loader instanceof URLClassLoader && t.getClass().getClassLoader() != loader) {
          continue; // already loaded from a parent loader
        }
        add(map, problems, t, source);
      } catch (ServiceConfigurationError | RuntimeException e) {
        problems.add("a node type from " + source + " failed to load: " + e.getMessage());
        LOG.warn("a node type from {} failed to load", source, e);
      }
    }
  }

  private static void add(
      Map<String, NodeType> map, List<String> problems, NodeType t, String source) {
    NodeSpec spec = t.spec();
    NodeType prior = map.putIfAbsent(spec.id(), t);
    if (prior != null) {
      problems.add(
          "node type "
              + spec.id()
              + " from "
              + source
              + " is ignored: "
              + prior.getClass().getName()
              + " already provides it");
    }
  }

  public Optional<NodeType> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** All types, sorted by category then display name. */
  public List<NodeType> all() {
    return byId.values().stream()
        .sorted(
            Comparator.comparing((NodeType t) -> t.spec().category())
                .thenComparing(t -> t.spec().displayName()))
        .toList();
  }

  public int size() {
    return byId.size();
  }

  /** Problems met while loading (broken or clashing plugins), for the log and `weft doctor`. */
  public List<String> loadProblems() {
    return loadProblems;
  }

  /** The known ids closest to an unknown one, best first (for "did you mean"). */
  public List<String> closest(String unknown, int max) {
    String u = unknown.toLowerCase(Locale.ROOT);
    record Scored(String id, int distance) {}
    return byId.keySet().stream()
        .map(id -> new Scored(id, distance(u, id.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance <= Math.max(3, u.length() / 2))
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::id))
        .limit(max)
        .map(Scored::id)
        .toList();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
