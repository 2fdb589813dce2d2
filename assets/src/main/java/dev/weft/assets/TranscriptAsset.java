package dev.weft.assets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Text with timed segments: what speech recognition and voice activity detection produce. Times are
 * in seconds from the start of the audio. Language, emotion, event, speakers, words and tokens are
 * present when the model reports them.
 */
public final class TranscriptAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "application/x-weft-transcript+json";

  /** One word (or character, for languages without spaces) with its times. */
  public record Word(double start, double end, String text) {
    public Word {
      Objects.requireNonNull(text, "text");
      checkTimes(start, end);
    }
  }

  /** A stretch of speech: an utterance, a sentence, or a VAD segment with empty text. */
  public record Segment(double start, double end, String text, String speaker, List<Word> words) {
    public Segment {
      Objects.requireNonNull(text, "text");
      checkTimes(start, end);
      words = List.copyOf(words);
    }

    public Segment(double start, double end, String text) {
      this(start, end, text, null, List.of());
    }

    public Optional<String> speakerName() {
      return Optional.ofNullable(speaker);
    }

    public double duration() {
      return end - start;
    }
  }

  /** A model token as the model reports it, with the time it was emitted. */
  public record Token(String piece, double time) {
    public Token {
      Objects.requireNonNull(piece, "piece");
    }
  }

  private final String text;
  private final String language;
  private final String emotion;
  private final String event;
  private final List<Segment> segments;
  private final List<Token> tokens;

  private TranscriptAsset(
      String text,
      String language,
      String emotion,
      String event,
      List<Segment> segments,
      List<Token> tokens) {
    super(hashOf(text, language, emotion, event, segments, tokens));
    this.text = text;
    this.language = language;
    this.emotion = emotion;
    this.event = event;
    this.segments = segments;
    this.tokens = tokens;
  }

  public static TranscriptAsset of(
      String text,
      String language,
      String emotion,
      String event,
      List<Segment> segments,
      List<Token> tokens) {
    return new TranscriptAsset(
        Objects.requireNonNull(text, "text"),
        language,
        emotion,
        event,
        List.copyOf(segments),
        List.copyOf(tokens));
  }

  /** A transcript made of segments only; its text is the segments' texts joined by spaces. */
  public static TranscriptAsset ofSegments(List<Segment> segments) {
    StringBuilder sb = new StringBuilder();
    for (Segment s : segments) {
      if (s.text().isBlank()) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(s.text().strip());
    }
    return of(sb.toString(), null, null, null, segments, List.of());
  }

  private static void checkTimes(double start, double end) {
    if (!(start >= 0) || !(end >= start) || !Double.isFinite(end)) {
      throw new IllegalArgumentException(
          "times must satisfy 0 <= start <= end, got start=" + start + ", end=" + end);
    }
  }

  private static String hashOf(
      String text,
      String language,
      String emotion,
      String event,
      List<Segment> segments,
      List<Token> tokens) {
    ContentHash h = ContentHash.of("transcript").update(text);
    h.update(String.valueOf(language))
        .update(String.valueOf(emotion))
        .update(String.valueOf(event));
    h.update(segments.size());
    for (Segment s : segments) {
      h.update(s.start()).update(s.end()).update(s.text()).update(String.valueOf(s.speaker()));
      h.update(s.words().size());
      for (Word w : s.words()) {
        h.update(w.start()).update(w.end()).update(w.text());
      }
    }
    h.update(tokens.size());
    for (Token t : tokens) {
      h.update(t.piece()).update(t.time());
    }
    return h.hex();
  }

  public String text() {
    return text;
  }

  public Optional<String> language() {
    return Optional.ofNullable(language);
  }

  public Optional<String> emotion() {
    return Optional.ofNullable(emotion);
  }

  public Optional<String> event() {
    return Optional.ofNullable(event);
  }

  public List<Segment> segments() {
    return segments;
  }

  public List<Token> tokens() {
    return tokens;
  }

  /** The end of the last segment, or 0. */
  public double durationSeconds() {
    return segments.isEmpty() ? 0 : segments.getLast().end();
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT, "transcript, %d segments, %d chars", segments.size(), text.length());
  }
}
