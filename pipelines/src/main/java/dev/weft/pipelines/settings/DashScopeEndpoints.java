package dev.weft.pipelines.settings;

/**
 * The three base URLs one DashScope host serves, and where the host came from (for the settings
 * screen and error messages).
 *
 * @param host scheme and host, no path, e.g. {@code https://dashscope-intl.aliyuncs.com}
 * @param source what chose the host: a region preset, a workspace host, or the environment
 */
public record DashScopeEndpoints(String host, String source) {

  /** The native API base, e.g. {@code https://…/api/v1} (async tasks, uploads). */
  public String nativeBase() {
    return host + "/api/v1";
  }

  /** The OpenAI-compatible base, e.g. {@code https://…/compatible-mode/v1}. */
  public String compatibleBase() {
    return host + "/compatible-mode/v1";
  }

  /** The WebSocket inference URL (real-time speech). */
  public String webSocketInference() {
    return host.replaceFirst("^http", "ws") + "/api-ws/v1/inference";
  }

  /** The WebSocket realtime URL (Omni realtime sessions). */
  public String webSocketRealtime() {
    return host.replaceFirst("^http", "ws") + "/api-ws/v1/realtime";
  }
}
