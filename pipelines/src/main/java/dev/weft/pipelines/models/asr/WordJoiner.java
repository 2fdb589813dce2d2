package dev.weft.pipelines.models.asr;

import dev.weft.assets.TranscriptAsset;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups timed token pieces into words: a piece starting with a space starts a word, a character of
 * a script written without spaces (Han, kana) is a word of its own, and anything else (word pieces,
 * punctuation) continues the current word. A word ends where the next token starts, or one token
 * step after its last token, whichever is earlier, and never after the utterance.
 */
final class WordJoiner {
  private WordJoiner() {}

  static List<TranscriptAsset.Word> join(
      List<String> pieces, List<Double> times, double tokenStep, double utteranceEnd) {
    List<TranscriptAsset.Word> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    double start = 0;
    double lastTime = 0;
    boolean previousUnspaced = false;
    for (int i = 0; i < pieces.size(); i++) {
      String piece = pieces.get(i);
      double t = times.get(i);
      if (piece.isEmpty()) {
        continue;
      }
      int first = piece.codePointAt(0);
      boolean unspaced = isUnspacedScript(first);
      boolean startsWord =
          current.isEmpty() || Character.isWhitespace(first) || unspaced || previousUnspaced;
      if (startsWord && !current.isEmpty() && !isPunctuation(first)) {
        words.add(word(current, start, lastTime, t, tokenStep, utteranceEnd));
        current.setLength(0);
      }
      if (current.isEmpty()) {
        start = t;
      }
      current.append(piece);
      lastTime = t;
      previousUnspaced = isUnspacedScript(piece.codePointBefore(piece.length()));
    }
    if (!current.isEmpty()) {
      words.add(word(current, start, lastTime, Double.POSITIVE_INFINITY, tokenStep, utteranceEnd));
    }
    words.removeIf(w -> w.text().isEmpty());
    return words;
  }

  private static TranscriptAsset.Word word(
      StringBuilder text, double start, double lastTime, double next, double step, double end) {
    double s = Math.min(start, end);
    double e = Math.max(s, Math.min(Math.min(lastTime + step, next), end));
    return new TranscriptAsset.Word(Times.round(s), Times.round(e), text.toString().strip());
  }

  static boolean isUnspacedScript(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  private static boolean isPunctuation(int cp) {
    int type = Character.getType(cp);
    return type == Character.OTHER_PUNCTUATION
        || type == Character.END_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.DASH_PUNCTUATION;
  }
}
