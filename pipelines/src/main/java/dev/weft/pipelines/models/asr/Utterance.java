package dev.weft.pipelines.models.asr;

import dev.weft.assets.TranscriptAsset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one model call recognised in one stretch of audio, with times relative to that stretch:
 * text, tags (SenseVoice), tokens as the reference lists them and their times, and words.
 */
public record Utterance(
    String text,
    String language,
    String emotion,
    String event,
    List<TranscriptAsset.Token> tokens,
    List<TranscriptAsset.Word> words,
    double duration) {
  public Utterance {
    Objects.requireNonNull(text, "text");
    tokens = List.copyOf(tokens);
    words = List.copyOf(words);
  }

  /** This utterance as a one-segment transcript spanning {@code [0, duration]}. */
  public TranscriptAsset toTranscript() {
    return TranscriptAssembler.assemble(List.of(this), List.of(0.0));
  }

  /** The same utterance moved to start at {@code offset} seconds. */
  Utterance shifted(double offset) {
    List<TranscriptAsset.Token> t = new ArrayList<>(tokens.size());
    for (TranscriptAsset.Token tok : tokens) {
      t.add(new TranscriptAsset.Token(tok.piece(), Times.round(tok.time() + offset)));
    }
    List<TranscriptAsset.Word> w = new ArrayList<>(words.size());
    for (TranscriptAsset.Word word : words) {
      w.add(
          new TranscriptAsset.Word(
              Times.round(word.start() + offset), Times.round(word.end() + offset), word.text()));
    }
    return new Utterance(text, language, emotion, event, t, w, duration);
  }
}
