package dev.weft.pipelines.nodes.values;

import dev.weft.assets.NumberAsset;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;

/** A random seed shared by several generating nodes, so one change re-rolls them all. */
public final class SeedNode implements NodeType {
  public static final String ID = "number.seed";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Seed")
          .category("Values")
          .description(
              "A seed for generating nodes. The same seed with the same inputs gives the same"
                  + " result; randomise it in the inspector for a new one.")
          .output(Port.of("seed", PortType.NUMBER))
          .param(new ParamSpec.SeedParam("seed", "Seed", "The seed value.", 42, true))
          .keywords("random", "reproducible")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    context.output("seed", NumberAsset.of(context.integer("seed")));
  }
}
