package dev.weft.pipelines.backends;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.openai.OpenAiChatClient;
import dev.weft.pipelines.settings.DashScopeService;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import java.util.List;

/**
 * The chat client a model node talks to on the backend it was given, and the model it names: the
 * node's own model when it gives one, else the family default from the settings (DashScope) or the
 * endpoint's first model (as listed in the settings, or else as the server lists it now).
 *
 * @param endpoint the named endpoint, or null for DashScope
 */
public record ChatTarget(OpenAiChatClient client, String model, OpenAiEndpoint endpoint) {

  /** The endpoint's type, or {@link EndpointType#DASHSCOPE} for DashScope itself. */
  public EndpointType type() {
    return endpoint == null ? EndpointType.DASHSCOPE : endpoint.type();
  }

  public boolean isDashScope() {
    return endpoint == null;
  }

  /**
   * @param choice a {@link BackendChoice.DashScope} or {@link BackendChoice.Endpoint}
   * @param requestedModel the node's model parameter; blank for the default
   * @param dashScopeDefault the family's default DashScope model from the settings
   */
  public static ChatTarget of(
      CloudClients clients,
      BackendChoice choice,
      DashScopeService service,
      String requestedModel,
      String dashScopeDefault,
      CancelSignal cancel) {
    String wanted = requestedModel == null ? "" : requestedModel.strip();
    return switch (choice) {
      case BackendChoice.DashScope d ->
          new ChatTarget(
              clients.dashScopeChat(service), wanted.isEmpty() ? dashScopeDefault : wanted, null);
      case BackendChoice.Endpoint e -> {
        OpenAiChatClient chat = clients.endpointChat(e.endpoint());
        String model = wanted;
        if (model.isEmpty()) {
          List<String> known = e.endpoint().models();
          if (known.isEmpty()) {
            known = chat.models(cancel);
          }
          if (known.isEmpty()) {
            throw new WeftException(
                "the endpoint \"" + e.endpoint().name() + "\" lists no models",
                Location.NONE.withParam("model"),
                "name the model the server runs in the node's model parameter",
                null);
          }
          model = known.getFirst();
        }
        yield new ChatTarget(chat, model, e.endpoint());
      }
      case BackendChoice.Local l ->
          throw new IllegalArgumentException("a local runner is not a chat target: " + l.id());
    };
  }
}
