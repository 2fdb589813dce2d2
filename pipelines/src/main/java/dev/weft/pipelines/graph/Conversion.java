package dev.weft.pipelines.graph;

import dev.weft.assets.Asset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.TranscriptAsset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one table of what a wire may carry from an output of one type into an input of another, and
 * what it does to the value on the way. Everything not listed here is a type mismatch.
 */
public enum Conversion {
  /** Same type (or an ANY input): the value passes unchanged. */
  IDENTITY,
  /** A transcript into a text input: its text. */
  TRANSCRIPT_TO_TEXT,
  /** A single value into a list input: a list of one. */
  WRAP_IN_LIST,
  /** A transcript into a list of texts: a list of one text. */
  TRANSCRIPT_TO_TEXT_LIST,
  /** A list of transcripts into a list of texts: each one's text. */
  TRANSCRIPTS_TO_TEXTS;

  /** How a value of type {@code from} can enter an input of type {@code to}, if it can. */
  public static Optional<Conversion> between(PortType from, PortType to) {
    if (from.equals(to)) {
      return Optional.of(IDENTITY);
    }
    if (to.kind() == PortType.Kind.ANY) {
      // A scalar ANY input takes anything, lists included; LIST<ANY> takes lists and wraps scalars.
      return Optional.of(!to.list() || from.list() ? IDENTITY : WRAP_IN_LIST);
    }
    if (from.kind() == PortType.Kind.ANY) {
      // An ANY output (a pass-through node) is checked when the value arrives.
      return Optional.of(to.list() && !from.list() ? WRAP_IN_LIST : IDENTITY);
    }
    boolean transcriptToText =
        from.kind() == PortType.Kind.TRANSCRIPT && to.kind() == PortType.Kind.TEXT;
    if (!from.list() && !to.list()) {
      return transcriptToText ? Optional.of(TRANSCRIPT_TO_TEXT) : Optional.empty();
    }
    if (!from.list() && to.list()) {
      if (from.kind() == to.kind()) {
        return Optional.of(WRAP_IN_LIST);
      }
      return transcriptToText ? Optional.of(TRANSCRIPT_TO_TEXT_LIST) : Optional.empty();
    }
    if (from.list() && to.list() && transcriptToText) {
      return Optional.of(TRANSCRIPTS_TO_TEXTS);
    }
    return Optional.empty();
  }

  /** Applies the conversion to a value that arrived on the wire. */
  public Asset apply(Asset value) {
    return switch (this) {
      case IDENTITY -> value;
      case TRANSCRIPT_TO_TEXT -> TextAsset.of(((TranscriptAsset) value).text());
      case WRAP_IN_LIST -> ListAsset.of(List.of(value));
      case TRANSCRIPT_TO_TEXT_LIST ->
          ListAsset.of(List.of(TextAsset.of(((TranscriptAsset) value).text())));
      case TRANSCRIPTS_TO_TEXTS -> {
        List<Asset> texts = new ArrayList<>();
        for (Asset item : ((ListAsset) value).items()) {
          texts.add(TextAsset.of(((TranscriptAsset) item).text()));
        }
        yield ListAsset.of(texts);
      }
    };
  }
}
