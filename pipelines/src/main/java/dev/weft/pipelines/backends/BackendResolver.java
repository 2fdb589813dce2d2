package dev.weft.pipelines.backends;

import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Settings;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses where a model node runs (DESIGN "Local first, cloud on purpose"):
 *
 * <ul>
 *   <li><b>Auto</b>: a local runner when one exists for the family and its model is installed, else
 *       the node's remote (DashScope or its named endpoint) when that is configured.
 *   <li><b>Local only</b>: on this machine: a local runner, or an endpoint on a loopback address (a
 *       vLLM or LM Studio on localhost).
 *   <li><b>Cloud only</b>: the node's remote, never a local runner.
 *   <li><b>Offline</b> (a switch on top of the policy): nothing leaves this machine, so only local
 *       runners and loopback servers may be chosen; anything else is refused, saying so.
 * </ul>
 *
 * It never touches the network, so it also serves the checks made before a run.
 */
public final class BackendResolver {
  private final LocalModels local;
  private final CloudClients cloud;

  /**
   * @param cloud the cloud clients, or null when the run has none (then no remote is configured)
   */
  public BackendResolver(LocalModels local, CloudClients cloud) {
    this.local = local;
    this.cloud = cloud;
  }

  /**
   * The resolver over what a composition root offers ({@link LocalModels}, {@link CloudClients}).
   */
  public static BackendResolver from(Services services) {
    return new BackendResolver(
        services.find(LocalModels.class).orElse(LocalModels.NONE),
        services.find(CloudClients.class).orElse(null));
  }

  /**
   * The policy in force for a node: its own choice unless it says {@code default}; a pipeline's
   * Auto defers to the studio's default from the settings.
   *
   * @param nodeChoice the node's {@code backend} parameter: default, auto, local or cloud
   * @param pipeline the run's policy (the pipeline's, or the one given for the run)
   * @param studio the default policy from the settings
   */
  public static BackendPolicy effectivePolicy(
      String nodeChoice, BackendPolicy pipeline, dev.weft.pipelines.settings.BackendPolicy studio) {
    String c = nodeChoice == null ? "" : nodeChoice.strip().toLowerCase(Locale.ROOT);
    if (!c.isEmpty() && !c.equals(BackendParams.DEFAULT)) {
      return BackendPolicy.parse(c);
    }
    if (pipeline != null && pipeline != BackendPolicy.AUTO) {
      return pipeline;
    }
    return studio == null ? BackendPolicy.AUTO : BackendPolicy.parse(studio.id());
  }

  /** The settings the resolver sees, or empty when the run has no cloud clients. */
  public Optional<Settings> settings() {
    return cloud == null ? Optional.empty() : Optional.of(cloud.settings());
  }

  public Resolution resolve(BackendRequest r) {
    Remote remote = remote(r);
    LocalOption here =
        r.canRunLocally()
            ? local.find(r.family(), r.task())
            : LocalOption.none(
                "Weft has no local runner for " + r.label() + " in this build", null);
    return switch (r.policy()) {
      case LOCAL -> {
        if (here.available()) {
          yield new Resolution.Chosen(new BackendChoice.Local(here.runner(), here.modelId()));
        }
        if (remote.choice() != null && remote.choice().onThisMachine()) {
          yield new Resolution.Chosen(remote.choice());
        }
        yield new Resolution.Unavailable(
            BackendParams.BACKEND,
            "the backend is Local only, but "
                + here.reason()
                + (r.usesEndpoint() && remote.choice() != null
                    ? ", and the endpoint \"" + r.endpoint() + "\" is not on this machine"
                    : ""),
            here.hint() != null
                ? here.hint()
                : "set the backend to Auto or Cloud, or use an endpoint on this machine"
                    + " (localhost)",
            false);
      }
      case CLOUD -> {
        if (remote.choice() == null) {
          yield remote.unavailable();
        }
        if (r.offline() && !remote.choice().onThisMachine()) {
          yield offline(r, remote, null);
        }
        yield new Resolution.Chosen(remote.choice());
      }
      case AUTO -> {
        if (here.available()) {
          yield new Resolution.Chosen(new BackendChoice.Local(here.runner(), here.modelId()));
        }
        if (remote.choice() == null) {
          Resolution.Unavailable u = remote.unavailable();
          yield new Resolution.Unavailable(
              u.param(),
              u.message() + " (and " + here.reason() + ")",
              here.hint() != null ? u.hint() + "; or " + here.hint() : u.hint(),
              u.offline());
        }
        if (r.offline() && !remote.choice().onThisMachine()) {
          yield offline(r, remote, here);
        }
        yield new Resolution.Chosen(remote.choice());
      }
    };
  }

