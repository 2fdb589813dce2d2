package dev.weft.pipelines.nodes.media;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.video.VideoEncoder;
import dev.weft.assets.video.VideoEncoding;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.ParamSpec.EnumParam.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Encodes a list of images, with optional audio, into an H.264/AAC MP4. */
public final class FramesToVideoNode implements NodeType {
  public static final String ID = "video.from-frames";

  static final ParamSpec QUALITY =
      new ParamSpec.EnumParam(
          "quality",
          "Quality",
          "Bitrate from the frame size and rate: draft 0.04, standard 0.1, high 0.2, master 0.4"
              + " bits per pixel.",
          "standard",
          List.of(
              new Option("draft", "Draft"),
              new Option("standard", "Standard"),
              new Option("high", "High"),
              new Option("master", "Master")),
          true);

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Frames to video")
          .category("Video")
          .description(
              "Encodes frames to an MP4 (H.264, yuv420p; AAC audio when audio is wired). Frames"
                  + " of another size are fitted and letterboxed to the video's size.")
          .input(Port.of("frames", PortType.listOf(PortType.IMAGE)))
          .input(
              Port.optional("audio", PortType.AUDIO)
                  .describedAs("Audio", "A soundtrack, cut to the video's length."))
          .output(Port.of("video", PortType.VIDEO))
          .param(
              new ParamSpec.FloatParam(
                  "fps", "Frames per second", "The video's frame rate.", 24, 1, 240, 1, true))
          .param(
              new ParamSpec.IntParam(
                  "width",
                  "Width",
                  "Video width (0: the first frame's, made even).",
                  0,
                  0,
                  8192,
                  2,
                  false))
          .param(
              new ParamSpec.IntParam(
                  "height",
                  "Height",
                  "Video height (0: the first frame's, made even).",
                  0,
                  0,
                  8192,
                  2,
                  false))
          .param(QUALITY)
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
          .keywords("encode", "mp4", "h264", "movie", "render", "animation")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    List<ImageAsset> frames = context.inputList("frames", ImageAsset.class);
    if (frames.isEmpty()) {
      throw context.error("no frames arrived to encode", "wire a list of at least one image");
    }
    Optional<AudioAsset> audio = context.optionalInput("audio", AudioAsset.class);
    ImageAsset first = frames.getFirst();
    int w = (int) context.integer("width");
    int h = (int) context.integer("height");
    w = even(w == 0 ? first.width() : w);
    h = even(h == 0 ? first.height() : h);
    VideoEncoding encoding = encoding(context, w, h, context.number("fps"));
    Path scratch = StoredVideos.scratch();
    try {
      Path out = scratch.resolve("video.mp4");
      try (VideoEncoder enc =
          audio.isPresent()
              ? VideoEncoder.open(out, encoding, audio.get())
              : VideoEncoder.open(out, encoding)) {
        for (int i = 0; i < frames.size(); i++) {
          if (context.cancellation().isCancelled()) {
            enc.abort();
            context.cancellation().throwIfCancelled();
          }
          enc.addFrame(fitted(frames.get(i), w, h));
          context.progress(
              (i + 1) / (double) frames.size(), "frame " + (i + 1) + " of " + frames.size());
        }
      }
      context.output("video", StoredVideos.store(context, out));
    } catch (MediaException e) {
      throw MediaErrors.forNode(context, e);
    } finally {
      StoredVideos.cleanUp(scratch);
    }
  }

  static VideoEncoding encoding(NodeContext context, int w, int h, double fps) {
    VideoEncoding e =
        VideoEncoding.of(w, h, fps)
            .withQuality(
                VideoEncoding.Quality.valueOf(context.string("quality").toUpperCase(Locale.ROOT)));
    long kbps = context.integer("bitrate_kbps");
    if (kbps > 0) {
      e = e.withVideoBitrate((int) (kbps * 1000));
    }
    Optional<String> pipeline = context.pipelineJson();
    return e.withEmbedded(new EmbeddedProvenance(pipeline.orElse(null), context.provenance()));
  }

  static ImageAsset fitted(ImageAsset frame, int w, int h) {
    if (frame.width() == w && frame.height() == h) {
      return frame;
    }
    return ResizeImageNode.resize(frame, w, h, "pad", 0xff000000);
  }

  private static int even(int v) {
    return Math.max(2, v - (v & 1));
  }
}
