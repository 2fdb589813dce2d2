package dev.weft.pipelines.settings;

import java.net.URI;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where DashScope calls go: a region preset, optionally replaced by a workspace host for all
 * services or for one service. The environment variable {@code DASHSCOPE_BASE_URL} overrides both
 * (protocol spec, section D).
 *
 * @param region the preset used when no host is given
 * @param workspaceHost a host for every service, e.g. {@code
 *     https://ws1.ap-southeast-1.maas.aliyuncs.com}
 * @param serviceHosts hosts for single services, taking precedence over {@code workspaceHost}
 */
public record DashScopeSettings(
    Region region, String workspaceHost, Map<DashScopeService, String> serviceHosts) {
  public static final String BASE_URL_ENV = "DASHSCOPE_BASE_URL";

  public DashScopeSettings {
    Objects.requireNonNull(region, "region");
    workspaceHost = workspaceHost == null || workspaceHost.isBlank() ? null : host(workspaceHost);
    Map<DashScopeService, String> m = new EnumMap<>(DashScopeService.class);
    if (serviceHosts != null) {
      serviceHosts.forEach((k, v) -> {
        if (v != null && !v.isBlank()) {
          m.put(k, host(v));
        }
      });
    }
    serviceHosts = Map.copyOf(m);
  }

  public static DashScopeSettings defaults() {
    return new DashScopeSettings(Region.SINGAPORE, null, Map.of());
  }

  public DashScopeSettings withRegion(Region r) {
    return new DashScopeSettings(r, workspaceHost, serviceHosts);
  }

  public DashScopeSettings withWorkspaceHost(String h) {
    return new DashScopeSettings(region, h, serviceHosts);
  }

  public DashScopeSettings withServiceHost(DashScopeService service, String h) {
    Map<DashScopeService, String> m = new EnumMap<>(DashScopeService.class);
    m.putAll(serviceHosts);
    if (h == null || h.isBlank()) {
      m.remove(service);
    } else {
      m.put(service, h);
    }
    return new DashScopeSettings(region, workspaceHost, m);
  }

  /** The endpoints for a service, given the process environment. */
  public DashScopeEndpoints endpoints(DashScopeService service, Map<String, String> env) {
    String fromEnv = env.get(BASE_URL_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new DashScopeEndpoints(host(fromEnv), BASE_URL_ENV);
    }
    String own = serviceHosts.get(service);
    if (own != null) {
      return new DashScopeEndpoints(own, service.id() + " workspace host");
    }
    if (workspaceHost != null) {
      return new DashScopeEndpoints(workspaceHost, "workspace host");
    }
    return new DashScopeEndpoints(region.host(), "region " + region.id());
  }

  /**
   * Reduces a URL to scheme, host and port, dropping a trailing {@code /api/v1} or {@code
   * /compatible-mode/v1} so that either kind of base URL can be pasted.
   */
  static String host(String url) {
    String s = url.strip();
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    URI u;
    try {
      u = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + url + "\" is not a URL: " + e.getMessage(), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "\"" + url + "\" must start with https:// (or http:// for a local test server)");
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException("\"" + url + "\" has no host name");
    }
    String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
    for (String known : new String[] {"/api/v1", "/compatible-mode/v1"}) {
      if (path.endsWith(known)) {
        path = path.substring(0, path.length() - known.length());
      }
    }
    return scheme + "://" + u.getRawAuthority() + path;
  }
}
