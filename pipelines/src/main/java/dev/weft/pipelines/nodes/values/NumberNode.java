package dev.weft.pipelines.nodes.values;

import dev.weft.assets.NumberAsset;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;

/** A number typed into the node, to feed a numeric input of several nodes at once. */
public final class NumberNode implements NodeType {
  public static final String ID = "number.literal";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Number")
          .category("Values")
          .description("A number you type, to feed numeric inputs.")
          .output(Port.of("number", PortType.NUMBER))
          .param(
              new ParamSpec.FloatParam(
                  "value", "Value", "The number this node outputs.", 0, -1e12, 1e12, 1, true))
          .keywords("value", "constant", "integer", "float")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    context.output("number", NumberAsset.of(context.number("value")));
  }
}
