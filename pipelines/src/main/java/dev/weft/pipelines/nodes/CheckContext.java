package dev.weft.pipelines.nodes;

import dev.weft.pipelines.graph.BackendPolicy;
import java.nio.file.Path;

/**
 * What a node type may consult when checking a node before a run: the pipeline's folder, the
 * services, whether the run is offline, and the pipeline's backend policy (model nodes check that
 * they have somewhere to run).
 */
public record CheckContext(
    Path pipelineDir, Services services, boolean offline, BackendPolicy backendPolicy) {

  public CheckContext {
    backendPolicy = backendPolicy == null ? BackendPolicy.AUTO : backendPolicy;
  }

  /** A context for a pipeline whose policy is Auto. */
  public CheckContext(Path pipelineDir, Services services, boolean offline) {
    this(pipelineDir, services, offline, BackendPolicy.AUTO);
  }
}
