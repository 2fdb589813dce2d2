package dev.weft.pipelines.nodes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The services a composition root makes available to node types (settings, secrets, the model
 * registry, backend clients, the model worker...), looked up by type. Immutable once built.
 */
public final class Services {
  public static final Services NONE = new Services(Map.of());

  private final Map<Class<?>, Object> byType;

  private Services(Map<Class<?>, Object> byType) {
    this.byType = Map.copyOf(byType);
  }

  public static Builder builder() {
    return new Builder(new HashMap<>());
  }

  /** A builder starting from these services, to add or replace some. */
  public Builder toBuilder() {
    return new Builder(new HashMap<>(byType));
  }

  public <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(type.cast(byType.get(type)));
  }

  /** The service, or an IllegalStateException naming the missing type. */
  public <T> T get(Class<T> type) {
    return find(type)
        .orElseThrow(() ->
            new IllegalStateException(
                "no " + type.getSimpleName() + " was configured for this run"));
  }

  /** Collects services by type. */
  public static final class Builder {
    private final Map<Class<?>, Object> byType;

    private Builder(Map<Class<?>, Object> byType) {
      this.byType = byType;
    }

    public <T> Builder put(Class<T> type, T service) {
      byType.put(type, type.cast(service));
      return this;
    }

    public Services build() {
      return new Services(byType);
    }
  }
}
