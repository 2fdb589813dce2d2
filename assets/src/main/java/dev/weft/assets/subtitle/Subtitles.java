package dev.weft.assets.subtitle;

import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.TranscriptAsset.Segment;
import dev.weft.assets.TranscriptAsset.Word;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts transcripts to SubRip (SRT) and WebVTT subtitles and back. Long segments are split into
 * cues of at most {@code maxLines} lines of {@code maxCharsPerLine} characters, at word times when
 * the transcript has them, else in proportion to the text.
 */
public final class Subtitles {
  /** Subtitle formats. */
  public enum Format {
    SRT,
    VTT
  }

  /**
   * How cues are laid out.
   *
   * @param maxCharsPerLine a line is wrapped beyond this many characters (0: never)
   * @param maxLines a cue is split beyond this many lines (0: never)
   */
  public record Layout(int maxCharsPerLine, int maxLines) {
    /** 42 characters, two lines: the broadcast convention. */
    public static final Layout DEFAULT = new Layout(42, 2);

    /** One cue per segment, text as is. */
    public static final Layout AS_IS = new Layout(0, 0);

    public Layout {
      if (maxCharsPerLine < 0 || maxLines < 0) {
        throw new IllegalArgumentException("layout limits must not be negative");
      }
    }
  }

  private static final Pattern SRT_TIME =
      Pattern.compile(
          "^\\s*(\\d{1,3}):(\\d{2}):(\\d{2})[,.](\\d{1,3})\\s*-->\\s*(\\d{1,3}):(\\d{2}):(\\d{2})[,.](\\d{1,3}).*$");
  private static final Pattern VTT_TIME =
      Pattern.compile(
          "^\\s*(?:(\\d{1,3}):)?(\\d{2}):(\\d{2})\\.(\\d{3})\\s*-->\\s*(?:(\\d{1,3}):)?(\\d{2}):(\\d{2})\\.(\\d{3}).*$");
  private static final Pattern VOICE = Pattern.compile("^<v(?:\\.[^ >]*)?\\s+([^>]*)>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private Subtitles() {}

  // ---------------------------------------------------------------- writing

  public static String toSrt(TranscriptAsset t) {
    return write(t, Format.SRT, Layout.DEFAULT);
  }

  public static String toVtt(TranscriptAsset t) {
    return write(t, Format.VTT, Layout.DEFAULT);
  }

  /** The transcript as subtitle text in the given format and layout. */
  public static String write(TranscriptAsset t, Format format, Layout layout) {
    StringBuilder sb = new StringBuilder();
    if (format == Format.VTT) {
      sb.append("WEBVTT");
      t.language().ifPresent(l -> sb.append("\nLanguage: ").append(l));
      sb.append("\n\n");
    }
    int n = 1;
    for (Segment s : t.segments()) {
      if (s.text().isBlank()) {
        continue;
      }
      for (Cue c : cues(s, layout)) {
        if (format == Format.SRT) {
          sb.append(n).append('\n');
        }
        sb.append(time(c.start, format)).append(" --> ").append(time(c.end, format)).append('\n');
        String text = format == Format.VTT ? escapeVtt(c.text) : c.text;
        if (format == Format.VTT && s.speaker() != null) {
          text = "<v " + s.speaker().replace(">", "") + ">" + text;
        }
        sb.append(text).append("\n\n");
        n++;
      }
    }
    return sb.toString();
  }

  public static void write(TranscriptAsset t, Path target, Format format, Layout layout)
      throws IOException {
    Files.writeString(target, write(t, format, layout), StandardCharsets.UTF_8);
  }

  private record Cue(double start, double end, String text) {}

  private static List<Cue> cues(Segment s, Layout layout) {
    String text = s.text().strip().replaceAll("\\s+", " ");
    int maxChars = layout.maxCharsPerLine();
    int maxLines = layout.maxLines();
    if (maxChars == 0) {
      return List.of(new Cue(s.start(), s.end(), text));
    }
    List<String> lines = wrap(text, maxChars);
    if (maxLines == 0 || lines.size() <= maxLines) {
      return List.of(new Cue(s.start(), s.end(), String.join("\n", lines)));
    }
    List<Cue> out = new ArrayList<>();
    int total = text.length();
    int consumed = 0;
    for (int i = 0; i < lines.size(); i += maxLines) {
      List<String> group = lines.subList(i, Math.min(lines.size(), i + maxLines));
      String cueText = String.join(" ", group);
      int from = consumed;
      int to = Math.min(total, consumed + cueText.length());
      consumed = to + 1;
      double start = timeAt(s, from, total);
      double end = i + maxLines >= lines.size() ? s.end() : timeAt(s, to, total);
      out.add(new Cue(start, Math.max(start, end), String.join("\n", group)));
    }
    return out;
  }

  // The time at a character offset: from word times when the segment has them, else by share.
  private static double timeAt(Segment s, int offset, int total) {
    if (!s.words().isEmpty()) {
      int chars = 0;
      for (Word w : s.words()) {
        chars += w.text().strip().length() + 1;
        if (chars > offset) {
          return w.start();
        }
      }
      return s.end();
    }
    return s.start() + (s.end() - s.start()) * offset / Math.max(1, total);
  }

  private static List<String> wrap(String text, int max) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > max) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  static String time(double seconds, Format format) {
    long ms = Math.round(seconds * 1000);
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    long s = ms / 1000 % 60;
    long f = ms % 1000;
    return String.format(
        Locale.ROOT,
        format == Format.SRT ? "%02d:%02d:%02d,%03d" : "%02d:%02d:%02d.%03d",
        h,
        m,
        s,
        f);
  }

