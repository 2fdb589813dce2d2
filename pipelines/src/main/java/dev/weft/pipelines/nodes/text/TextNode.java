package dev.weft.pipelines.nodes.text;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;

/** A piece of text typed into the node: a prompt, a question, a caption. */
public final class TextNode implements NodeType {
  public static final String ID = "text.literal";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Text")
          .category("Text")
          .description("A piece of text you type: a prompt, a question, a caption.")
          .output(Port.of("text", PortType.TEXT))
          .param(new ParamSpec.TextParam("text", "Text", "The text this node outputs.", "", true))
          .keywords("prompt", "string", "literal")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    context.output("text", TextAsset.of(context.string("text")));
  }
}
