package dev.weft.pipelines.testing.nodes;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpecs;

/** Test node that fails on demand: with a located error, or with an internal exception. */
public final class FailNode implements NodeType {
  public static final String ID = "test.fail";
  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Fail")
          .category("Test")
          .input(Port.optional("in", PortType.TEXT))
          .output(Port.of("out", PortType.TEXT))
          .param(ParamSpecs.bool("fail", "Fail", true))
          .param(ParamSpecs.bool("internal", "Crash instead", false))
          .param(ParamSpecs.string("message", "Message", "asked to fail"))
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    context.services().find(ExecutionLog.class).ifPresent(l -> l.record(context.node().id()));
    if (context.bool("fail")) {
      if (context.bool("internal")) {
        throw new IllegalStateException(context.string("message"));
      }
      throw context.error(context.string("message"), "set fail to false");
    }
    context.output("out", TextAsset.of("ok"));
  }
}
