package dev.weft.pipelines.testing.protocol;

import dev.weft.pipelines.backends.dashscope.AsyncTaskClient;
import dev.weft.pipelines.backends.dashscope.DashScopeClient;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.http.CloudHttp;
import dev.weft.pipelines.backends.http.HttpOptions;
import dev.weft.pipelines.backends.http.Redactor;
import dev.weft.pipelines.backends.http.RetryPolicy;
import dev.weft.pipelines.backends.http.Sleeper;
import dev.weft.pipelines.backends.openai.OpenAiChatClient;
import dev.weft.pipelines.settings.DashScopeEndpoints;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Real clients wired to a {@link ProtocolTestServer}, with instant recorded waits and seeded
 * randomness: what the backend tests (here and in app) build on.
 */
public final class CloudTestKit implements AutoCloseable {
  public final ProtocolTestServer server;
  public final RecordingSleeper sleeper = new RecordingSleeper();
  public final Redactor redactor = new Redactor();
  public final AtomicBoolean offline = new AtomicBoolean();
  public final CloudHttp http;

  public CloudTestKit() {
    this(HttpOptions.defaults().withRequestTimeout(Duration.ofSeconds(20)));
  }

  public CloudTestKit(HttpOptions options) {
    this(ProtocolTestServer.start(), options, null);
  }

  /** With a real sleeper (for cancel and benchmark runs that must actually wait). */
  public CloudTestKit(ProtocolTestServer server, HttpOptions options, Sleeper realSleeper) {
    this.server = server;
    this.http =
        new CloudHttp(
            options,
            redactor,
            realSleeper != null ? realSleeper : sleeper,
            new SplittableRandom(7),
            offline::get);
  }

  public DashScopeClient dashScope() {
    return dashScope(ProtocolTestServer.KEY);
  }

  public DashScopeClient dashScope(String key) {
    return new DashScopeClient(
        http, new DashScopeEndpoints(server.baseUrl(), "test server"), () -> key);
  }

  public AsyncTaskClient tasks() {
    return tasks(sleeper);
  }

  public AsyncTaskClient tasks(Sleeper s) {
    return new AsyncTaskClient(
        dashScope(),
        s,
        new PollCadence(Duration.ofMillis(10), 3, Duration.ofMillis(50)),
        RetryPolicy.standard(),
        new SplittableRandom(11));
  }

  /** A chat client on DashScope's compatible mode. */
  public OpenAiChatClient compatChat() {
    return new OpenAiChatClient(
        http,
        "DashScope",
        server.baseUrl() + "/compatible-mode/v1",
        () -> Optional.of(ProtocolTestServer.KEY),
        24000);
  }

  /** A chat client on the generic self-hosted server (no key). */
  public OpenAiChatClient selfHostedChat() {
    return new OpenAiChatClient(http, "gpu-box", server.openAiBase(), Optional::empty, 24000);
  }

  public OpenAiChatClient vllmOmniChat() {
    return new OpenAiChatClient(http, "omni-box", server.vllmOmniBase(), Optional::empty, 24000);
  }

  @Override
  public void close() {
    http.close();
    server.close();
  }
}
