package dev.weft.pipelines.models.catalog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxies from the environment, as curl and most tools read them: {@code HTTPS_PROXY}, {@code
 * HTTP_PROXY} (either case) and {@code NO_PROXY} (host suffixes, or {@code *}). The JDK's client
 * does not read these itself.
 */
public final class EnvProxySelector extends ProxySelector {
  private static final Logger LOG = LoggerFactory.getLogger(EnvProxySelector.class);
  private final Optional<InetSocketAddress> https;
  private final Optional<InetSocketAddress> http;
  private final List<String> noProxy;

  public EnvProxySelector(Map<String, String> env) {
    this.https = parse(first(env, "HTTPS_PROXY", "https_proxy"));
    this.http = parse(first(env, "HTTP_PROXY", "http_proxy"));
    List<String> np = new ArrayList<>();
    String raw = first(env, "NO_PROXY", "no_proxy");
    if (raw != null) {
      for (String s : raw.split(",")) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          np.add(t.startsWith(".") ? t.substring(1) : t);
        }
      }
    }
    this.noProxy = List.copyOf(np);
  }

  /** True when the environment names any proxy. */
  public boolean configured() {
    return https.isPresent() || http.isPresent();
  }

  private static String first(Map<String, String> env, String a, String b) {
    String v = env.get(a);
    return v != null && !v.isBlank() ? v : env.get(b);
  }

  private static Optional<InetSocketAddress> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    URI u = URI.create(v.contains("://") ? v : "http://" + v);
    if (u.getHost() == null) {
      LOG.warn("ignoring the proxy setting '{}': no host in it", value);
      return Optional.empty();
    }
    int port = u.getPort() > 0 ? u.getPort() : (u.getScheme().equals("https") ? 443 : 80);
    return Optional.of(InetSocketAddress.createUnresolved(u.getHost(), port));
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    for (String np : noProxy) {
      if (np.equals("*") || host.equals(np) || host.endsWith("." + np)) {
        return List.of(Proxy.NO_PROXY);
      }
    }
    Optional<InetSocketAddress> p =
        "https".equalsIgnoreCase(uri.getScheme()) ? https.or(() -> http) : http;
    return p.map(a -> List.of(new Proxy(Proxy.Type.HTTP, a))).orElse(List.of(Proxy.NO_PROXY));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    LOG.warn("could not reach the proxy {} for {}: {}", sa, uri, ioe.getMessage());
  }
}
