package dev.weft.pipelines.models.asr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the pieces of a SentencePiece model file ({@code *.bpe.model}, a protobuf {@code
 * ModelProto}) in id order: all the decoder needs, without the sentencepiece library.
 */
final class SentencePieceModel {
  private SentencePieceModel() {}

  /**
   * @throws IllegalArgumentException when the bytes are not a SentencePiece model
   */
  static List<String> pieces(byte[] model) {
    List<String> pieces = new ArrayList<>();
    Reader r = new Reader(model, 0, model.length);
    while (r.hasMore()) {
      long key = r.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 1 && wire == 2) {
        int len = (int) r.varint();
        pieces.add(piece(new Reader(model, r.pos, r.pos + len)));
        r.skipBytes(len);
      } else {
        r.skip(wire);
      }
    }
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("no SentencePiece pieces found");
    }
    return pieces;
  }

  private static String piece(Reader r) {
    String piece = null;
    while (r.hasMore()) {
      long key = r.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 1 && wire == 2) {
        int len = (int) r.varint();
        piece = new String(r.bytes, r.pos, len, StandardCharsets.UTF_8);
        r.skipBytes(len);
      } else {
        r.skip(wire);
      }
    }
    if (piece == null) {
      throw new IllegalArgumentException("a SentencePiece entry has no piece text");
    }
    return piece;
  }

  private static final class Reader {
    final byte[] bytes;
    int pos;
    final int end;

    Reader(byte[] bytes, int pos, int end) {
      if (end > bytes.length || pos < 0 || pos > end) {
        throw new IllegalArgumentException("truncated protobuf message");
      }
      this.bytes = bytes;
      this.pos = pos;
      this.end = end;
    }

    boolean hasMore() {
      return pos < end;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new IllegalArgumentException("truncated protobuf varint");
        }
        byte b = bytes[pos++];
        v |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("malformed protobuf varint");
    }

    void skipBytes(int n) {
      if (n < 0 || pos + n > end) {
        throw new IllegalArgumentException("truncated protobuf field");
      }
      pos += n;
    }

    void skip(int wire) {
      switch (wire) {
        case 0 -> varint();
        case 1 -> skipBytes(8);
        case 2 -> skipBytes((int) varint());
        case 5 -> skipBytes(4);
        default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire);
      }
    }
  }
}
