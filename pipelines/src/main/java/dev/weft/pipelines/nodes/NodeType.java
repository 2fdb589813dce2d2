package dev.weft.pipelines.nodes;

import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import java.nio.file.Path;
import java.util.List;

/**
 * An entry in the node catalog: what a node declares ({@link #spec()}) and what it does ({@link
 * #execute}). Built-in types and plugins alike are found through {@link java.util.ServiceLoader},
 * so a plugin is a jar with a {@code META-INF/services/dev.weft.pipelines.nodes.NodeType} entry.
 *
 * <p>{@code execute} reads inputs and parameters from the context, reports progress and previews,
 * checks for cancellation between steps, and sets every output port. It runs on the lane the type
 * asks for; it must not touch any UI. Throw a {@link dev.weft.pipelines.WeftException} (see {@link
 * NodeContext#error}) for problems a person can fix; anything else is reported as an internal error
 * of the node.
 */
public interface NodeType {

  NodeSpec spec();

  void execute(NodeContext context) throws Exception;

  /**
   * The inputs of a node with these parameters. Most types have fixed inputs ({@code
   * spec().inputs()}); a template node, say, grows an input for each placeholder it names.
   */
  default List<Port> inputs(Params params) {
    return spec().inputs();
  }

  /**
   * What outside the graph the result depends on, such as the size and modification time of a file
   * the node reads, so that a changed file invalidates cached results. Empty for most types.
   */
  default String fingerprint(Params params, Path pipelineDir) {
    return "";
  }

  /** The lane for a node with these parameters (a model node may run locally or in the cloud). */
  default Lane lane(Params params) {
    return spec().lane();
  }

  /**
   * What identifies the model this node would use with these parameters (an id plus the hash of its
   * files), so that a changed model invalidates cached results. Empty for nodes without one.
   */
  default String modelIdentity(Params params, Services services) {
    return "";
  }

  /**
   * Problems with this node that only the type can see (a missing model, a missing key for the
   * cloud, parameters that conflict), found before a run. Parameter types and ranges, required
   * inputs and files are checked by the validator already.
   */
  default List<NodeIssue> check(Node node, CheckContext context) {
    return List.of();
  }

  /**
   * Brings a node saved by an older version of this type up to the current version (renamed or
   * re-scaled parameters, say). Called only when {@code node.version() < spec().version()}; the
   * default keeps the parameters and takes the new version.
   */
  default Node upgrade(Node node) {
    return node.withVersion(spec().version());
  }
}
