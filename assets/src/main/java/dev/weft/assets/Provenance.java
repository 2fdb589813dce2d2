package dev.weft.assets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which pipeline, node, parameters, model and seed made an asset, and with which backend and Weft
 * version. Never holds a key or secret: callers pass parameters that are already free of them.
 */
public record Provenance(
    String pipeline,
    String nodeId,
    String nodeType,
    int nodeTypeVersion,
    Map<String, Object> params,
    String model,
    String modelHash,
    Long seed,
    String backend,
    String weftVersion) {

  public Provenance {
    params =
        params == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Provenance for an asset that came from outside any pipeline (an imported file, say). */
  public static Provenance external(String weftVersion) {
    return new Provenance(null, null, null, 0, Map.of(), null, null, null, null, weftVersion);
  }

  public Provenance withBackend(String newBackend) {
    return new Provenance(
        pipeline,
        nodeId,
        nodeType,
        nodeTypeVersion,
        params,
        model,
        modelHash,
        seed,
        newBackend,
        weftVersion);
  }

  public Provenance withModel(String newModel, String newModelHash) {
    return new Provenance(
        pipeline,
        nodeId,
        nodeType,
        nodeTypeVersion,
        params,
        newModel,
        newModelHash,
        seed,
        backend,
        weftVersion);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Provenance p
        && Objects.equals(pipeline, p.pipeline)
        && Objects.equals(nodeId, p.nodeId)
        && Objects.equals(nodeType, p.nodeType)
        && nodeTypeVersion == p.nodeTypeVersion
        && params.equals(p.params)
        && Objects.equals(model, p.model)
        && Objects.equals(modelHash, p.modelHash)
        && Objects.equals(seed, p.seed)
        && Objects.equals(backend, p.backend)
        && Objects.equals(weftVersion, p.weftVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pipeline, nodeId, nodeType, nodeTypeVersion, params, model, seed, backend);
  }
}
