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

/** Cuts a rectangle out of an image. */
public final class CropImageNode implements NodeType {
  public static final String ID = "image.crop";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Crop image")
          .category("Image")
          .description(
              "Keeps the rectangle at (x, y) of the given size; width or height 0 runs to the"
                  + " image's edge.")
          .input(Port.of("image", PortType.IMAGE))
          .output(Port.of("image", PortType.IMAGE))
          .param(new ParamSpec.IntParam("x", "Left", "Left edge in pixels.", 0, 0, 65535, 1, true))
          .param(new ParamSpec.IntParam("y", "Top", "Top edge in pixels.", 0, 0, 65535, 1, true))
          .param(
              new ParamSpec.IntParam(
                  "width",
                  "Width",
                  "Width in pixels (0: to the right edge).",
                  0,
                  0,
                  65535,
                  1,
                  true))
          .param(
              new ParamSpec.IntParam(
                  "height",
                  "Height",
                  "Height in pixels (0: to the bottom edge).",
                  0,
                  0,
                  65535,
                  1,
                  true))
          .lane(Lane.CPU)
          .keywords("cut", "trim", "region", "rectangle")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    ImageAsset in = context.input("image", ImageAsset.class);
    int x = (int) context.integer("x");
    int y = (int) context.integer("y");
    if (x >= in.width() || y >= in.height()) {
      throw context.paramError(
          x >= in.width() ? "x" : "y",
          "the crop starts at ("
              + x
              + ", "
              + y
              + "), outside the "
              + in.width()
              + "x"
              + in.height()
              + " image",
          "choose a start inside the image");
    }
    int w = (int) context.integer("width");
    int h = (int) context.integer("height");
    w = w == 0 ? in.width() - x : Math.min(w, in.width() - x);
    h = h == 0 ? in.height() - y : Math.min(h, in.height() - y);
    context.output("image", ImageTransforms.crop(in, x, y, w, h));
  }
}
