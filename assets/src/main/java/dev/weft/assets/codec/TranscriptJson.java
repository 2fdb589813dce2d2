package dev.weft.assets.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.TranscriptAsset.Segment;
import dev.weft.assets.TranscriptAsset.Token;
import dev.weft.assets.TranscriptAsset.Word;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of a transcript, used by the store and by {@code --json} output. */
public final class TranscriptJson {
  private TranscriptJson() {}

  public static ObjectNode toJson(TranscriptAsset t) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("text", t.text());
    o.put("lang", t.language().orElse(null));
    o.put("emotion", t.emotion().orElse(null));
    o.put("event", t.event().orElse(null));
    ArrayNode segments = o.putArray("segments");
    for (Segment s : t.segments()) {
      ObjectNode so = segments.addObject();
      so.put("start", s.start());
      so.put("end", s.end());
      so.put("text", s.text());
      if (s.speaker() != null) {
        so.put("speaker", s.speaker());
      }
      if (!s.words().isEmpty()) {
        ArrayNode words = so.putArray("words");
        for (Word w : s.words()) {
          words.addObject().put("start", w.start()).put("end", w.end()).put("text", w.text());
        }
      }
    }
    ArrayNode tokens = o.putArray("tokens");
    ArrayNode times = o.putArray("timestamps");
    for (Token tok : t.tokens()) {
      tokens.add(tok.piece());
      times.add(tok.time());
    }
    return o;
  }

  public static TranscriptAsset fromJson(JsonNode o) {
    List<Segment> segments = new ArrayList<>();
    for (JsonNode s : o.path("segments")) {
      List<Word> words = new ArrayList<>();
      for (JsonNode w : s.path("words")) {
        words.add(
            new Word(
                w.path("start").asDouble(), w.path("end").asDouble(), w.path("text").asText()));
      }
      segments.add(
          new Segment(
              s.path("start").asDouble(),
              s.path("end").asDouble(),
              s.path("text").asText(""),
              s.hasNonNull("speaker") ? s.get("speaker").asText() : null,
              words));
    }
    List<Token> tokens = new ArrayList<>();
    JsonNode pieces = o.path("tokens");
    JsonNode times = o.path("timestamps");
    if (pieces.size() != times.size()) {
      throw new IllegalArgumentException(
          pieces.size() + " tokens but " + times.size() + " timestamps");
    }
    for (int i = 0; i < pieces.size(); i++) {
      tokens.add(new Token(pieces.get(i).asText(), times.get(i).asDouble()));
    }
    return TranscriptAsset.of(
        o.path("text").asText(""),
        text(o, "lang"),
        text(o, "emotion"),
        text(o, "event"),
        segments,
        tokens);
  }

  private static String text(JsonNode o, String field) {
    return o.hasNonNull(field) ? o.get(field).asText() : null;
  }
}
