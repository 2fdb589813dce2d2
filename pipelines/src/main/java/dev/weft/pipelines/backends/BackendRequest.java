package dev.weft.pipelines.backends;

import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.settings.DashScopeService;
import java.util.Objects;

/**
 * What a model node asks the {@link BackendResolver}: its family, whether it has a local path at
 * all, where its remote calls go, the policy in force and whether the network is off limits.
 *
 * @param family the catalog family, e.g. {@code vision}
 * @param label the family as people know it, for messages, e.g. {@code Qwen3-VL}
 * @param task the catalog task for local models (null: any)
 * @param canRunLocally whether the node type has a local path for this family at all (Wan2.5 and
 *     the Omni models have none; their "local" is a server on this machine)
 * @param service the DashScope service that serves the family, or null when DashScope does not
 * @param endpoint the named OpenAI-compatible endpoint to use instead of DashScope; blank for
 *     DashScope
 * @param policy where the node may run (see {@link BackendResolver#effectivePolicy})
 * @param offline whether nothing may leave this machine
 */
public record BackendRequest(
    String family,
    String label,
    String task,
    boolean canRunLocally,
    DashScopeService service,
    String endpoint,
    BackendPolicy policy,
    boolean offline) {

  public BackendRequest {
    Objects.requireNonNull(family, "family");
    label = label == null ? family : label;
    endpoint = endpoint == null ? "" : endpoint.strip();
    Objects.requireNonNull(policy, "policy");
  }

  public boolean usesEndpoint() {
    return !endpoint.isEmpty();
  }
}
