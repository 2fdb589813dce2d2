package dev.weft.pipelines.nodes.media;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.MediaException;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.io.IOException;

/** Decodes a video's audio track, optionally resampled and mixed to mono. */
public final class ExtractAudioNode implements NodeType {
  public static final String ID = "video.audio";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Extract audio")
          .category("Video")
          .description("Decodes the video's audio track (for transcription, say).")
          .input(Port.of("video", PortType.VIDEO))
          .output(Port.of("audio", PortType.AUDIO))
          .param(
              new ParamSpec.IntParam(
                  "rate",
                  "Sample rate",
                  "Convert to this rate in Hz (0: keep the track's).",
                  0,
                  0,
                  384_000,
                  1000,
                  true))
          .param(
              new ParamSpec.BoolParam("mono", "Mono", "Mix all channels down to one.", false, true))
          .lane(Lane.CPU)
          .keywords("soundtrack", "demux", "speech", "track")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    VideoAsset video = context.input("video", VideoAsset.class);
    if (!video.hasAudio() && video.width() > 0) {
      throw context.error(
          "the video " + video.file().getFileName() + " has no audio track",
          "use a video with sound, or leave this node out");
    }
    try {
      AudioAsset audio =
          AudioFiles.read(
              video.file(),
              (int) context.integer("rate"),
              context.bool("mono"),
              DecodeLimits.DEFAULT);
      context.log(audio.describe());
      context.output("audio", audio);
    } catch (MediaException e) {
      throw MediaErrors.forNode(context, e);
    }
  }
}
