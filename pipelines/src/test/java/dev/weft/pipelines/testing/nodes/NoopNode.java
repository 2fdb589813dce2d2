package dev.weft.pipelines.testing.nodes;

import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpecs;

/** Test node that does nothing and has no outputs: what remains of a run is the engine's cost. */
public final class NoopNode implements NodeType {
  public static final String ID = "test.noop";
  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "No-op")
          .category("Test")
          .input(Port.optional("in", PortType.ANY))
          .param(ParamSpecs.integer("n", "N", 0, 0, Integer.MAX_VALUE))
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {}
}
