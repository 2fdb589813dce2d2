package dev.weft.pipelines.backends;

import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.nodes.CheckContext;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.DashScopeService;
import dev.weft.pipelines.settings.Settings;
import java.util.List;
import java.util.Optional;

/**
 * The parameters every cloud-capable model node shares, {@code backend} (where it may run) and
 * {@code endpoint} (which server its remote calls go to), and the {@link BackendRequest} they make
 * at run time and when a pipeline is checked.
 */
public final class BackendParams {
  public static final String BACKEND = "backend";
  public static final String ENDPOINT = "endpoint";

  /** The {@code backend} value that follows the pipeline (and, for Auto, the studio default). */
  public static final String DEFAULT = "default";

  private BackendParams() {}

  /** The node's backend policy choice. */
  public static ParamSpec.EnumParam backend() {
    return new ParamSpec.EnumParam(
        BACKEND,
        "Backend",
        "Where this node runs. Default follows the pipeline (and for Auto, the studio's setting).",
        DEFAULT,
        List.of(
            new ParamSpec.EnumParam.Option(DEFAULT, "Default (the pipeline's)"),
            new ParamSpec.EnumParam.Option("auto", "Auto (local when installed, else cloud)"),
            new ParamSpec.EnumParam.Option("local", "Local only (this machine)"),
            new ParamSpec.EnumParam.Option("cloud", "Cloud or server only")),
        false);
  }

  /** The named endpoint for remote calls; empty means DashScope (when it serves the family). */
  public static ParamSpec.StringParam endpoint(String whenEmpty) {
    return new ParamSpec.StringParam(
        ENDPOINT,
        "Endpoint",
        "A named OpenAI-compatible server from Settings > Cloud (vLLM, Ollama, LM Studio, ...);"
            + " empty: "
            + whenEmpty
            + ".",
        "",
        true);
  }

  /** The request a node makes while it runs. */
  public static BackendRequest request(
      NodeContext context,
      String family,
      String label,
      String task,
      boolean canRunLocally,
      DashScopeService service) {
    Optional<Settings> settings = settings(context.services());
    return new BackendRequest(
        family,
        label,
        task,
        canRunLocally,
        service,
        context.spec().param(ENDPOINT).isPresent() ? context.string(ENDPOINT) : "",
        BackendResolver.effectivePolicy(
            context.string(BACKEND),
            context.backendPolicy(),
            settings.map(Settings::backendPolicy).orElse(null)),
        offline(context.services(), context.offline()));
  }

  /** The request a node would make, for the checks before a run. */
  public static BackendRequest request(
      Node node,
      CheckContext context,
      String family,
      String label,
      String task,
      boolean canRunLocally,
      DashScopeService service) {
    Optional<Settings> settings = settings(context.services());
    return new BackendRequest(
        family,
        label,
        task,
        canRunLocally,
        service,
        node.params().get(ENDPOINT).map(Object::toString).orElse(""),
        BackendResolver.effectivePolicy(
            node.params().get(BACKEND).map(Object::toString).orElse(DEFAULT),
            context.backendPolicy() == null ? BackendPolicy.AUTO : context.backendPolicy(),
            settings.map(Settings::backendPolicy).orElse(null)),
        offline(context.services(), context.offline()));
  }

  /**
   * What a node's result depends on beyond its inputs: the backend and endpoint it asks for and the
   * model it would use (the default from the settings when it names none), so that a change of any
   * of them reruns the node rather than serving the cached answer.
   */
  public static String identity(
      dev.weft.pipelines.graph.Params params,
      Services services,
      String family,
      java.util.function.Function<Settings, String> dashScopeDefault) {
    String backend = params.get(BACKEND).map(Object::toString).orElse(DEFAULT);
    String endpoint = params.get(ENDPOINT).map(Object::toString).orElse("").strip();
    String model = params.get("model").map(Object::toString).orElse("").strip();
    if (model.isEmpty()) {
      Optional<Settings> s = settings(services);
      if (s.isEmpty()) {
        model = "(default)";
      } else if (endpoint.isEmpty()) {
        model = dashScopeDefault.apply(s.get());
      } else {
        model =
            s.get()
                .endpoint(endpoint)
                .flatMap(e -> e.models().stream().findFirst())
                .orElse("(the endpoint's first model)");
      }
    }
    return family + "|" + backend + "|" + endpoint + "|" + model;
  }

  /**
   * Tells the run which backend and model the node uses (shown on the node, kept in provenance),
   * and, when the run is offline, that the backend is on this machine.
   */
  public static void report(
      NodeContext context, BackendRequest request, BackendChoice choice, String model) {
    context.reportBackend(choice.id(), model);
    if (request.offline()) {
      context.log("Offline: " + choice.id() + " is on this machine, so the call may go");
    }
  }

  /** The current settings, or empty when the services hold no cloud clients or they are broken. */
  /**
   * The policy in force for a node whose backend parameter says {@code nodeChoice}, under the run's
   * policy and the studio's default from the settings ({@link BackendResolver#effectivePolicy}).
   */
  public static BackendPolicy policy(String nodeChoice, BackendPolicy run, Services services) {
    return BackendResolver.effectivePolicy(
        nodeChoice, run, settings(services).map(Settings::backendPolicy).orElse(null));
  }

  /** Whether nothing may leave this machine: the run says Offline, or the settings do. */
  public static boolean offline(Services services, boolean runOffline) {
    return runOffline || settings(services).map(Settings::offline).orElse(false);
  }

  static Optional<Settings> settings(Services services) {
    Optional<CloudClients> clients = services.find(CloudClients.class);
    if (clients.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(clients.get().settings());
    } catch (dev.weft.pipelines.WeftException e) {
      return Optional.empty(); // the resolver reports the broken file at the node
    }
  }
}
