package dev.weft.pipelines.backends;

import dev.weft.pipelines.settings.DashScopeService;
import dev.weft.pipelines.settings.OpenAiEndpoint;

/**
 * Where a model node runs, as the {@link BackendResolver} chose it: a local runner, DashScope, or a
 * named OpenAI-compatible server. {@link #id()} is what the node shows and provenance records.
 */
public sealed interface BackendChoice {

  /** {@code local:<runner>}, {@code cloud:dashscope} or {@code server:<endpoint name>}. */
  String id();

  /** Whether calls stay on this machine (a local runner, or a server on a loopback address). */
  boolean onThisMachine();

  /** A runner of the model worker, with the installed catalog model it loads. */
  record Local(String runner, String modelId) implements BackendChoice {
    @Override
    public String id() {
      return "local:" + runner;
    }

    @Override
    public boolean onThisMachine() {
      return true;
    }
  }

  /**
   * DashScope (Model Studio) for one service, at the host the settings (or {@code
   * DASHSCOPE_BASE_URL}) name.
   */
  record DashScope(DashScopeService service, String host) implements BackendChoice {
    @Override
    public String id() {
      return "cloud:dashscope";
    }

    @Override
    public boolean onThisMachine() {
      return dev.weft.pipelines.backends.http.LoopbackHosts.isLoopback(java.net.URI.create(host));
    }
  }

  /** A named OpenAI-compatible server from the settings. */
  record Endpoint(OpenAiEndpoint endpoint) implements BackendChoice {
    @Override
    public String id() {
      return "server:" + endpoint.name();
    }

    @Override
    public boolean onThisMachine() {
      return dev.weft.pipelines.backends.http.LoopbackHosts.isLoopback(
          java.net.URI.create(endpoint.baseUrl()));
    }
  }
}
