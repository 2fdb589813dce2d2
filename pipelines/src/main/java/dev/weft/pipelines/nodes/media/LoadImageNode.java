package dev.weft.pipelines.nodes.media;

import dev.weft.assets.image.ImageFiles;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.MediaException;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads an image file (PNG 8/16-bit, JPEG with its EXIF orientation applied, WebP, BMP) into an
 * image value.
 */
public final class LoadImageNode implements NodeType {
  public static final String ID = "image.load";
  static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "webp", "bmp");

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
    try {
      context.output("image", ImageFiles.read(file, DecodeLimits.DEFAULT));
    } catch (MediaException e) {
      throw MediaErrors.forParam(context, "file", e);
    }
  }
}
