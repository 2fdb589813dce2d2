package dev.weft.pipelines.backends.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "LOCALHOST",
        "localhost.",
        "vllm.localhost",
        "127.0.0.1",
        "127.1.2.3",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1",
        "::0:1",
        "::ffff:127.0.0.1"
      })
  void theseHostsAreThisMachine(String host) {
    assertThat(LoopbackHosts.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dashscope-intl.aliyuncs.com",
        "localhost.example.com",
        "mylocalhost",
        "10.0.0.5",
        "192.168.1.20",
        "128.0.0.1",
        "127.0.0",
        "127.0.0.256",
        "0.0.0.0",
        "::",
        "::2",
        "1::1",
        "::ffff:10.0.0.1",
        "fe80::1",
        ""
      })
  void theseHostsAreElsewhere(String host) {
    assertThat(LoopbackHosts.isLoopback(host)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://127.0.0.1:8000/v1", "http://[::1]:1234/v1", "http://localhost/v1/models"})
  void urlsOnThisMachineAreLoopback(String url) {
    assertThat(LoopbackHosts.isLoopback(URI.create(url))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://dashscope.aliyuncs.com/api/v1", "oss://bucket/key", "data:,x"})
  void otherUrlsAreNot(String url) {
    assertThat(LoopbackHosts.isLoopback(URI.create(url))).isFalse();
  }
}
