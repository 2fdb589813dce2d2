package dev.weft.pipelines.models.vad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.assets.TranscriptAsset.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming segmenter gives the whole-signal segmenter's spans, to the sample, however the
 * probabilities fall; it never hands out a span that starts before audio it said could be dropped;
 * and it settles each span soon after its end.
 */
class StreamingSegmenterTest {
  private static final int FRAME = 512;
  private static final int RATE = 16000;

  /** Runs of speech and silence with jittered probabilities, some between the two thresholds. */
  private static float[] probabilities(SplittableRandom rnd, int frames) {
    float[] p = new float[frames];
    int i = 0;
    boolean speech = rnd.nextBoolean();
    while (i < frames) {
      int run = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 400 : 40);
      for (int k = 0; k < run && i < frames; k++, i++) {
        double base = speech ? 0.6 + 0.4 * rnd.nextDouble() : 0.3 * rnd.nextDouble();
        if (rnd.nextInt(12) == 0) {
          base = rnd.nextDouble(); // a dip or a blip, often between the thresholds
        }
        p[i] = (float) base;
      }
      speech = !speech;
    }
    return p;
  }

  private static VadOptions options(SplittableRandom rnd) {
    int[] maxes = {0, 1000, 3000, 30000};
    return new VadOptions(
        0.3 + 0.4 * rnd.nextDouble(),
        rnd.nextInt(400),
        rnd.nextInt(800),
        rnd.nextInt(300),
        maxes[rnd.nextInt(maxes.length)]);
  }

  private record Streamed(List<StreamingSegmenter.Span> spans, List<Long> retainBefore) {}

  private static Streamed stream(float[] p, long total, VadOptions o) {
    StreamingSegmenter s = new StreamingSegmenter(FRAME, RATE, o);
    List<StreamingSegmenter.Span> spans = new ArrayList<>();
    List<Long> retained = new ArrayList<>();
    long retain = 0;
    for (float x : p) {
      for (StreamingSegmenter.Span span : s.accept(x)) {
        spans.add(span);
        retained.add(retain);
      }
      retain = s.retainFrom();
    }
    for (StreamingSegmenter.Span span : s.finish(total)) {
      spans.add(span);
      retained.add(retain);
    }
    return new Streamed(spans, retained);
  }

  @Test
  void spansEqualTheWholeSignalSegmentersOnRandomProbabilities() {
    SplittableRandom rnd = new SplittableRandom(20261201);
    int compared = 0;
    for (int run = 0; run < 400; run++) {
      float[] p = probabilities(rnd, 50 + rnd.nextInt(3000));
      long total = (long) p.length * FRAME - rnd.nextInt(FRAME);
      VadOptions o = options(rnd);
      List<Segment> whole = SpeechSegmenter.segments(p, FRAME, RATE, total, o);
      List<StreamingSegmenter.Span> spans = stream(p, total, o).spans();
      List<double[]> streamed = new ArrayList<>();
      for (StreamingSegmenter.Span s : spans) {
        streamed.add(new double[] {s.startSeconds(RATE), s.endSeconds(RATE)});
      }
      List<double[]> expected = new ArrayList<>();
      for (Segment s : whole) {
        expected.add(new double[] {s.start(), s.end()});
      }
      assertThat(streamed)
          .as("run %d with %s", run, o)
          .usingRecursiveComparison()
          .isEqualTo(expected);
      compared += whole.size();
    }
    assertThat(compared).as("segments compared").isGreaterThan(2000);
  }

  @Test
  void noSpanStartsBeforeTheAudioItAllowedToBeDropped() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int run = 0; run < 200; run++) {
      float[] p = probabilities(rnd, 100 + rnd.nextInt(3000));
      Streamed s = stream(p, (long) p.length * FRAME, options(rnd));
      for (int i = 0; i < s.spans().size(); i++) {
        assertThat(s.spans().get(i).start())
            .as("run %d span %d", run, i)
            .isGreaterThanOrEqualTo(s.retainBefore().get(i));
      }
    }
  }

  @Test
  void aSpanIsSettledWithinTwicePaddingAfterItEndsWhenSilenceFollows() {
    VadOptions o = new VadOptions(0.5, 100, 200, 100, 0);
    float[] p = new float[400];
    java.util.Arrays.fill(p, 50, 150, 0.9f); // speech from 1.6 s to 4.8 s, then silence
    StreamingSegmenter s = new StreamingSegmenter(FRAME, RATE, o);
    int settledAt = -1;
    for (int i = 0; i < p.length && settledAt < 0; i++) {
      if (!s.accept(p[i]).isEmpty()) {
        settledAt = i;
      }
    }
    // the silence must last 200 ms to end the speech, then 2 x 100 ms of padding must pass
    long end = 150L * FRAME;
    long settledBy = (settledAt + 1L) * FRAME;
    assertThat(settledAt).isPositive();
    assertThat(settledBy - end).isLessThanOrEqualTo((long) RATE * 400 / 1000 + 2 * FRAME);
  }

  @Test
  void retainedAudioStaysBoundedThroughLongSilence() {
    VadOptions o = new VadOptions(0.5, 100, 200, 100, 0);
    StreamingSegmenter s = new StreamingSegmenter(FRAME, RATE, o);
    long maxHeld = 0;
    for (int i = 0; i < 20_000; i++) { // about ten minutes
      float p = (i / 300) % 2 == 0 && i % 300 < 100 ? 0.9f : 0.05f;
      s.accept(p);
      maxHeld = Math.max(maxHeld, (i + 1L) * FRAME - s.retainFrom());
    }
    assertThat(maxHeld).as("samples held at most").isLessThan(4L * RATE);
  }
}
