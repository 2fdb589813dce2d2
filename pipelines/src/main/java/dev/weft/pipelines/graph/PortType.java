package dev.weft.pipelines.graph;

import java.util.Locale;
import java.util.Objects;

/**
 * The type of a port: one of the value kinds, or a list of one. Written in files as {@code TEXT} or
 * {@code LIST<IMAGE>}. {@code ANY} is for nodes that pass any value on (saving, previewing).
 */
public record PortType(Kind kind, boolean list) {

  /** The kinds of value that flow along wires. */
  public enum Kind {
    TEXT,
    IMAGE,
    AUDIO,
    VIDEO,
    TRANSCRIPT,
    NUMBER,
    BOOLEAN,
    ANY
  }

  public static final PortType TEXT = new PortType(Kind.TEXT, false);
  public static final PortType IMAGE = new PortType(Kind.IMAGE, false);
  public static final PortType AUDIO = new PortType(Kind.AUDIO, false);
  public static final PortType VIDEO = new PortType(Kind.VIDEO, false);
  public static final PortType TRANSCRIPT = new PortType(Kind.TRANSCRIPT, false);
  public static final PortType NUMBER = new PortType(Kind.NUMBER, false);
  public static final PortType BOOLEAN = new PortType(Kind.BOOLEAN, false);
  public static final PortType ANY = new PortType(Kind.ANY, false);

  public PortType {
    Objects.requireNonNull(kind, "kind");
  }

  public static PortType listOf(PortType element) {
    if (element.list) {
      throw new IllegalArgumentException(
          "lists of lists are not a port type: LIST<" + element + ">");
    }
    return new PortType(element.kind, true);
  }

  /** Whether a value may travel on a port of this type (lists: every item must fit). */
  public boolean admits(dev.weft.assets.Asset value) {
    if (kind == Kind.ANY) {
      return list ? value instanceof dev.weft.assets.ListAsset : true;
    }
    if (list) {
      if (!(value instanceof dev.weft.assets.ListAsset l)) {
        return false;
      }
      PortType item = element();
      for (dev.weft.assets.Asset a : l.items()) {
        if (!item.admits(a)) {
          return false;
        }
      }
      return true;
    }
    return switch (kind) {
      case TEXT -> value instanceof dev.weft.assets.TextAsset;
      case IMAGE -> value instanceof dev.weft.assets.ImageAsset;
      case AUDIO -> value instanceof dev.weft.assets.AudioAsset;
      case VIDEO -> value instanceof dev.weft.assets.VideoAsset;
      case TRANSCRIPT -> value instanceof dev.weft.assets.TranscriptAsset;
      case NUMBER -> value instanceof dev.weft.assets.NumberAsset;
      case BOOLEAN -> value instanceof dev.weft.assets.BooleanAsset;
      case ANY -> true;
    };
  }

  /** The type of one item: itself for a scalar, the element type for a list. */
  public PortType element() {
    return list ? new PortType(kind, false) : this;
  }

  /** Parses {@code TEXT}, {@code list<image>}, {@code LIST<AUDIO>}; case does not matter. */
  public static PortType parse(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    boolean isList = false;
    if (s.startsWith("LIST<") && s.endsWith(">")) {
      isList = true;
      s = s.substring(5, s.length() - 1).strip();
    }
    try {
      return new PortType(Kind.valueOf(s), isList);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown port type '"
              + text
              + "' (known: TEXT, IMAGE, AUDIO, VIDEO, TRANSCRIPT, NUMBER,"
              + " BOOLEAN, ANY, and LIST<...> of each)");
    }
  }

  @Override
  public String toString() {
    return list ? "LIST<" + kind + ">" : kind.name();
  }
}
