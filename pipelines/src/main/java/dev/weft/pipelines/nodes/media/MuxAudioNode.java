package dev.weft.pipelines.nodes.media;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.video.FrameOptions;
import dev.weft.assets.video.VideoEncoder;
import dev.weft.assets.video.VideoEncoding;
import dev.weft.assets.video.VideoFiles;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Puts an audio track on a video, replacing any it had. The picture is decoded and encoded again as
 * H.264 (at the chosen quality) with the new AAC track; the audio is cut to the video's length.
 */
public final class MuxAudioNode implements NodeType {
  public static final String ID = "video.mux-audio";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Mux audio into video")
          .category("Video")
          .description(
              "Gives a video a new soundtrack (replacing its own). The picture is re-encoded as"
                  + " H.264 at the chosen quality.")
          .input(Port.of("video", PortType.VIDEO))
          .input(Port.of("audio", PortType.AUDIO))
          .output(Port.of("video", PortType.VIDEO))
          .param(FramesToVideoNode.QUALITY)
          .param(
              new ParamSpec.IntParam(
                  "bitrate_kbps",
                  "Bitrate (kbit/s)",
                  "An exact video bitrate; 0 uses the quality setting.",
                  0,
                  0,
                  200_000,
                  100,
                  false))
          .lane(Lane.CPU)
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
      var info = VideoFiles.probe(video.file());
      int w = info.width() - (info.width() & 1);
      int h = info.height() - (info.height() & 1);
      double fps = info.fps() > 0 ? info.fps() : 25;
      VideoEncoding encoding = FramesToVideoNode.encoding(context, w, h, fps);
      Path out = scratch.resolve("muxed.mp4");
      long total = Math.max(1, info.frameCount());
      try (VideoEncoder enc = VideoEncoder.open(out, encoding, audio)) {
        VideoFiles.decodeFrames(
            video.file(),
            new FrameOptions(0, w, h, 0, 0, 0),
            DecodeLimits.DEFAULT,
            (frame, t) -> {
              if (context.cancellation().isCancelled()) {
                enc.abort();
                context.cancellation().throwIfCancelled();
              }
              enc.addFrame(frame);
              context.progress(Math.min(1, enc.frames() / (double) total), "frame " + enc.frames());
            });
      }
      context.output("video", StoredVideos.store(context, out));
    } catch (MediaException e) {
      throw MediaErrors.forNode(context, e);
    } finally {
      StoredVideos.cleanUp(scratch);
    }
  }
}
