package dev.weft.pipelines.nodes.media;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioOps;
import dev.weft.assets.audio.Resampler;
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
 * Converts audio to another sample rate with the band-limited resampler, optionally mixing to mono
 * and adjusting the level.
 */
public final class ResampleAudioNode implements NodeType {
  public static final String ID = "audio.resample";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Resample audio")
          .category("Audio")
          .description(
              "Changes the sample rate (a windowed-sinc resampler: flat to 90% of the lower"
                  + " Nyquist frequency, aliases 100 dB down), mixes to mono and sets the level.")
          .input(Port.of("audio", PortType.AUDIO))
          .output(Port.of("audio", PortType.AUDIO))
          .param(
              new ParamSpec.IntParam(
                  "rate", "Sample rate", "The new rate in Hz.", 16_000, 1000, 384_000, 1000, true))
          .param(
              new ParamSpec.BoolParam("mono", "Mono", "Mix all channels down to one.", false, true))
          .param(
              new ParamSpec.EnumParam(
                  "quality",
                  "Quality",
                  "high: flat to 90% of Nyquist, 100 dB; medium: 80%, 80 dB, about half the work.",
                  "high",
                  List.of(new Option("high", "High"), new Option("medium", "Medium")),
                  false))
          .param(
              new ParamSpec.EnumParam(
                  "level",
                  "Level",
                  "Leave the level, or normalise the peak or the loudness (RMS).",
                  "keep",
                  List.of(
                      new Option("keep", "Keep"),
                      new Option("peak", "Peak to the target"),
                      new Option("rms", "RMS to the target (peak kept under -1 dBFS)")),
                  false))
          .param(
              new ParamSpec.FloatParam(
                  "target_db",
                  "Target (dBFS)",
                  "The peak or RMS level to normalise to.",
                  -1,
                  -60,
                  0,
                  0.5,
                  false))
          .param(
              new ParamSpec.FloatParam(
                  "gain_db",
                  "Gain (dB)",
                  "Extra gain applied after everything else.",
                  0,
                  -60,
                  60,
                  0.5,
                  false))
          .lane(Lane.CPU)
          .keywords("sample rate", "16k", "downmix", "normalise", "normalize", "gain", "volume")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    AudioAsset audio = context.input("audio", AudioAsset.class);
    if (context.bool("mono")) {
      audio = AudioOps.toMono(audio);
    }
    Resampler.Quality q =
        context.string("quality").equals("medium")
            ? Resampler.Quality.MEDIUM
            : Resampler.Quality.HIGH;
    audio = AudioOps.resample(audio, (int) context.integer("rate"), q);
    double target = context.number("target_db");
    audio =
        switch (context.string("level")) {
          case "peak" -> AudioOps.normalisePeak(audio, target);
          case "rms" -> AudioOps.normaliseRms(audio, target, -1);
          default -> audio;
        };
    double gain = context.number("gain_db");
    if (gain != 0) {
      audio = AudioOps.gain(audio, gain);
    }
    context.output("audio", audio);
  }
}
