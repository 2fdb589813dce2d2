package dev.weft.pipelines.nodes.media;

import dev.weft.assets.TextAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.subtitle.Subtitles;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.ParamSpec.EnumParam.Option;
import java.util.List;

/** Turns a transcript into SubRip (SRT) or WebVTT subtitles. */
public final class SubtitlesNode implements NodeType {
  public static final String ID = "transcript.subtitles";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Transcript to subtitles")
          .category("Text")
          .description(
              "Writes the transcript as SRT or WebVTT; long segments are split into cues of at"
                  + " most the given lines and characters, at word times where there are some.")
          .input(Port.of("transcript", PortType.TRANSCRIPT))
          .output(Port.of("subtitles", PortType.TEXT))
          .param(
              new ParamSpec.EnumParam(
                  "format",
                  "Format",
                  "SRT plays almost everywhere; WebVTT is the web's format and keeps speakers.",
                  "srt",
                  List.of(new Option("srt", "SubRip (.srt)"), new Option("vtt", "WebVTT (.vtt)")),
                  true))
          .param(
              new ParamSpec.IntParam(
                  "max_chars",
                  "Characters per line",
                  "Wrap lines beyond this (0: never).",
                  42,
                  0,
                  200,
                  1,
                  false))
          .param(
              new ParamSpec.IntParam(
                  "max_lines",
                  "Lines per cue",
                  "Split cues beyond this many lines (0: never).",
                  2,
                  0,
                  10,
                  1,
                  false))
          .lane(Lane.CPU)
          .keywords("srt", "vtt", "webvtt", "captions", "subtitle")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) {
    TranscriptAsset t = context.input("transcript", TranscriptAsset.class);
    if (t.segments().isEmpty()) {
      throw context.error(
          "the transcript has no timed segments, so there is nothing to time subtitles by",
          "feed a transcript from speech recognition, which has segments");
    }
    Subtitles.Format format =
        context.string("format").equals("vtt") ? Subtitles.Format.VTT : Subtitles.Format.SRT;
    Subtitles.Layout layout =
        new Subtitles.Layout(
            (int) context.integer("max_chars"), (int) context.integer("max_lines"));
    context.output("subtitles", TextAsset.of(Subtitles.write(t, format, layout)));
  }
}
