package dev.weft.pipelines.models.asr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model's vocabulary: token id to piece. Pieces are reported the way sherpa-onnx reports them:
 * a leading SentencePiece word marker {@code ▁} becomes a space, and byte-fallback pieces {@code
 * <0xNN>} stand for the raw byte (shown as {@code <0xNN>} when listed on their own).
 */
public final class TokenTable {
  static final String WORD_MARKER = "\u2581";

  private final String[] pieces;
  private final Map<String, Integer> ids;
  private final boolean byteLevelBpe;
  private final int byteFallbackBase;

  private TokenTable(String[] pieces) {
    this.pieces = pieces;
    this.ids = new HashMap<>();
    for (int i = 0; i < pieces.length; i++) {
      if (pieces[i] != null) {
        ids.putIfAbsent(pieces[i], i);
      }
    }
    this.byteLevelBpe = isByteLevelBpe(pieces);
    Integer first = ids.get("<0x00>");
    Integer last = ids.get("<0xFF>");
    this.byteFallbackBase = first != null && last != null && last - first == 255 ? first : -1;
  }

  /** A table from pieces indexed by id (gaps are null). */
  public static TokenTable of(List<String> piecesById) {
    return new TokenTable(piecesById.toArray(String[]::new));
  }

  /**
   * Parses sherpa-onnx's {@code tokens.txt}: one {@code <piece> <id>} per line; a line holding only
   * an id is the piece made of a single space.
   *
   * @throws IllegalArgumentException naming the line that is malformed
   */
  public static TokenTable parseTokensTxt(String text) {
    Map<Integer, String> byId = new HashMap<>();
    int max = -1;
    String[] lines = text.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      String piece;
      String idText;
      if (fields.length == 1) {
        piece = " ";
        idText = fields[0];
      } else if (fields.length == 2) {
        piece = fields[0];
        idText = fields[1];
      } else {
        throw new IllegalArgumentException(
            "line " + (n + 1) + " has " + fields.length + " fields, expected \"<piece> <id>\"");
      }
      int id;
      try {
        id = Integer.parseInt(idText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "line " + (n + 1) + ": \"" + idText + "\" is not a token id", e);
      }
      if (id < 0) {
        throw new IllegalArgumentException("line " + (n + 1) + ": negative token id " + id);
      }
      byId.put(id, piece);
      max = Math.max(max, id);
    }
    String[] pieces = new String[max + 1];
    byId.forEach((id, piece) -> pieces[id] = piece);
    return new TokenTable(pieces);
  }

  public int size() {
    return pieces.length;
  }

  /** The piece as written in the vocabulary file. */
  public String rawPiece(int id) {
    String p = id >= 0 && id < pieces.length ? pieces[id] : null;
    if (p == null) {
      throw new IllegalArgumentException(
          "token id " + id + " is not in the vocabulary of " + pieces.length + " tokens");
    }
    return p;
  }

  public Optional<Integer> id(String rawPiece) {
    return Optional.ofNullable(ids.get(rawPiece));
  }

  /** The bytes a token contributes to the text (UTF-8, or one raw byte for byte fallback). */
  public byte[] bytes(int id) {
    int b = fallbackByte(id);
    if (b >= 0) {
      return new byte[] {(byte) b};
    }
    return symbol(id).getBytes(StandardCharsets.UTF_8);
  }

  /** The token as sherpa-onnx lists it: leading {@code ▁} as a space, a lone high byte as 0xNN. */
  public String display(int id) {
    int b = fallbackByte(id);
    if (b >= 0) {
      return b > 0x7f ? String.format("<0x%02X>", b) : String.valueOf((char) b);
    }
    return symbol(id);
  }

  /** Joins tokens into text the way the reference does: their bytes, decoded as UTF-8. */
  public String join(int[] tokenIds, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      out.writeBytes(bytes(tokenIds[i]));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private String symbol(int id) {
    String p = rawPiece(id);
    if (!byteLevelBpe && p.startsWith(WORD_MARKER)) {
      return " " + p.substring(1);
    }
    return p;
  }

  private int fallbackByte(int id) {
    if (byteFallbackBase < 0) {
      return -1;
    }
    String p = rawPiece(id);
    int b = id - byteFallbackBase;
    if (b >= 0 && b <= 255 && p.equals(String.format("<0x%02X>", b))) {
      return b;
    }
    return -1;
  }

  /**
   * sherpa-onnx treats a table as byte-level BPE (and then leaves {@code ▁} alone) when every
   * piece, after an optional leading {@code ▁}, is made of UTF-8 bytes no greater than 0xC6 and
   * 0xC6 occurs.
   */
  private static boolean isByteLevelBpe(String[] pieces) {
    int max = 0;
    for (String p : pieces) {
      if (p == null) {
        continue;
      }
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      int start = p.startsWith(WORD_MARKER) ? 3 : 0;
      for (int i = start; i < b.length; i++) {
        int v = b[i] & 0xff;
        if (v > 0xc6) {
          return false;
        }
        max = Math.max(max, v);
      }
    }
    return max == 0xc6;
  }
}
