package dev.weft.pipelines.nodes.media;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.video.AudioMuxer;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Puts an audio track on a video, replacing any it had. The picture is copied packet for packet (no
 * quality loss, no encoding time); the audio is encoded as AAC and cut to the video's length.
 */
public final class MuxAudioNode implements NodeType {
  public static final String ID = "video.mux-audio";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Mux audio into video")
          .category("Video")
          .description(
              "Gives a video a new soundtrack (replacing its own). The picture is copied as it is;"
                  + " the audio becomes AAC, cut to the video's length.")
          .input(Port.of("video", PortType.VIDEO))
          .input(Port.of("audio", PortType.AUDIO))
          .output(Port.of("video", PortType.VIDEO))
          .param(
              new ParamSpec.IntParam(
                  "audio_kbps", "Audio bitrate (kbit/s)", "AAC bitrate.", 160, 32, 512, 16, false))
          .lane(Lane.IO)
          .keywords("soundtrack", "dub", "voice over", "music", "combine")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    VideoAsset video = context.input("video", VideoAsset.class);
    AudioAsset audio = context.input("audio", AudioAsset.class);
    Path scratch = StoredVideos.scratch();
    try {
      Path out = scratch.resolve("muxed.mp4");
      AudioMuxer.mux(
          video.file(),
          audio,
          out,
          (int) context.integer("audio_kbps") * 1000,
          Optional.of(
              new EmbeddedProvenance(context.pipelineJson().orElse(null), context.provenance())),
          DecodeLimits.DEFAULT);
      context.output("video", StoredVideos.store(context, out));
    } catch (MediaException e) {
      throw MediaErrors.forNode(context, e);
    } finally {
      StoredVideos.cleanUp(scratch);
    }
  }
}
