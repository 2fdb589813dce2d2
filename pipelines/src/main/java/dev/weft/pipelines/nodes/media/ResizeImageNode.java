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
import dev.weft.pipelines.nodes.ParamSpec.EnumParam.Option;
import java.util.List;

/**
 * Scales an image (Lanczos-3, alpha-correct): stretched to a size, fitted inside it, filling it
 * (cropping the overflow) or fitted and padded to it (letterboxing).
 */
public final class ResizeImageNode implements NodeType {
  public static final String ID = "image.resize";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Resize image")
          .category("Image")
          .description(
              "Scales an image. With width or height 0 the other side follows the aspect ratio.")
          .input(Port.of("image", PortType.IMAGE))
          .output(Port.of("image", PortType.IMAGE))
          .param(
              new ParamSpec.IntParam(
                  "width",
                  "Width",
                  "Target width in pixels (0: from the height).",
                  512,
                  0,
                  16384,
                  1,
                  true))
          .param(
              new ParamSpec.IntParam(
                  "height",
                  "Height",
                  "Target height in pixels (0: from the width).",
                  512,
                  0,
                  16384,
                  1,
                  true))
          .param(
              new ParamSpec.EnumParam(
                  "mode",
                  "Mode",
                  "How the aspect ratio is treated when both sides are given.",
                  "fit",
                  List.of(
                      new Option("fit", "Fit inside (keeps aspect, may be smaller)"),
                      new Option("fill", "Fill (keeps aspect, crops the overflow)"),
                      new Option("pad", "Fit and pad (letterbox to the exact size)"),
                      new Option("stretch", "Stretch (exact size, aspect changes)")),
                  true))
          .param(
              new ParamSpec.StringParam(
                  "pad_colour",
                  "Pad colour",
                  "Colour of the padding: #RRGGBB, #AARRGGBB, black, white or transparent.",
                  "black",
                  false))
          .lane(Lane.CPU)
          .keywords("scale", "size", "thumbnail", "fit", "letterbox", "shrink", "enlarge")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    ImageAsset in = context.input("image", ImageAsset.class);
    int w = (int) context.integer("width");
    int h = (int) context.integer("height");
    if (w == 0 && h == 0) {
      throw context.paramError(
          "width", "width and height are both 0", "give at least one side of the target size");
    }
    int fill =
        Colours.parse(context.string("pad_colour"))
            .orElseThrow(() ->
                context.paramError(
                    "pad_colour",
                    "'" + context.string("pad_colour") + "' is not a colour",
                    "write it as #RRGGBB, #AARRGGBB, black, white or transparent"));
    context.output("image", resize(in, w, h, context.string("mode"), fill));
  }

  static ImageAsset resize(ImageAsset in, int w, int h, String mode, int fill) {
    double sw = in.width();
    double sh = in.height();
    if (w == 0) {
      return ImageTransforms.resize(in, Math.max(1, (int) Math.round(sw * h / sh)), h);
    }
    if (h == 0) {
      return ImageTransforms.resize(in, w, Math.max(1, (int) Math.round(sh * w / sw)));
    }
    switch (mode) {
      case "stretch":
        return ImageTransforms.resize(in, w, h);
      case "fill":
        {
          double scale = Math.max(w / sw, h / sh);
          int rw = Math.max(w, (int) Math.round(sw * scale));
          int rh = Math.max(h, (int) Math.round(sh * scale));
          ImageAsset r = ImageTransforms.resize(in, rw, rh);
          return ImageTransforms.crop(r, (rw - w) / 2, (rh - h) / 2, w, h);
        }
      default:
        {
          double scale = Math.min(w / sw, h / sh);
          int rw = Math.max(1, Math.min(w, (int) Math.round(sw * scale)));
          int rh = Math.max(1, Math.min(h, (int) Math.round(sh * scale)));
          ImageAsset r = ImageTransforms.resize(in, rw, rh);
          if (!mode.equals("pad")) {
            return r;
          }
          int left = (w - rw) / 2;
          int top = (h - rh) / 2;
          return ImageTransforms.pad(r, top, w - rw - left, h - rh - top, left, fill);
        }
    }
  }
}
