package dev.weft.pipelines.cli;

import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.DashScopeSettings;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The options every one-shot model command shares ({@code --endpoint}, {@code --model}, {@code
 * --json}, ...), as a picocli mixin, and what they mean for the run.
 */
public final class OneShotOptions {
  /** The name given to an endpoint that exists only for one command. */
  public static final String COMMAND_LINE_ENDPOINT = "command-line";

  @Option(
      names = "--endpoint",
      paramLabel = "URL|NAME",
      description =
          "An OpenAI-compatible server's URL (e.g. http://localhost:8000/v1) or the name of an"
              + " endpoint from Settings; for `weft video`, the DashScope host to use.")
  public String endpoint;

  @Option(
      names = "--endpoint-type",
      paramLabel = "TYPE",
      description = "What kind of server --endpoint URL is: openai, vllm, vllm-omni or ollama.")
  public String endpointType;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "The model id (default: from Settings, or the server's first model).")
  public String model;

  @Option(names = "--json", description = "Print one JSON event per line instead of text.")
  public boolean json;

  @Option(names = "--offline", description = "Call nothing but servers on this machine.")
  public boolean offline;

  @Option(
      names = "--backend",
      paramLabel = "auto|local|cloud",
      description = "Where the model runs (default: the studio's setting).")
  public String backend;

  @Option(
      names = "--project",
      paramLabel = "DIR",
      description =
          "The project folder whose store, cache and pending tasks the run uses (default: the"
              + " current folder).")
  public Path project;

  public Path projectDir() {
    return (project == null ? Path.of("") : project).toAbsolutePath().normalize();
  }

  /** The node's {@code backend} parameter for {@code --backend}, or empty for the default. */
  public Optional<String> backendParam() {
    return backend == null
        ? Optional.empty()
        : Optional.of(backend.strip().toLowerCase(Locale.ROOT));
  }

  /** What {@code --endpoint} asks for, once read. */
  public sealed interface Endpoint {
    /** No {@code --endpoint}: DashScope, or the node's default. */
    record None() implements Endpoint {}

    /** An endpoint from the settings, by name. */
    record Named(String name) implements Endpoint {}

    /** A server given by URL, for this command only. */
    record Url(OpenAiEndpoint endpoint) implements Endpoint {}
  }

  /**
   * Reads {@code --endpoint} as a configured name or as a URL.
   *
   * @param defaultType the server type a bare URL is taken for
   * @throws IllegalArgumentException naming what is wrong with the value
   */
  public Endpoint endpoint(Services services, EndpointType defaultType) {
    if (endpoint == null || endpoint.isBlank()) {
      return new Endpoint.None();
    }
    String e = endpoint.strip();
    Optional<Settings> settings = services.find(CloudClients.class).map(CloudClients::settings);
    if (settings.isPresent() && settings.get().endpoint(e).isPresent()) {
      return new Endpoint.Named(settings.get().endpoint(e).get().name());
    }
    if (!e.contains("://")) {
      throw new IllegalArgumentException(
          "--endpoint \""
              + e
              + "\" is neither a URL nor the name of an endpoint in Settings"
              + settings
                  .filter(s -> !s.endpoints().isEmpty())
                  .map(s ->
                      " (known: "
                          + String.join(
                              ", ", s.endpoints().stream().map(OpenAiEndpoint::name).toList())
                          + ")")
                  .orElse(""));
    }
    EndpointType type;
    if (endpointType != null && !endpointType.isBlank()) {
      type = EndpointType.of(endpointType.strip());
    } else if (e.replaceAll("/+$", "").endsWith("/compatible-mode/v1")) {
      type = EndpointType.DASHSCOPE; // a DashScope compatible-mode URL pasted as it is
    } else {
      type = defaultType;
    }
    // the key for a server given by URL: the DashScope key for DashScope, else OPENAI_API_KEY
    OpenAiEndpoint adHoc =
        new OpenAiEndpoint(
            COMMAND_LINE_ENDPOINT,
            e,
            type,
            type == EndpointType.DASHSCOPE ? Secrets.DASHSCOPE : Secrets.OPENAI,
            null);
    return new Endpoint.Url(adHoc);
  }

  /** The services with a command-line endpoint added to the cloud clients' settings. */
  public static UnaryOperator<Services> withEndpoint(OpenAiEndpoint adHoc) {
    return services ->
        services
            .find(CloudClients.class)
            .map(c ->
                services.toBuilder()
                    .put(CloudClients.class, c.with(s -> s.withEndpoint(adHoc), Map.of()))
                    .build())
            .orElse(services);
  }

  /** The services with DashScope calls going to {@code host} (as DASHSCOPE_BASE_URL would). */
  public static UnaryOperator<Services> withDashScopeHost(String host) {
    return services ->
        services
            .find(CloudClients.class)
            .map(c ->
                services.toBuilder()
                    .put(
                        CloudClients.class,
                        c.with(
                            UnaryOperator.identity(), Map.of(DashScopeSettings.BASE_URL_ENV, host)))
                    .build())
            .orElse(services);
  }
}
