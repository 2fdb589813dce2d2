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
import dev.weft.assets.audio.AudioEncoding;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.audio.WavFormat;
import dev.weft.assets.codec.TranscriptJson;
import dev.weft.assets.image.ImageFiles;
import dev.weft.assets.image.PngOptions;
import dev.weft.assets.io.AtomicFiles;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.subtitle.Subtitles;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.ParamSpec.EnumParam.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes whatever arrives to the run's output folder under a name pattern, in a chosen format:
 * images as PNG (with the pipeline and provenance embedded), JPEG or BMP; audio as WAV, FLAC, MP3,
 * Opus or AAC; transcripts as JSON, SRT, WebVTT or text; video as it is. A list writes one file per
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
          .param(
              new ParamSpec.EnumParam(
                  "format",
                  "Format",
                  "The file format; auto picks PNG for images, WAV for audio, JSON for"
                      + " transcripts, text for text and the video's own container.",
                  "auto",
                  List.of(
                      new Option("auto", "Auto"),
                      new Option("png", "PNG image (8 or 16 bit)"),
                      new Option("jpg", "JPEG image"),
                      new Option("bmp", "BMP image"),
                      new Option("wav", "WAV, 16-bit"),
                      new Option("wav24", "WAV, 24-bit"),
                      new Option("wav-float", "WAV, 32-bit float"),
                      new Option("flac", "FLAC (lossless)"),
                      new Option("mp3", "MP3"),
                      new Option("opus", "Ogg Opus"),
                      new Option("m4a", "AAC in M4A"),
                      new Option("srt", "SubRip subtitles"),
                      new Option("vtt", "WebVTT subtitles"),
                      new Option("json", "JSON"),
                      new Option("txt", "Plain text")),
                  true))
          .param(
              new ParamSpec.FloatParam(
                  "jpeg_quality",
                  "JPEG quality",
                  "From 0 (smallest) to 1 (best).",
                  0.92,
                  0,
                  1,
                  0.01,
                  false))
          .param(
              new ParamSpec.IntParam(
                  "audio_kbps",
                  "Audio bitrate (kbit/s)",
                  "For MP3, Opus and AAC; 0 uses the format's default (192, 96, 160).",
                  0,
                  0,
                  512,
                  8,
                  false))
          .param(
              new ParamSpec.BoolParam(
                  "embed_provenance",
                  "Embed provenance",
                  "PNG files carry the pipeline and how the image was made (never a key).",
                  true,
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
      String format = formatFor(context, item);
      Path target = dir.resolve(base + "." + format);
      try {
        write(context, item, target, format);
      } catch (MediaException e) {
        throw MediaErrors.forNode(context, e);
      }
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

  /** The file extension (which names the format) for an item, checked against its kind. */
  static String formatFor(NodeContext context, Asset a) {
    String f = context.string("format");
    if (f.equals("auto")) {
      return extension(a);
    }
    boolean fits =
        switch (a) {
          case ImageAsset i -> f.equals("png") || f.equals("jpg") || f.equals("bmp");
          case AudioAsset au -> AUDIO_FORMATS.contains(f);
          case TranscriptAsset t ->
              f.equals("srt") || f.equals("vtt") || f.equals("json") || f.equals("txt");
          case TextAsset t ->
              f.equals("txt") || f.equals("srt") || f.equals("vtt") || f.equals("json");
          default -> f.equals("txt");
        };
    if (!fits) {
      throw context.paramError(
          "format",
          "a " + kindName(a) + " cannot be saved as " + f,
          "choose auto or a " + kindName(a) + " format");
    }
    return switch (f) {
      case "wav24", "wav-float" -> "wav";
      default -> f;
    };
  }

  private static final List<String> AUDIO_FORMATS =
      List.of("wav", "wav24", "wav-float", "flac", "mp3", "opus", "m4a");

  private static String kindName(Asset a) {
    return switch (a) {
      case ImageAsset i -> "image";
      case AudioAsset au -> "audio";
      case TranscriptAsset t -> "transcript";
      case VideoAsset v -> "video";
      case TextAsset t -> "text";
      default -> "value";
    };
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

  static void write(NodeContext context, Asset a, Path target, String ext) throws IOException {
    switch (a) {
      case TextAsset t -> AtomicFiles.writeString(target, t.text());
      case NumberAsset n -> AtomicFiles.writeString(target, n.describe() + "\n");
      case BooleanAsset b -> AtomicFiles.writeString(target, b.describe() + "\n");
      case TranscriptAsset t ->
          AtomicFiles.writeString(
              target,
              switch (ext) {
                case "srt" -> Subtitles.toSrt(t);
                case "vtt" -> Subtitles.toVtt(t);
                case "txt" -> t.text() + "\n";
                default -> TranscriptJson.toJson(t).toPrettyString() + "\n";
              });
      case ImageAsset i -> writeImage(context, i, target, ext);
      case AudioAsset au ->
          AtomicFiles.write(target, tmp -> AudioFiles.write(au, tmp, audioEncoding(context)));
      case VideoAsset v ->
          AtomicFiles.write(
              target, tmp -> Files.copy(v.file(), tmp, StandardCopyOption.REPLACE_EXISTING));
      default -> AtomicFiles.writeString(target, a.describe() + "\n");
    }
  }

  private static void writeImage(NodeContext context, ImageAsset image, Path target, String ext)
      throws IOException {
    switch (ext) {
      case "jpg" ->
          AtomicFiles.write(
              target,
              tmp -> ImageFiles.writeJpeg(image, tmp, (float) context.number("jpeg_quality")));
      case "bmp" -> AtomicFiles.write(target, tmp -> ImageFiles.writeBmp(image, tmp));
      default -> {
        PngOptions options = PngOptions.DEFAULT;
        if (context.bool("embed_provenance")) {
          options =
              options.withEmbedded(
                  new EmbeddedProvenance(
                      context.pipelineJson().orElse(null), context.provenance()));
        }
        PngOptions chosen = options;
        AtomicFiles.write(target, tmp -> ImageFiles.writePng(image, tmp, chosen));
      }
    }
  }

  static AudioEncoding audioEncoding(NodeContext context) {
    AudioEncoding e =
        switch (context.string("format")) {
          case "wav24" ->
              new AudioEncoding(AudioEncoding.Codec.WAV, WavFormat.PCM_S24, 0, 5, false);
          case "wav-float" -> AudioEncoding.WAV_FLOAT;
          case "flac" -> AudioEncoding.FLAC;
          case "mp3" -> AudioEncoding.MP3;
          case "opus" -> AudioEncoding.OPUS;
          case "m4a" -> AudioEncoding.AAC;
          default -> AudioEncoding.WAV_16;
        };
    long kbps = context.integer("audio_kbps");
    if (kbps > 0 && e.codec() != AudioEncoding.Codec.WAV && e.codec() != AudioEncoding.Codec.FLAC) {
      e = e.withBitrate((int) kbps * 1000);
    }
    return e;
  }
}
