package dev.weft.pipelines.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The studio's cloud and backend settings: where DashScope calls go, the named OpenAI-compatible
 * endpoints, the model table, the default backend policy and the offline switch. Holds no secret:
 * keys live in a {@link SecretStore} and are found by id.
 */
public record Settings(
    boolean offline,
    BackendPolicy backendPolicy,
    DashScopeSettings dashscope,
    List<OpenAiEndpoint> endpoints,
    CloudModels models) {
  public static final int VERSION = 1;

  public Settings {
    Objects.requireNonNull(backendPolicy, "backendPolicy");
    Objects.requireNonNull(dashscope, "dashscope");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(models, "models");
    List<String> seen = new ArrayList<>();
    for (OpenAiEndpoint e : endpoints) {
      if (seen.stream().anyMatch(n -> n.equalsIgnoreCase(e.name()))) {
        throw new IllegalArgumentException("two endpoints are named \"" + e.name() + "\"");
      }
      seen.add(e.name());
    }
  }

  public static Settings defaults(CloudModels models) {
    return new Settings(false, BackendPolicy.AUTO, DashScopeSettings.defaults(), List.of(), models);
  }

  public Optional<OpenAiEndpoint> endpoint(String name) {
    return endpoints.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
  }

  public Settings withOffline(boolean o) {
    return new Settings(o, backendPolicy, dashscope, endpoints, models);
  }

  public Settings withDashScope(DashScopeSettings d) {
    return new Settings(offline, backendPolicy, d, endpoints, models);
  }

  public Settings withBackendPolicy(BackendPolicy p) {
    return new Settings(offline, p, dashscope, endpoints, models);
  }

  /** Adds an endpoint, or replaces the one with the same name. */
  public Settings withEndpoint(OpenAiEndpoint endpoint) {
    List<OpenAiEndpoint> list = new ArrayList<>();
    for (OpenAiEndpoint e : endpoints) {
      if (!e.name().equalsIgnoreCase(endpoint.name())) {
        list.add(e);
      }
    }
    list.add(endpoint);
    return new Settings(offline, backendPolicy, dashscope, list, models);
  }

  public Settings withoutEndpoint(String name) {
    return new Settings(
        offline,
        backendPolicy,
        dashscope,
        endpoints.stream().filter(e -> !e.name().equalsIgnoreCase(name)).toList(),
        models);
  }
}
