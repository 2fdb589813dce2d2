package dev.weft.pipelines.graph;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node's parameter values: an immutable, key-sorted map of JSON-like values. Values are
 * normalised on the way in: whole numbers become {@link Long}, other numbers {@link Double}, lists
 * and maps become immutable. Absent means "use the type's default".
 */
public final class Params {
  public static final Params EMPTY = new Params(Collections.emptySortedMap());

  private final SortedMap<String, Object> values;

  private Params(SortedMap<String, Object> values) {
    this.values = values;
  }

  public static Params of(Map<String, ?> values) {
    TreeMap<String, Object> copy = new TreeMap<>();
    values.forEach((k, v) -> copy.put(k, normalise(k, v)));
    return copy.isEmpty() ? EMPTY : new Params(Collections.unmodifiableSortedMap(copy));
  }

  public static Params of(String key, Object value) {
    return of(Map.of(key, value));
  }

  /** Normalises a JSON-like value; rejects anything else with the key named. */
  public static Object normalise(String key, Object v) {
    return switch (v) {
      case null -> throw new IllegalArgumentException("parameter '" + key + "' is null");
      case String s -> s;
      case Boolean b -> b;
      case Integer i -> i.longValue();
      case Long l -> l;
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case BigInteger bi -> {
        if (bi.bitLength() > 63) {
          throw new IllegalArgumentException("parameter '" + key + "' is too large: " + bi);
        }
        yield bi.longValue();
      }
      case Number n -> normaliseNumber(key, n);
      case List<?> list -> {
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
          out.add(normalise(key, item));
        }
        yield Collections.unmodifiableList(out);
      }
      case Map<?, ?> map -> {
        TreeMap<String, Object> out = new TreeMap<>();
        map.forEach((mk, mv) -> out.put(String.valueOf(mk), normalise(key + "." + mk, mv)));
        yield Collections.unmodifiableSortedMap(out);
      }
      default ->
          throw new IllegalArgumentException(
              "parameter '"
                  + key
                  + "' has a value of unsupported type "
                  + v.getClass().getSimpleName());
    };
  }

  private static Object normaliseNumber(String key, Number n) {
    double d = n instanceof BigDecimal bd ? bd.doubleValue() : n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("parameter '" + key + "' is not a finite number: " + n);
    }
    if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return (long) d;
    }
    return d;
  }

  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public Params with(String key, Object value) {
    TreeMap<String, Object> copy = new TreeMap<>(values);
    copy.put(key, normalise(key, value));
    return new Params(Collections.unmodifiableSortedMap(copy));
  }

  public Params without(String key) {
    if (!values.containsKey(key)) {
      return this;
    }
    TreeMap<String, Object> copy = new TreeMap<>(values);
    copy.remove(key);
    return copy.isEmpty() ? EMPTY : new Params(Collections.unmodifiableSortedMap(copy));
  }

  /** The values, sorted by key, unmodifiable. */
  public SortedMap<String, Object> asMap() {
    return values;
  }

  public int size() {
    return values.size();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Params p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
