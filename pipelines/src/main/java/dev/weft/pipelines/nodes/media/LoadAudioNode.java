package dev.weft.pipelines.nodes.media;

import dev.weft.assets.audio.AudioFiles;
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
 * Reads an audio file (WAV, FLAC, MP3, Ogg Vorbis/Opus, AAC, or the audio of a video) into float
 * samples, optionally resampled and mixed to mono on the way.
 */
public final class LoadAudioNode implements NodeType {
  public static final String ID = "audio.load";
  static final List<String> EXTENSIONS =
      List.of("wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "mp4", "mkv", "webm", "mov");

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Load audio")
          .category("Audio")
          .description("Reads an audio file. Relative paths start at the pipeline's folder.")
          .output(Port.of("audio", PortType.AUDIO))
          .param(
              new ParamSpec.FileParam(
                  "file",
                  "File",
                  "The audio to read.",
                  "",
                  EXTENSIONS,
                  ParamSpec.FileParam.Mode.OPEN,
                  true))
          .param(
              new ParamSpec.IntParam(
                  "rate",
                  "Sample rate",
                  "Convert to this rate in Hz while reading (band-limited resampler); 0 keeps"
                      + " the file's rate.",
                  0,
                  0,
                  384_000,
                  1000,
                  false))
          .param(
              new ParamSpec.BoolParam(
                  "mono", "Mono", "Mix all channels down to one while reading.", false, false))
          .lane(Lane.IO)
          .keywords("open", "read", "sound", "speech", "wav", "mp3", "flac", "opus")
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
                () -> context.paramError("file", "no audio file is chosen", "choose a file"));
    if (!Files.isRegularFile(file)) {
      throw context.paramError(
          "file", "the audio " + file + " does not exist", "choose an existing file");
    }
    int rate = (int) context.integer("rate");
    boolean mono = context.bool("mono");
    try {
      context.output("audio", AudioFiles.read(file, rate, mono, DecodeLimits.DEFAULT));
    } catch (MediaException e) {
      throw MediaErrors.forParam(context, "file", e);
    }
  }
}
