package dev.weft.pipelines.models.asr;

import dev.weft.assets.TranscriptAsset;
import dev.weft.pipelines.backends.dashscope.FileTranscriptionClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DashScope's transcription JSON as a transcript: one segment per sentence (times from
 * milliseconds, speakers named "Speaker 1", "Speaker 2"... from diarization, or the channel when
 * several were transcribed), words with their punctuation, and one token per word at its start.
 */
final class CloudTranscripts {
  private CloudTranscripts() {}

  static TranscriptAsset toAsset(FileTranscriptionClient.Transcription t, String language) {
    record Timed(int channel, FileTranscriptionClient.Sentence sentence) {}
    List<Timed> all = new ArrayList<>();
    for (FileTranscriptionClient.Channel c : t.channels()) {
      for (FileTranscriptionClient.Sentence s : c.sentences()) {
        all.add(new Timed(c.channelId(), s));
      }
    }
    all.sort(Comparator.comparingLong(x -> x.sentence().beginMs()));
    boolean severalChannels = t.channels().size() > 1;
    List<TranscriptAsset.Segment> segments = new ArrayList<>();
    List<TranscriptAsset.Token> tokens = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Timed x : all) {
      FileTranscriptionClient.Sentence s = x.sentence();
      double start = seconds(s.beginMs());
      double end = Math.max(start, seconds(s.endMs()));
      List<TranscriptAsset.Word> words = new ArrayList<>();
      for (FileTranscriptionClient.Word w : s.words()) {
        double ws = Math.min(Math.max(seconds(w.beginMs()), start), end);
        double we = Math.min(Math.max(seconds(w.endMs()), ws), end);
        String shown = w.text() + w.punctuation();
        words.add(new TranscriptAsset.Word(ws, we, shown.strip()));
        tokens.add(new TranscriptAsset.Token(shown, ws));
      }
      String speaker =
          s.speakerId() != null
              ? "Speaker " + (s.speakerId() + 1)
              : severalChannels ? "Channel " + (x.channel() + 1) : null;
      segments.add(new TranscriptAsset.Segment(start, end, s.text().strip(), speaker, words));
      if (!s.text().isBlank()) {
        if (!text.isEmpty()) {
          text.append(' ');
        }
        text.append(s.text().strip());
      }
    }
    return TranscriptAsset.of(text.toString(), language, null, null, segments, tokens);
  }

  private static double seconds(long ms) {
    return Math.max(0, ms) / 1000.0;
  }
}
