package dev.weft.pipelines.models.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.TranscriptAsset.Segment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decode step on probabilities made by hand: 100 frames of 160 samples at 16 kHz = 10 ms each.
 */
class SpeechSegmenterTest {
  private static final int FRAME = 160;
  private static final int RATE = 16000;

  private static float[] probs(int frames, int[]... speech) {
    float[] p = new float[frames];
    Arrays.fill(p, 0.02f);
    for (int[] s : speech) {
      Arrays.fill(p, s[0], s[1], 0.95f);
    }
    return p;
  }

  private static List<Segment> run(float[] p, VadOptions o) {
    return SpeechSegmenter.segments(p, FRAME, RATE, (long) p.length * FRAME, o);
  }

  private static final VadOptions NO_PAD = new VadOptions(0.5, 100, 100, 0, 0);

  @Test
  void speechBetweenSilencesIsOneSegment() {
    List<Segment> s = run(probs(300, new int[] {100, 200}), NO_PAD);
    assertThat(s).hasSize(1);
    assertThat(s.getFirst().start()).isCloseTo(1.0, within(1e-9));
    assertThat(s.getFirst().end()).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void silenceOnlyGivesNoSegment() {
    assertThat(run(probs(300), NO_PAD)).isEmpty();
  }

  @Test
  void speechShorterThanMinimumIsDropped() {
    assertThat(run(probs(300, new int[] {100, 105}), NO_PAD)).isEmpty(); // 50 ms < 100 ms
  }

  @Test
  void pauseShorterThanMinimumSilenceDoesNotSplit() {
    List<Segment> s = run(probs(400, new int[] {100, 200}, new int[] {205, 300}), NO_PAD);
    assertThat(s).hasSize(1);
    assertThat(s.getFirst().end()).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void longPauseSplitsIntoTwo() {
    List<Segment> s = run(probs(400, new int[] {100, 200}, new int[] {250, 300}), NO_PAD);
    assertThat(s).hasSize(2);
  }

  @Test
  void probabilityBetweenThresholdsKeepsSpeechGoing() {
    float[] p = probs(300, new int[] {100, 200});
    Arrays.fill(p, 200, 250, 0.4f); // below 0.5 but above 0.35: still speech
    List<Segment> s = run(p, NO_PAD);
    assertThat(s.getFirst().end()).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void paddingGrowsBothSidesButStopsAtTheEdges() {
    List<Segment> s = run(probs(300, new int[] {0, 100}), new VadOptions(0.5, 100, 100, 30, 0));
    assertThat(s.getFirst().start()).isZero();
    assertThat(s.getFirst().end()).isCloseTo(1.03, within(1e-9));
  }

  @Test
  void paddingNeverMakesNeighboursOverlap() {
    VadOptions o = new VadOptions(0.5, 100, 100, 200, 0);
    List<Segment> s = run(probs(500, new int[] {100, 200}, new int[] {220, 320}), o);
    assertThat(s).hasSize(2);
    assertThat(s.get(0).end()).isLessThanOrEqualTo(s.get(1).start());
    assertThat(s.get(0).end()).isCloseTo(2.1, within(1e-9)); // the 200 ms gap is shared
  }

  @Test
  void overlongSpeechIsSplitAtItsQuietestFrame() {
    float[] p = probs(1000, new int[] {0, 1000});
    p[400] = 0.6f; // the dip
    List<Segment> s = run(p, NO_PAD.withMaxSpeechMs(6000));
    assertThat(s).hasSizeGreaterThan(1);
    assertThat(s.get(0).end()).isCloseTo(4.0, within(1e-9));
  }
}
