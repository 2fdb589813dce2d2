package dev.weft.pipelines.engine;

import dev.weft.assets.ContentHash;
import dev.weft.pipelines.graph.Conversion;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A node's cache key: the hash of its type id and version, its effective parameters (defaults
 * filled in, so "unset" and "set to the default" agree), the hashes of the values arriving at each
 * input (with the conversion each wire applies), and its model identity. Seeds are parameters, so
 * they are part of the key.
 */
final class CacheKeys {
  private CacheKeys() {}

  /** A value arriving at an input: the upstream asset's hash and the wire's conversion. */
  record Arrival(String hash, Conversion conversion) {}

  static String key(
      NodeSpec spec,
      List<Port> inputPorts,
      Params params,
      Map<String, List<Arrival>> inputs,
      String modelIdentity,
      String fingerprint) {
    ContentHash h = ContentHash.of("weft-node-key-v1");
    h.update(spec.id()).update(spec.version());
    h.update(spec.params().size());
    for (ParamSpec ps : spec.params()) {
      Object v = params.get(ps.name()).orElse(ps.defaultValue());
      h.update(ps.name()).update(canonical(v));
    }
    h.update(inputPorts.size());
    for (Port p : inputPorts) {
      List<Arrival> arrivals = inputs.getOrDefault(p.name(), List.of());
      h.update(p.name()).update(arrivals.size());
      for (Arrival a : arrivals) {
        h.update(a.hash()).update(a.conversion().name());
      }
    }
    h.update(modelIdentity == null ? "" : modelIdentity);
    h.update(fingerprint == null ? "" : fingerprint);
    return h.hex();
  }

  /** A stable text form of a normalised parameter value (type-tagged, sorted maps). */
  static String canonical(Object v) {
    StringBuilder sb = new StringBuilder();
    append(sb, v);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v) {
    switch (v) {
      case String s -> sb.append('s').append(s.length()).append(':').append(s);
      case Long l -> sb.append('i').append(l).append(';');
      case Double d -> sb.append('f').append(Double.doubleToLongBits(d)).append(';');
      case Boolean b -> sb.append(b ? "T" : "F");
      case List<?> list -> {
        sb.append('[').append(list.size()).append(':');
        for (Object item : list) {
          append(sb, item);
        }
        sb.append(']');
      }
      case SortedMap<?, ?> map -> {
        sb.append('{').append(map.size()).append(':');
        map.forEach((k, val) -> {
          append(sb, String.valueOf(k));
          append(sb, val);
        });
        sb.append('}');
      }
      case Map<?, ?> map -> append(sb, new java.util.TreeMap<>(map));
      default -> sb.append('?').append(v);
    }
  }
}
