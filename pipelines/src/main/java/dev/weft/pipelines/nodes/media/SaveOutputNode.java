package dev.weft.pipelines.nodes.media;

import dev.weft.assets.Asset;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.BooleanAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.NumberAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.codec.TranscriptJson;
import dev.weft.assets.io.AtomicFiles;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Writes whatever arrives to the run's output folder under a name pattern: text as .txt,
 * transcripts as .json, images as .png, audio as .wav, video as it is; a list writes one file per
 * item. It runs on every run, so deleted outputs come back.
 */
public final class SaveOutputNode implements NodeType {
  public static final String ID = "output.save";
  private static final Pattern TOKEN = Pattern.compile("\\{(node|title|hash|date|time|run|index)}");
  private static final Pattern UNSAFE = Pattern.compile("[\\\\/:*?\"<>|\\p{Cntrl}]");

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Save output")
          .category("Output")
          .description(
              "Writes the incoming value to the run's output folder. The name may use {node},"
                  + " {title}, {hash} (of the content), {date}, {time}, {run} and {index} (for"
                  + " lists); the extension follows the value's kind.")
          .input(Port.of("value", PortType.ANY))
          .output(Port.of("path", PortType.TEXT).describedAs("Path", "Where the file was written."))
          .param(
              new ParamSpec.StringParam(
                  "name",
                  "File name",
                  "The name pattern, without extension.",
                  "{node}-{hash}",
                  true))
          .param(
              new ParamSpec.StringParam(
                  "folder",
                  "Subfolder",
                  "A folder inside the output folder (optional).",
                  "",
                  false))
          .lane(Lane.IO)
          .alwaysRun()
          .keywords("write", "export", "file", "result")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    Asset value = context.input("value", Asset.class);
    Path dir = context.outputDir();
    String folder = context.string("folder").strip();
    if (!folder.isEmpty()) {
      Path sub = dir.resolve(folder).normalize();
      if (!sub.startsWith(dir.normalize())) {
        throw context.paramError(
            "folder",
            "the subfolder \"" + folder + "\" leaves the output folder",
            "use a relative folder name without ..");
      }
      dir = sub;
    }
    LocalDateTime now = LocalDateTime.now();
    List<Asset> items = value instanceof ListAsset l ? l.items() : List.of(value);
    List<String> written = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Asset item = items.get(i);
      String base =
          fileName(
              context, context.string("name"), item, now, value instanceof ListAsset ? i + 1 : 0);
      Path target = dir.resolve(base + "." + extension(item));
      write(item, target);
      written.add(target.toString());
      context.progress((i + 1) / (double) items.size(), "saved " + target.getFileName());
    }
    context.log("saved " + String.join(", ", written));
    context.output("path", TextAsset.of(String.join("\n", written)));
  }

  static String fileName(
      NodeContext context, String pattern, Asset item, LocalDateTime now, int index) {
    Matcher m = TOKEN.matcher(pattern.isBlank() ? "{node}-{hash}" : pattern);
    StringBuilder sb = new StringBuilder();
    boolean usedIndex = false;
    while (m.find()) {
      String v =
          switch (m.group(1)) {
            case "node" -> context.node().id();
            case "title" -> context.node().displayTitle();
            case "hash" -> item.hash().substring(0, 12);
            case "date" -> now.format(DateTimeFormatter.BASIC_ISO_DATE);
            case "time" -> now.format(DateTimeFormatter.ofPattern("HHmmss"));
            case "run" -> context.runId().substring(0, 8);
            default -> {
              usedIndex = true;
              yield Integer.toString(index);
            }
          };
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    if (index > 0 && !usedIndex && !pattern.contains("{hash}")) {
      sb.append('-').append(index);
    }
    String safe = UNSAFE.matcher(sb.toString()).replaceAll("_").strip();
    return safe.isEmpty() || safe.startsWith(".") ? "output" + safe : safe;
  }

  static String extension(Asset a) {
    return switch (a) {
      case ImageAsset i -> "png";
      case AudioAsset au -> "wav";
      case TranscriptAsset t -> "json";
      case VideoAsset v ->
          switch (v.mediaType()) {
            case "video/webm" -> "webm";
            case "video/quicktime" -> "mov";
            case "video/x-matroska" -> "mkv";
            default -> "mp4";
          };
      default -> "txt";
    };
  }

  static void write(Asset a, Path target) throws IOException {
    switch (a) {
      case TextAsset t -> AtomicFiles.writeString(target, t.text());
      case NumberAsset n -> AtomicFiles.writeString(target, n.describe() + "\n");
      case BooleanAsset b -> AtomicFiles.writeString(target, b.describe() + "\n");
      case TranscriptAsset t ->
          AtomicFiles.writeString(target, TranscriptJson.toJson(t).toPrettyString() + "\n");
      case ImageAsset i ->
          AtomicFiles.write(
              target,
              tmp -> {
                BufferedImage bi =
                    new BufferedImage(i.width(), i.height(), BufferedImage.TYPE_INT_ARGB);
                bi.setRGB(0, 0, i.width(), i.height(), i.copyPixels(), 0, i.width());
                if (!ImageIO.write(bi, "png", tmp.toFile())) {
                  throw new IOException("no PNG writer available");
                }
              });
      case AudioAsset au -> AtomicFiles.write(target, tmp -> writeWav(au, tmp));
      case VideoAsset v ->
          AtomicFiles.write(
              target, tmp -> Files.copy(v.file(), tmp, StandardCopyOption.REPLACE_EXISTING));
      default -> AtomicFiles.writeString(target, a.describe() + "\n");
    }
  }

  private static void writeWav(AudioAsset audio, Path target) throws IOException {
    var samples = audio.samples();
    ByteBuffer bytes = ByteBuffer.allocate(samples.remaining() * 2).order(ByteOrder.LITTLE_ENDIAN);
    while (samples.hasRemaining()) {
      float s = Math.max(-1f, Math.min(1f, samples.get()));
      bytes.putShort((short) Math.round(s * 32767f));
    }
    AudioFormat format = new AudioFormat(audio.sampleRate(), 16, audio.channels(), true, false);
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, audio.frames())) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, target.toFile());
    }
  }
}
