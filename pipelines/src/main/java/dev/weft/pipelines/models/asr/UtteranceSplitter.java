package dev.weft.pipelines.models.asr;

import java.io.IOException;
import java.util.List;

/**
 * Cuts a stream of 16 kHz mono audio into utterances short enough for one model call, handing each
 * out as soon as it is complete and keeping only the audio that may still belong to one.
 */
interface UtteranceSplitter extends AutoCloseable {

  /** One utterance: its samples and where they start in the whole audio. */
  record Piece(long startSample, float[] samples) {
    double startSeconds() {
      return startSample / (double) KaldiFbank.SAMPLE_RATE;
    }

    double seconds() {
      return samples.length / (double) KaldiFbank.SAMPLE_RATE;
    }
  }

  /** Takes the next {@code length} samples; returns the utterances they completed. */
  List<Piece> accept(float[] samples, int length) throws IOException;

  /** Ends the audio; returns the utterances still open. */
  List<Piece> finish() throws IOException;

  /** Samples held right now (for tests and the memory benchmark). */
  int heldSamples();

  @Override
  void close();
}
