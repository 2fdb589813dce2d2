package dev.weft.pipelines.models.asr;

import java.util.ArrayList;
import java.util.List;

/**
 * Utterances without a VAD: the whole audio, cut only where it runs longer than the maximum, each
 * cut at the quietest 10 ms (lowest energy) in the last third of the stretch, so a word is rarely
 * split. Audio up to the maximum is one utterance, as it is.
 */
final class QuietPointSplitter implements UtteranceSplitter {
  static final int ENERGY_FRAME = KaldiFbank.SAMPLE_RATE / 100;

  private final long maxSamples;
  private final SampleWindow window = new SampleWindow();

  QuietPointSplitter(double maxSeconds) {
    this.maxSamples = Math.round(maxSeconds * KaldiFbank.SAMPLE_RATE);
    if (maxSamples < 3 * ENERGY_FRAME) {
      throw new IllegalArgumentException("utterances must be allowed at least 30 ms");
    }
  }

  @Override
  public List<Piece> accept(float[] samples, int length) {
    window.append(samples, length);
    List<Piece> out = new ArrayList<>();
    while (window.size() > maxSamples) {
      long start = window.first();
      long cut = quietestCut(start);
      out.add(new Piece(start, window.copy(start, cut)));
      window.dropBefore(cut);
    }
    return out;
  }

  /** The start of the lowest-energy 10 ms frame in the last third of the next stretch. */
  private long quietestCut(long start) {
    long from = start + (maxSamples * 2 / 3) / ENERGY_FRAME * ENERGY_FRAME;
    long limit = start + maxSamples;
    long best = limit;
    double bestEnergy = Double.MAX_VALUE;
    for (long f = from; f + ENERGY_FRAME <= limit; f += ENERGY_FRAME) {
      double e = 0;
      for (long i = f; i < f + ENERGY_FRAME; i++) {
        float s = window.get(i);
        e += s * s;
      }
      if (e < bestEnergy) {
        bestEnergy = e;
        best = f;
      }
    }
    return best;
  }

  @Override
  public List<Piece> finish() {
    if (window.size() == 0) {
      return List.of();
    }
    Piece last = new Piece(window.first(), window.copy(window.first(), window.end()));
    window.dropBefore(window.end());
    return List.of(last);
  }

  @Override
  public int heldSamples() {
    return window.size();
  }

  @Override
  public void close() {}
}
