package dev.weft.pipelines.models.asr;

import dev.weft.assets.TranscriptAsset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stitches utterances recognised at known offsets into one transcript: one segment per utterance
 * that heard something, with absolute times, the tokens of all of them in order, and the most
 * frequent language, emotion and event among those utterances (all of them when none heard
 * anything; on a tie, the value that reached the top count first). An utterance with no text and no
 * tokens (a VAD span of noise, say) adds no segment: subtitles would show it as an empty cue.
 */
final class TranscriptAssembler {
  private TranscriptAssembler() {}

  static TranscriptAsset assemble(List<Utterance> utterances, List<Double> offsets) {
    if (utterances.size() != offsets.size()) {
      throw new IllegalArgumentException(
          utterances.size() + " utterances, " + offsets.size() + " offsets");
    }
    List<TranscriptAsset.Segment> segments = new ArrayList<>();
    List<TranscriptAsset.Token> tokens = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<String> langs = new ArrayList<>();
    List<String> emotions = new ArrayList<>();
    List<String> events = new ArrayList<>();
    List<String> allLangs = new ArrayList<>();
    List<String> allEmotions = new ArrayList<>();
    List<String> allEvents = new ArrayList<>();
    for (int i = 0; i < utterances.size(); i++) {
      double offset = offsets.get(i);
      Utterance u = utterances.get(i).shifted(offset);
      allLangs.add(u.language());
      allEmotions.add(u.emotion());
      allEvents.add(u.event());
      if (u.text().isBlank() && u.tokens().isEmpty()) {
        continue;
      }
      segments.add(
          new TranscriptAsset.Segment(
              Times.round(offset), Times.round(offset + u.duration()), u.text(), null, u.words()));
      tokens.addAll(u.tokens());
      if (!u.text().isBlank()) {
        if (!text.isEmpty()) {
          text.append(' ');
        }
        text.append(u.text());
      }
      langs.add(u.language());
      emotions.add(u.emotion());
      events.add(u.event());
    }
    if (segments.isEmpty()) {
      langs = allLangs;
      emotions = allEmotions;
      events = allEvents;
    }
    return TranscriptAsset.of(
        text.toString(),
        mostFrequent(langs),
        mostFrequent(emotions),
        mostFrequent(events),
        segments,
        tokens);
  }

  private static String mostFrequent(List<String> values) {
    Map<String, Integer> counts = new HashMap<>();
    String best = null;
    int bestCount = 0;
    for (String v : values) {
      if (v == null) {
        continue;
      }
      int c = counts.merge(v, 1, Integer::sum);
      if (c > bestCount) {
        best = v;
        bestCount = c;
      }
    }
    return best;
  }
}
