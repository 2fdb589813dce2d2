package dev.weft.pipelines.nodes.media;

import dev.weft.assets.ImageAsset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.video.FrameOptions;
import dev.weft.assets.video.VideoFiles;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Decodes frames from a video at a chosen rate and size, up to a maximum count. */
public final class ExtractFramesNode implements NodeType {
  public static final String ID = "video.frames";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Extract frames")
          .category("Video")
          .description(
              "Takes frames at a steady rate (0: every frame) between a start and an end, scaled"
                  + " when a size is given (0 keeps the aspect ratio).")
          .input(Port.of("video", PortType.VIDEO))
          .output(
              Port.of("frames", PortType.listOf(PortType.IMAGE))
                  .describedAs("Frames", "The frames in time order."))
          .output(
              Port.of("times", PortType.TEXT)
                  .describedAs("Times", "Each frame's time in seconds, one per line."))
          .param(
              new ParamSpec.FloatParam(
                  "fps",
                  "Frames per second",
                  "How many frames to take per second of video (0: every frame).",
                  1,
                  0,
                  240,
                  0.5,
                  true))
          .param(
              new ParamSpec.IntParam(
                  "max_frames",
                  "Max frames",
                  "Stop after this many frames (0: no limit).",
                  64,
                  0,
                  100_000,
                  1,
                  true))
          .param(
              new ParamSpec.IntParam(
                  "width",
                  "Width",
                  "Frame width (0: from the height, or the video's own).",
                  0,
                  0,
                  8192,
                  1,
                  false))
          .param(
              new ParamSpec.IntParam(
                  "height",
                  "Height",
                  "Frame height (0: from the width, or the video's own).",
                  0,
                  0,
                  8192,
                  1,
                  false))
          .param(
              new ParamSpec.FloatParam(
                  "start", "Start", "Seconds into the video to begin.", 0, 0, 86_400, 0.1, false))
          .param(
              new ParamSpec.FloatParam(
                  "end",
                  "End",
                  "Seconds into the video to stop (0: the end).",
                  0,
                  0,
                  86_400,
                  0.1,
                  false))
          .lane(Lane.CPU)
          .keywords("video", "frames", "sample", "snapshot", "stills")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    VideoAsset video = context.input("video", VideoAsset.class);
    double start = context.number("start");
    double end = context.number("end");
    if (end > 0 && end <= start) {
      throw context.paramError(
          "end",
          "the end (" + end + " s) is not after the start (" + start + " s)",
          "set end to 0 or past the start");
    }
    FrameOptions options =
        new FrameOptions(
            context.number("fps"),
            (int) context.integer("width"),
            (int) context.integer("height"),
            (int) context.integer("max_frames"),
            start,
            end);
    double duration = video.durationSeconds() > 0 ? video.durationSeconds() : 1;
    int max = options.maxFrames();
    List<ImageAsset> frames = new ArrayList<>();
    StringBuilder times = new StringBuilder();
    try {
      VideoFiles.decodeFrames(
          video.file(),
          options,
          DecodeLimits.DEFAULT,
          (image, t) -> {
            context.cancellation().throwIfCancelled();
            frames.add(image);
            times.append(String.format(java.util.Locale.ROOT, "%.3f%n", t));
            double done = max > 0 ? frames.size() / (double) max : (t - start) / duration;
            context.progress(
                Math.min(1, done),
                "frame "
                    + frames.size()
                    + " at "
                    + String.format(java.util.Locale.ROOT, "%.2f s", t));
          });
    } catch (MediaException e) {
      throw MediaErrors.forNode(context, e);
    }
    if (frames.isEmpty()) {
      throw context.error(
          "no frames were found between " + start + " s and " + (end > 0 ? end + " s" : "the end"),
          "check the start and end against the video's length ("
              + String.format(java.util.Locale.ROOT, "%.2f s", video.durationSeconds())
              + ")");
    }
    context.log(
        frames.size()
            + " frames of "
            + frames.getFirst().width()
            + "x"
            + frames.getFirst().height());
    context.output("frames", ListAsset.of(frames));
    context.output("times", dev.weft.assets.TextAsset.of(times.toString().strip()));
  }
}