  private static String escapeVtt(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("-->", "--&gt;");
  }

  // ---------------------------------------------------------------- reading

  /** Reads an SRT or WebVTT file (told apart by its first line), naming the file on errors. */
  public static TranscriptAsset read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new MediaException(file, Reason.CORRUPT, "subtitles must be UTF-8 text", e);
    }
    if (text.isBlank()) {
      throw new MediaException(file, Reason.TRUNCATED, "the subtitle file is empty");
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new MediaException(file, Reason.CORRUPT, e.getMessage(), e);
    }
  }

  /** Parses SRT or WebVTT text; errors name the line. */
  public static TranscriptAsset parse(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    boolean vtt = lines.length > 0 && lines[0].strip().startsWith("WEBVTT");
    return vtt ? parseVtt(lines) : parseSrt(lines);
  }

  private static TranscriptAsset parseSrt(String[] lines) {
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      int blockStart = i;
      if (lines[i].strip().matches("\\d+") && i + 1 < lines.length) {
        i++; // the cue number
      }
      Matcher m = SRT_TIME.matcher(lines[i]);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "line "
                + (i + 1)
                + ": expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found '"
                + lines[i].strip()
                + "'");
      }
      double start = seconds(m.group(1), m.group(2), m.group(3), m.group(4));
      double end = seconds(m.group(5), m.group(6), m.group(7), m.group(8));
      checkOrder(start, end, i);
      i++;
      StringBuilder sb = new StringBuilder();
      while (i < lines.length && !lines[i].isBlank()) {
        if (!sb.isEmpty()) {
          sb.append(' ');
        }
        sb.append(TAG.matcher(lines[i].strip()).replaceAll(""));
        i++;
      }
      if (i == blockStart) {
        i++;
      }
      segments.add(new Segment(start, end, sb.toString()));
    }
    return TranscriptAsset.ofSegments(segments);
  }

  private static TranscriptAsset parseVtt(String[] lines) {
    List<Segment> segments = new ArrayList<>();
    String language = null;
    int i = 1;
    // header lines until the first blank line
    while (i < lines.length && !lines[i].isBlank()) {
      if (lines[i].startsWith("Language:")) {
        language = lines[i].substring("Language:".length()).strip();
      }
      i++;
    }
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      String head = lines[i].strip();
      if (head.startsWith("NOTE") || head.equals("STYLE") || head.equals("REGION")) {
        while (i < lines.length && !lines[i].isBlank()) {
          i++;
        }
        continue;
      }
      Matcher m = VTT_TIME.matcher(lines[i]);
      if (!m.matches() && i + 1 < lines.length) {
        i++; // a cue identifier
        m = VTT_TIME.matcher(lines[i]);
      }
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "line "
                + (i + 1)
                + ": expected 'MM:SS.mmm --> MM:SS.mmm', found '"
                + lines[i].strip()
                + "'");
      }
      double start = seconds(m.group(1), m.group(2), m.group(3), m.group(4));
      double end = seconds(m.group(5), m.group(6), m.group(7), m.group(8));
      checkOrder(start, end, i);
      i++;
      StringBuilder sb = new StringBuilder();
      String speaker = null;
      while (i < lines.length && !lines[i].isBlank()) {
        String line = lines[i].strip();
        Matcher v = VOICE.matcher(line);
        if (v.find()) {
          speaker = v.group(1).strip();
        }
        if (!sb.isEmpty()) {
          sb.append(' ');
        }
        sb.append(unescapeVtt(TAG.matcher(line).replaceAll("")));
        i++;
      }
      segments.add(new Segment(start, end, sb.toString(), speaker, List.of()));
    }
    TranscriptAsset t = TranscriptAsset.ofSegments(segments);
    return language == null
        ? t
        : TranscriptAsset.of(t.text(), language, null, null, t.segments(), List.of());
  }

  private static void checkOrder(double start, double end, int line) {
    if (end < start) {
      throw new IllegalArgumentException("line " + (line + 1) + ": the cue ends before it starts");
    }
  }

  private static double seconds(String h, String m, String s, String ms) {
    double frac = Integer.parseInt(ms) / Math.pow(10, ms.length());
    return (h == null ? 0 : Integer.parseInt(h)) * 3600.0
        + Integer.parseInt(m) * 60.0
        + Integer.parseInt(s)
        + frac;
  }

  private static String unescapeVtt(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&");
  }
}
