package dev.weft.pipelines.nodes.media;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioOps;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.Locale;

/** Keeps the part of the audio between a start and an end time. */
public final class TrimAudioNode implements NodeType {
  public static final String ID = "audio.trim";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Trim audio")
          .category("Audio")
          .description("Keeps the audio from the start to the end time (end 0: to the end).")
          .input(Port.of("audio", PortType.AUDIO))
          .output(Port.of("audio", PortType.AUDIO))
          .param(
              new ParamSpec.FloatParam(
                  "start", "Start (s)", "Where the kept part begins.", 0, 0, 86_400, 0.1, true))
          .param(
              new ParamSpec.FloatParam(
                  "end",
                  "End (s)",
                  "Where it ends (0: the end of the audio).",
                  0,
                  0,
                  86_400,
                  0.1,
                  true))
          .lane(Lane.CPU)
          .keywords("cut", "clip", "shorten", "segment")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    AudioAsset audio = context.input("audio", AudioAsset.class);
    double start = context.number("start");
    double end = context.number("end");
    double length = audio.durationSeconds();
    if (end == 0) {
      end = length;
    }
    if (start >= length) {
      throw context.paramError(
          "start",
          String.format(
              Locale.ROOT,
              "the start (%.3f s) is past the end of the audio (%.3f s)",
              start,
              length),
          "choose a start inside the audio");
    }
    if (end <= start) {
      throw context.paramError(
          "end",
          String.format(
              Locale.ROOT, "the end (%.3f s) is not after the start (%.3f s)", end, start),
          "set end to 0 or past the start");
    }
    context.output("audio", AudioOps.trim(audio, start, Math.min(end, length)));
  }
}
