package dev.weft.pipelines.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvProxySelectorTest {
  @Test
  void httpsUsesHttpsProxy() {
    EnvProxySelector s = new EnvProxySelector(Map.of("HTTPS_PROXY", "http://proxy.corp:3128"));
    Proxy p = s.select(URI.create("https://huggingface.co/x")).getFirst();
    assertThat(p.type()).isEqualTo(Proxy.Type.HTTP);
    assertThat(((InetSocketAddress) p.address()).getHostString()).isEqualTo("proxy.corp");
    assertThat(((InetSocketAddress) p.address()).getPort()).isEqualTo(3128);
  }

  @Test
  void lowerCaseNamesAreHonoured() {
    EnvProxySelector s = new EnvProxySelector(Map.of("http_proxy", "proxy:8080"));
    assertThat(s.select(URI.create("http://example.org/")).getFirst().type())
        .isEqualTo(Proxy.Type.HTTP);
  }

  @Test
  void noProxySuffixGoesDirect() {
    EnvProxySelector s =
        new EnvProxySelector(
            Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "localhost,.internal.example"));
    assertThat(s.select(URI.create("https://models.internal.example/x")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(s.select(URI.create("https://huggingface.co/x")).getFirst().type())
        .isEqualTo(Proxy.Type.HTTP);
  }

  @Test
  void withoutSettingsEverythingGoesDirect() {
    EnvProxySelector s = new EnvProxySelector(Map.of());
    assertThat(s.configured()).isFalse();
    assertThat(s.select(URI.create("https://huggingface.co/x"))).containsExactly(Proxy.NO_PROXY);
  }
}
