package dev.weft.pipelines.backends.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.Fault;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer.Route;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudHttpTest {
  private final CloudTestKit kit = new CloudTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  private HttpCall models() {
    return HttpCall.get(
            "DashScope",
            "model list",
            URI.create(kit.server.baseUrl() + "/compatible-mode/v1/models"))
        .bearer(ProtocolTestServer.KEY);
  }

  @Test
  void throttledCallIsRetriedAfterTheServersRetryAfter() {
    kit.server.failNext(Route.MODELS, Fault.throttled(3));
    HttpReply r = kit.http.send(models(), CancelSignal.none());
    assertThat(r.status()).isEqualTo(200);
    assertThat(kit.sleeper.waits()).hasSize(1);
    assertThat(kit.sleeper.waits().getFirst()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void badKeyFailsAtOnceWithAnAuthHintAndTheRequestId() {
    HttpCall call = models().bearer("sk-wrong-key-0000000000");
    assertThatThrownBy(() -> kit.http.send(call, CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CloudException.Kind.AUTH);
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.hint()).get().asString().contains("region");
              assertThat(e.requestId()).isNotBlank();
            });
    assertThat(kit.sleeper.waits()).isEmpty();
  }

  @Test
  void internalErrorsAreRetriedThenReported() {
    kit.server.failNext(
        Route.MODELS, Fault.internalError(), Fault.internalError(), Fault.internalError());
    assertThatThrownBy(() -> kit.http.send(models(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class, e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.SERVER));
    assertThat(kit.server.requests("GET", "/compatible-mode/v1/models")).hasSize(3);
  }

  @Test
  void unavailableServerIsRetried() {
    kit.server.failNext(Route.MODELS, Fault.unavailable(), Fault.gatewayTimeout());
    assertThat(kit.http.send(models(), CancelSignal.none()).status()).isEqualTo(200);
    assertThat(kit.sleeper.waits()).hasSize(2);
  }

  @Test
  void droppedConnectionIsRetriedForReads() {
    kit.server.failNext(Route.MODELS, Fault.drop());
    assertThat(kit.http.send(models(), CancelSignal.none()).status()).isEqualTo(200);
    assertThat(kit.server.requests("GET", "/compatible-mode/v1/models")).hasSize(2);
  }

  @Test
  void offlineForbidsACallToAnotherMachineBeforeAnyByteIsSent() {
    kit.offline.set(true);
    // TEST-NET-1: never routed, so a call that got out would hang or fail differently
    HttpCall call =
        HttpCall.get("DashScope", "model list", URI.create("http://192.0.2.10:8000/v1/models"));
    assertThatThrownBy(() -> kit.http.send(call, CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CloudException.Kind.OFFLINE);
              assertThat(e.getMessage()).contains("192.0.2.10").contains("Offline");
            });
  }

  @Test
  void offlineStillReachesAServerOnThisMachine() {
    kit.offline.set(true);
    assertThat(kit.http.send(models(), CancelSignal.none()).status()).isEqualTo(200);
    assertThat(kit.server.requests()).hasSize(1);
  }

  @Test
  void offlineReachesLocalhostByName() {
    kit.offline.set(true);
    HttpCall call =
        HttpCall.get(
                "DashScope",
                "model list",
                URI.create("http://localhost:" + kit.server.port() + "/compatible-mode/v1/models"))
            .bearer(ProtocolTestServer.KEY);
    assertThat(kit.http.send(call, CancelSignal.none()).status()).isEqualTo(200);
  }

  @Test
  void offlineDoesNotFollowARedirectAwayFromThisMachine() throws Exception {
    HttpServer redirector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    redirector.createContext(
        "/",
        ex -> {
          try (ex) {
            ex.getResponseHeaders().set("Location", "http://192.0.2.10/elsewhere");
            ex.sendResponseHeaders(302, -1);
          }
        });
    redirector.start();
    try {
      kit.offline.set(true);
      HttpCall call =
          HttpCall.get(
              "gpu-box",
              "model list",
              URI.create("http://127.0.0.1:" + redirector.getAddress().getPort() + "/v1/models"));
      assertThatThrownBy(() -> kit.http.send(call, CancelSignal.none()))
          .isInstanceOfSatisfying(
              CloudException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(CloudException.Kind.OFFLINE);
                assertThat(e.getMessage()).contains("redirected to http://192.0.2.10/elsewhere");
              });
    } finally {
      redirector.stop(0);
    }
  }

  @Test
  void anOfflineViewRefusesWhileTheSharedInstanceStaysOnline() {
    CloudHttp offlineRun = kit.http.withOffline(() -> true);
    HttpCall away =
        HttpCall.get("DashScope", "model list", URI.create("https://dashscope.example/v1/models"));
    assertThatThrownBy(() -> offlineRun.send(away, CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class, e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.OFFLINE));
    offlineRun.close();
    assertThat(kit.http.offline()).isFalse();
    assertThat(kit.http.send(models(), CancelSignal.none()).status()).isEqualTo(200);
  }

  @Test
  void aCancelledSignalStopsTheCallBeforeItStarts() {
    CancelSignal cancel = new CancelSignal();
    cancel.cancel();
    assertThatThrownBy(() -> kit.http.send(models(), cancel))
        .isInstanceOf(CancelledException.class);
  }

  @Test
  void cancelAbortsASlowCallInFlight() throws Exception {
    kit.server.failNext(Route.MODELS, Fault.slow(Duration.ofSeconds(30)));
    CancelSignal cancel = new CancelSignal();
    Thread canceller =
        Thread.ofVirtual()
            .start(() -> {
              while (kit.server.requests().isEmpty()) {
                Thread.onSpinWait();
              }
              cancel.cancel();
            });
    assertThatThrownBy(() -> kit.http.send(models(), cancel))
        .isInstanceOf(CancelledException.class);
    canceller.join();
  }

  @Test
  void downloadWritesTheWholeFileAtomically(@TempDir Path dir) {
    // a task must exist for its video to be served
    var tasks = kit.tasks();
    String id =
        tasks.create(
            "video task",
            "/services/aigc/video-generation/video-synthesis",
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("model", "wan2.5-t2v-preview")
                .set(
                    "input",
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .put("prompt", "p")),
            false,
            CancelSignal.none());
    Path target = dir.resolve("v.mp4");
    long n =
        kit.http.download(
            HttpCall.get(
                "DashScope",
                "video download",
                URI.create(kit.server.baseUrl() + "/files/" + id + ".mp4")),
            target,
            b -> {},
            CancelSignal.none());
    assertThat(n).isEqualTo(kit.server.mp4().length);
    assertThat(target).hasBinaryContent(kit.server.mp4());
    assertThat(dir.resolve("v.mp4.part")).doesNotExist();
  }

  @Test
  void failedDownloadLeavesNoFile(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("missing.mp4");
    assertThatThrownBy(() ->
            kit.http.download(
                HttpCall.get(
                    "DashScope",
                    "video download",
                    URI.create(kit.server.baseUrl() + "/files/nope.mp4")),
                target,
                b -> {},
                CancelSignal.none()))
        .isInstanceOf(CloudException.class);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void retryAfterAsHttpDateIsRead() {
    var headers =
        java.net.http.HttpHeaders.of(
            java.util.Map.of(
                "Retry-After",
                java.util.List.of(
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30)))),
            (a, b) -> true);
    assertThat(CloudHttp.retryAfter(headers))
        .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
  }
}
