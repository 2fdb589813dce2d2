package dev.weft.pipelines.nodes.media;

import dev.weft.assets.AudioAsset;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Reads an audio file into float samples at its own rate and channel count. */
public final class LoadAudioNode implements NodeType {
  public static final String ID = "audio.load";
  static final List<String> EXTENSIONS = List.of("wav", "flac", "mp3", "ogg", "opus", "m4a", "aac");

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
          .lane(Lane.IO)
          .keywords("open", "read", "sound", "speech", "wav", "mp3")
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
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
      AudioFormat f = in.getFormat();
      AudioFormat target =
          new AudioFormat(
              AudioFormat.Encoding.PCM_SIGNED,
              f.getSampleRate(),
              16,
              f.getChannels(),
              2 * f.getChannels(),
              f.getSampleRate(),
              false);
      try (AudioInputStream pcm = AudioSystem.getAudioInputStream(target, in)) {
        byte[] bytes = pcm.readAllBytes();
        float[] samples = new float[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
          samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8)) / 32768f;
        }
        context.output(
            "audio", AudioAsset.of(Math.round(f.getSampleRate()), f.getChannels(), samples));
      }
    } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
      throw context.paramError(
          "file",
          file + " is not audio this version can read (" + e.getMessage() + ")",
          "use a WAV file");
    }
  }
}