  private static Resolution.Unavailable offline(BackendRequest r, Remote remote, LocalOption here) {
    String where = host(remote.choice());
    String message =
        "Weft is Offline, so nothing may leave this machine, but "
            + r.label()
            + " would run at "
            + where
            + (here != null ? " (" + here.reason() + ")" : "");
    String hint =
        "turn Offline off, or use an endpoint on this machine (localhost)"
            + (here != null && here.hint() != null ? "; or " + here.hint() : "");
    return new Resolution.Unavailable(
        r.usesEndpoint() ? BackendParams.ENDPOINT : BackendParams.BACKEND, message, hint, true);
  }

  private static String host(BackendChoice c) {
    String url =
        switch (c) {
          case BackendChoice.DashScope d -> d.host();
          case BackendChoice.Endpoint e -> e.endpoint().baseUrl();
          case BackendChoice.Local l -> "this machine";
        };
    try {
      URI u = URI.create(url);
      return u.getHost() == null ? url : u.getHost();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  /** The node's remote, or why it cannot be used. */
  private record Remote(BackendChoice choice, String param, String problem, String hint) {
    Resolution.Unavailable unavailable() {
      return new Resolution.Unavailable(param, problem, hint, false);
    }
  }

  private Remote remote(BackendRequest r) {
    if (cloud == null) {
      return new Remote(
          null,
          BackendParams.BACKEND,
          "no cloud or server backend is set up for this run",
          "configure DashScope or an endpoint in Settings > Cloud");
    }
    try {
      if (r.usesEndpoint()) {
        Settings s = cloud.settings();
        Optional<OpenAiEndpoint> e = s.endpoint(r.endpoint());
        if (e.isEmpty()) {
          return new Remote(
              null,
              BackendParams.ENDPOINT,
              "no endpoint is named \"" + r.endpoint() + "\"",
              s.endpoints().isEmpty()
                  ? "add one in Settings > Cloud > Endpoints, or leave the endpoint empty for"
                      + " DashScope"
                  : "known endpoints: "
                      + String.join(
                          ", ", s.endpoints().stream().map(OpenAiEndpoint::name).toList()));
        }
        return new Remote(new BackendChoice.Endpoint(e.get()), null, null, null);
      }
      if (r.service() == null) {
        return new Remote(
            null,
            BackendParams.ENDPOINT,
            "DashScope does not serve " + r.label() + " models",
            "name an OpenAI-compatible endpoint that does");
      }
      if (!cloud.dashScopeConfigured()) {
        return new Remote(
            null,
            BackendParams.BACKEND,
            "no DashScope API key is set",
            "enter it in Settings > Cloud or set DASHSCOPE_API_KEY, or name an endpoint");
      }
      return new Remote(
          new BackendChoice.DashScope(r.service(), cloud.dashScopeEndpoints(r.service()).host()),
          null,
          null,
          null);
    } catch (WeftException e) {
      // a broken settings file: say so at the node rather than fail the check
      return new Remote(
          null, BackendParams.BACKEND, e.getMessage(), e.hint().orElse("fix the settings"));
    }
  }
}
