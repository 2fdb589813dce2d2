package dev.weft.pipelines.models.vad;

import dev.weft.assets.TranscriptAsset.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The decode step: per-frame speech probabilities to timed segments (hysteresis between the
 * threshold and the negative threshold, minimum speech and silence, padding that never makes
 * neighbours overlap, and an optional maximum length).
 */
public final class SpeechSegmenter {
  private SpeechSegmenter() {}

  /**
   * @param probs one probability per frame
   * @param frameSamples samples per frame
   * @param sampleRate the rate the probabilities were computed at
   * @param totalSamples the audio's length, so padding stops at its end
   */
  public static List<Segment> segments(
      float[] probs, int frameSamples, int sampleRate, long totalSamples, VadOptions o) {
    long minSpeech = (long) sampleRate * o.minSpeechMs() / 1000;
    long minSilence = (long) sampleRate * o.minSilenceMs() / 1000;
    long pad = (long) sampleRate * o.speechPadMs() / 1000;
    long maxSpeech =
        o.maxSpeechMs() == 0 ? Long.MAX_VALUE : (long) sampleRate * o.maxSpeechMs() / 1000;
    double neg = o.negativeThreshold();

    List<long[]> raw = new ArrayList<>(); // {start, end} in samples
    boolean speaking = false;
    long start = 0;
    long silenceStart = -1;
    int quietest = -1; // frame with the lowest probability inside the current segment
    for (int i = 0; i < probs.length; i++) {
      long pos = (long) i * frameSamples;
      float p = probs[i];
      if (p >= o.threshold() && silenceStart >= 0) {
        silenceStart = -1; // speech came back before the silence was long enough
      }
      if (!speaking) {
        if (p >= o.threshold()) {
          speaking = true;
          start = pos;
          quietest = -1;
        }
        continue;
      }
      if (quietest < 0 || p < probs[quietest]) {
        quietest = i;
      }
      if (pos + frameSamples - start > maxSpeech) {
        // too long: split at the quietest frame seen so far
        long cut =
            quietest > 0 && (long) quietest * frameSamples > start
                ? (long) quietest * frameSamples
                : pos;
        raw.add(new long[] {start, cut});
        start = cut;
        quietest = -1;
        silenceStart = -1;
        continue;
      }
      if (p < neg) {
        if (silenceStart < 0) {
          silenceStart = pos;
        }
        if (pos + frameSamples - silenceStart >= minSilence) {
          raw.add(new long[] {start, silenceStart});
          speaking = false;
          silenceStart = -1;
        }
      }
    }
    if (speaking) {
      raw.add(new long[] {start, Math.min(totalSamples, (long) probs.length * frameSamples)});
    }
    List<long[]> kept = new ArrayList<>();
    for (long[] s : raw) {
      if (s[1] - s[0] >= minSpeech) {
        kept.add(s);
      }
    }
    // padding: each side grows by pad, but a short gap is shared between neighbours
    for (int i = 0; i < kept.size(); i++) {
      long[] s = kept.get(i);
      long lo = i == 0 ? Math.max(0, s[0] - pad) : s[0];
      long hi;
      if (i + 1 < kept.size()) {
        long gap = kept.get(i + 1)[0] - s[1];
        if (gap < 2 * pad) {
          hi = s[1] + gap / 2;
          kept.get(i + 1)[0] -= gap - gap / 2;
        } else {
          hi = s[1] + pad;
          kept.get(i + 1)[0] -= pad;
        }
      } else {
        hi = Math.min(totalSamples, s[1] + pad);
      }
      s[0] = lo;
      s[1] = hi;
    }
    List<Segment> out = new ArrayList<>(kept.size());
    for (long[] s : kept) {
      out.add(new Segment(s[0] / (double) sampleRate, s[1] / (double) sampleRate, ""));
    }
    return out;
  }
}
