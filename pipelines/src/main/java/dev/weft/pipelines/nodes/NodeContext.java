package dev.weft.pipelines.nodes;

import dev.weft.assets.Asset;
import dev.weft.assets.Provenance;
import dev.weft.assets.store.AssetStore;
import dev.weft.assets.store.FileAssetStore;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a node sees while it executes: its parameters (defaults applied, types checked), its inputs
 * (conversions applied), where to put outputs, how to report progress, previews and log lines, the
 * cancellation signal, and the run's environment.
 */
public interface NodeContext {

  String runId();

  /** The node as it is in the graph for this run (with command-line overrides applied). */
  Node node();

  NodeSpec spec();

  // ---- parameters ----

  /** The value of a parameter, or its default. */
  Object param(String name);

  String string(String name);

  long integer(String name);

  double number(String name);

  boolean bool(String name);

  /** A path parameter resolved against the pipeline's folder; empty when blank. */
  Optional<Path> path(String name);

  /** Resolves a path as written in the pipeline file against the pipeline's folder. */
  Path resolve(String path);

  // ---- inputs ----

  /** Whether at least one wire feeds this input. */
  boolean hasInput(String port);

  /** The value of a connected input; throws a located error when it is missing or mistyped. */
  <T extends Asset> T input(String port, Class<T> type);

  <T extends Asset> Optional<T> optionalInput(String port, Class<T> type);

  /** All items arriving at a list input, in wire order (lists are joined). */
  <T extends Asset> List<T> inputList(String port, Class<T> itemType);

  // ---- outputs and feedback ----

  /** Sets an output; every output port must be set before execute returns. */
  void output(String port, Asset value);

  /** Progress in [0, 1] (or negative when unknown) with a short message. */
  void progress(double fraction, String message);

  /** A partial result to show while the node runs (streamed text, a latent preview...). */
  void preview(Asset partial);

  void log(String message);

  void warn(String message);

  Cancellation cancellation();

  /**
   * Tells the run which backend this node is using (e.g. "local", "cloud:dashscope",
   * "server:my-vllm") and which model; shown on the node and recorded in the provenance of the
   * node's outputs.
   */
  void reportBackend(String backend, String model);

  // ---- environment ----

  AssetStore store();

  /** The folder of the pipeline file (relative paths resolve here). */
  Path pipelineDir();

  /**
   * The project's state folder ({@code .weft}, beside the store), where a node keeps what must
   * outlive the run, such as the cloud tasks it is still waiting for.
   */
  default Path projectStateDir() {
    if (store() instanceof FileAssetStore f && f.root().getParent() != null) {
      return f.root().getParent();
    }
    return pipelineDir().resolve(".weft");
  }

  /** The run's output folder, where save nodes write files. */
  Path outputDir();

  Services services();

  /** When true, no network call may be made. */
  boolean offline();

  BackendPolicy backendPolicy();

  /** Provenance for assets this node makes (pipeline, node, parameters, seed, version). */
  Provenance provenance();

  /** A pipeline file's JSON for embedding in outputs, when the run came from one. */
  Optional<String> pipelineJson();

  /** An error located at this node (and the parameter or port, when named) with a fix. */
  default WeftException error(String message, String hint) {
    return new WeftException(
        message, dev.weft.pipelines.Location.node(node().id(), node().displayTitle()), hint);
  }

  default WeftException paramError(String param, String message, String hint) {
    return new WeftException(
        message,
        dev.weft.pipelines.Location.node(node().id(), node().displayTitle()).withParam(param),
        hint);
  }
}
