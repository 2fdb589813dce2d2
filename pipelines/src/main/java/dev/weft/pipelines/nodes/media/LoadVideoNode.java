package dev.weft.pipelines.nodes.media;

import dev.weft.assets.VideoAsset;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.video.VideoFiles;
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
 * Refers to a video file (MP4, MOV, WebM, MKV) with its size, rate, length and audio probed; frames
 * and audio are decoded on demand by the nodes that need them.
 */
public final class LoadVideoNode implements NodeType {
  public static final String ID = "video.load";
  static final List<String> EXTENSIONS = List.of("mp4", "mov", "webm", "mkv", "m4v");

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Load video")
          .category("Video")
          .description("Reads a video file. Relative paths start at the pipeline's folder.")
          .output(Port.of("video", PortType.VIDEO))
          .param(
              new ParamSpec.FileParam(
                  "file",
                  "File",
                  "The video to read.",
                  "",
                  EXTENSIONS,
                  ParamSpec.FileParam.Mode.OPEN,
                  true))
          .lane(Lane.IO)
          .keywords("open", "read", "movie", "clip", "mp4")
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
                () -> context.paramError("file", "no video file is chosen", "choose a file"));
    if (!Files.isRegularFile(file)) {
      throw context.paramError(
          "file", "the video " + file + " does not exist", "choose an existing video file");
    }
    try {
      VideoAsset video = VideoFiles.open(file);
      context.log(video.describe());
      context.output("video", video);
    } catch (MediaException e) {
      throw MediaErrors.forParam(context, "file", e);
    }
  }
}
