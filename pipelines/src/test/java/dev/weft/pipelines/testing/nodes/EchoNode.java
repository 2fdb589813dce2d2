package dev.weft.pipelines.testing.nodes;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpecs;

/** Test node: text in (optional), the text plus a suffix out; records that it ran. */
public final class EchoNode implements NodeType {
  public static final String ID = "test.echo";
  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Echo")
          .category("Test")
          .input(Port.optional("in", PortType.TEXT))
          .output(Port.of("out", PortType.TEXT))
          .param(ParamSpecs.string("suffix", "Suffix", ""))
          .param(ParamSpecs.integer("count", "Count", 1, 0, 10))
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    context.services().find(ExecutionLog.class).ifPresent(l -> l.record(context.node().id()));
    String in = context.optionalInput("in", TextAsset.class).map(TextAsset::text).orElse("");
    context.output("out", TextAsset.of(in + context.string("suffix")));
  }
}
