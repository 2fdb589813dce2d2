package dev.weft.pipelines.nodes.media;

import dev.weft.assets.ImageAsset;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Reads an image file (PNG, JPEG, BMP, ...) into an image value. */
public final class LoadImageNode implements NodeType {
  public static final String ID = "image.load";
  static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "webp", "bmp", "gif");

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Load image")
          .category("Image")
          .description("Reads an image file. Relative paths start at the pipeline's folder.")
          .output(Port.of("image", PortType.IMAGE))
          .param(
              new ParamSpec.FileParam(
                  "file",
                  "File",
                  "The image to read.",
                  "",
                  EXTENSIONS,
                  ParamSpec.FileParam.Mode.OPEN,
                  true))
          .lane(Lane.IO)
          .keywords("open", "read", "picture", "photo", "png", "jpeg")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public String fingerprint(Params params, Path pipelineDir) {
    return FileFingerprint.of(params, "file", pipelineDir);
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    Path file =
        context
            .path("file")
            .orElseThrow(
                () -> context.paramError("file", "no image file is chosen", "choose a file"));
    if (!Files.isRegularFile(file)) {
      throw context.paramError(
          "file", "the image " + file + " does not exist", "choose an existing file");
    }
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw context.paramError(
          "file", file + " is not an image this version can read", "use a PNG, JPEG or BMP file");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    context.output("image", ImageAsset.ofArgb(w, h, img.getRGB(0, 0, w, h, null, 0, w)));
  }
}
