package dev.weft.pipelines.testing.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a chat request asked, read the way the test server needs it for its default answer. */
record Prompt(String lastUserText, List<String> mediaParts) {

  static Prompt of(JsonNode request) {
    String text = "";
    List<String> media = new ArrayList<>();
    for (JsonNode m : request.path("messages")) {
      if (!m.path("role").asText().equals("user")) {
        continue;
      }
      JsonNode c = m.path("content");
      if (c.isTextual()) {
        text = c.asText();
        media.clear();
      } else if (c.isArray()) {
        media.clear();
        for (JsonNode p : c) {
          String type = p.path("type").asText();
          if (type.equals("text")) {
            text = p.path("text").asText();
          } else {
            media.add(type);
          }
        }
      }
    }
    return new Prompt(text, media);
  }

  Set<String> mediaKinds() {
    Set<String> kinds = new LinkedHashSet<>();
    for (String m : mediaParts) {
      kinds.add(
          switch (m) {
            case "image_url" -> "image";
            case "input_audio", "audio_url" -> "audio";
            default -> "video";
          });
    }
    return kinds;
  }

  /** A deterministic answer in word-sized pieces, with non-ASCII text to exercise UTF-8. */
  List<String> answer() {
    StringBuilder sb =
        new StringBuilder("You asked: \u201c").append(lastUserText).append("\u201d.");
    if (!mediaParts.isEmpty()) {
      sb.append(" I received ")
          .append(mediaParts.size())
          .append(" media part(s): ")
          .append(String.join(", ", mediaParts))
          .append('.');
    }
    sb.append(" \u2713 \u4f60\u597d \ud83c\udfac");
    List<String> pieces = new ArrayList<>();
    for (String w : sb.toString().split("(?<= )")) {
      pieces.add(w);
    }
    return pieces;
  }
}
