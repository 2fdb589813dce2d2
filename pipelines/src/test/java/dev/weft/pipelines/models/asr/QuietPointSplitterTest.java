package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Without a VAD, long audio is cut into pieces of at most the maximum at its quietest points. */
class QuietPointSplitterTest {
  private static final int RATE = 16000;

  /** Loud noise with 50 ms near-silent dips at the given seconds. */
  private static float[] noiseWithDips(double seconds, double... dips) {
    SplittableRandom rnd = new SplittableRandom(3);
    float[] s = new float[(int) (seconds * RATE)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.3 * (rnd.nextDouble() - 0.5));
    }
    for (double d : dips) {
      int at = (int) (d * RATE);
      for (int i = at; i < at + 800 && i < s.length; i++) {
        s[i] *= 0.001f;
      }
    }
    return s;
  }

  private static List<UtteranceSplitter.Piece> split(float[] audio, double max, int chunk) {
    QuietPointSplitter q = new QuietPointSplitter(max);
    List<UtteranceSplitter.Piece> out = new ArrayList<>();
    for (int pos = 0; pos < audio.length; pos += chunk) {
      int n = Math.min(chunk, audio.length - pos);
      float[] piece = java.util.Arrays.copyOfRange(audio, pos, pos + n);
      out.addAll(q.accept(piece, n));
    }
    out.addAll(q.finish());
    return out;
  }

  @Test
  void longAudioIsCutAtItsQuietestPointsIntoPiecesOfAtMostTheMaximum() {
    float[] audio = noiseWithDips(75, 24.3, 51.1);
    List<UtteranceSplitter.Piece> pieces = split(audio, 30, 7000);
    assertThat(pieces).hasSize(3);
    assertThat(pieces).allSatisfy(p -> assertThat(p.seconds()).isLessThanOrEqualTo(30));
    assertThat(pieces.get(1).startSeconds()).isBetween(24.3, 24.36);
    assertThat(pieces.get(2).startSeconds()).isBetween(51.1, 51.16);
  }

  @Test
  void thePiecesCoverTheAudioExactlyInOrder() {
    float[] audio = noiseWithDips(95, 27, 55, 80);
    List<UtteranceSplitter.Piece> pieces = split(audio, 30, 16000);
    long next = 0;
    for (UtteranceSplitter.Piece p : pieces) {
      assertThat(p.startSample()).isEqualTo(next);
      for (int i = 0; i < p.samples().length; i++) {
        assertThat(p.samples()[i]).isEqualTo(audio[(int) (next + i)]);
      }
      next += p.samples().length;
    }
    assertThat(next).isEqualTo(audio.length);
  }

  @Test
  void audioWithinTheMaximumIsOneUtterance() {
    float[] audio = noiseWithDips(29.5, 10, 20);
    List<UtteranceSplitter.Piece> pieces = split(audio, 30, 4096);
    assertThat(pieces).hasSize(1);
    assertThat(pieces.getFirst().samples()).hasSize(audio.length);
  }

  @Test
  void heldAudioNeverExceedsTheMaximumAndOnePiece() {
    QuietPointSplitter q = new QuietPointSplitter(30);
    float[] chunk = new float[RATE];
    int most = 0;
    for (int s = 0; s < 600; s++) {
      q.accept(chunk, chunk.length);
      most = Math.max(most, q.heldSamples());
    }
    assertThat(most).isLessThanOrEqualTo(31 * RATE);
  }
}
