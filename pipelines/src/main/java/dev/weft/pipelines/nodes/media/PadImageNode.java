package dev.weft.pipelines.nodes.media;

import dev.weft.assets.ImageAsset;
import dev.weft.assets.image.ImageTransforms;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;

/** Adds borders around an image. */
public final class PadImageNode implements NodeType {
  public static final String ID = "image.pad";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Pad image")
          .category("Image")
          .description("Adds borders of the given widths in a colour.")
          .input(Port.of("image", PortType.IMAGE))
          .output(Port.of("image", PortType.IMAGE))
          .param(new ParamSpec.IntParam("top", "Top", "Pixels added above.", 0, 0, 16384, 1, true))
          .param(
              new ParamSpec.IntParam(
                  "right", "Right", "Pixels added on the right.", 0, 0, 16384, 1, true))
          .param(
              new ParamSpec.IntParam(
                  "bottom", "Bottom", "Pixels added below.", 0, 0, 16384, 1, true))
          .param(
              new ParamSpec.IntParam(
                  "left", "Left", "Pixels added on the left.", 0, 0, 16384, 1, true))
          .param(
              new ParamSpec.StringParam(
                  "colour",
                  "Colour",
                  "#RRGGBB, #AARRGGBB, black, white or transparent.",
                  "transparent",
                  false))
          .lane(Lane.CPU)
          .keywords("border", "margin", "canvas", "extend")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    ImageAsset in = context.input("image", ImageAsset.class);
    int fill =
        Colours.parse(context.string("colour"))
            .orElseThrow(() ->
                context.paramError(
                    "colour",
                    "'" + context.string("colour") + "' is not a colour",
                    "write it as #RRGGBB, #AARRGGBB, black, white or transparent"));
    long w = in.width() + context.integer("left") + context.integer("right");
    long h = in.height() + context.integer("top") + context.integer("bottom");
    if (w * h > 268_435_456L) {
      throw context.error(
          "padding would make a " + w + "x" + h + " image, beyond 256 megapixels",
          "use smaller borders");
    }
    context.output(
        "image",
        ImageTransforms.pad(
            in,
            (int) context.integer("top"),
            (int) context.integer("right"),
            (int) context.integer("bottom"),
            (int) context.integer("left"),
            fill));
  }
}
