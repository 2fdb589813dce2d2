package dev.weft.pipelines.models.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link SpeechSegmenter} for audio that arrives piece by piece: it takes one probability per frame
 * and hands out each speech span as soon as nothing later can change it, with the same spans, to
 * the sample, as the whole-signal segmenter gives. A span is final when the next kept span has
 * started (which decides how a short gap is shared), or when no kept span can start within twice
 * the padding after it, or at the end of the audio. {@link #retainFrom()} says how far back audio
 * is still needed, so a caller keeps only a few seconds (at most a maximum-length span and the
 * little it waits for) however long the audio runs.
 */
public final class StreamingSegmenter {
  /** A stretch of speech in samples: {@code [start, end)}. */
  public record Span(long start, long end) {
    public double startSeconds(int sampleRate) {
      return start / (double) sampleRate;
    }

    public double endSeconds(int sampleRate) {
      return end / (double) sampleRate;
    }

    public long length() {
      return end - start;
    }
  }

  private final int frameSamples;
  private final double threshold;
  private final double negative;
  private final long minSpeech;
  private final long minSilence;
  private final long pad;
  private final long maxSpeech;

  // raw stage: hysteresis, silence, maximum length
  private long frame;
  private boolean speaking;
  private long start;
  private long silenceStart = -1;
  private long quietest = -1;
  private float quietestProbability;

  // padding stage: the last kept span, waiting for its end padding
  private boolean pending;
  private long pendingStart;
  private long pendingEnd;
  private boolean anyKept;
  private boolean finished;

  public StreamingSegmenter(int frameSamples, int sampleRate, VadOptions o) {
    if (frameSamples <= 0 || sampleRate <= 0) {
      throw new IllegalArgumentException(
          "frame size and sample rate must be positive, got " + frameSamples + ", " + sampleRate);
    }
    this.frameSamples = frameSamples;
    this.threshold = o.threshold();
    this.negative = o.negativeThreshold();
    this.minSpeech = (long) sampleRate * o.minSpeechMs() / 1000;
    this.minSilence = (long) sampleRate * o.minSilenceMs() / 1000;
    this.pad = (long) sampleRate * o.speechPadMs() / 1000;
    this.maxSpeech =
        o.maxSpeechMs() == 0 ? Long.MAX_VALUE : (long) sampleRate * o.maxSpeechMs() / 1000;
  }

  /** Takes the next frame's probability; returns the spans that became final (often none). */
  public List<Span> accept(float probability) {
    if (finished) {
      throw new IllegalStateException("the segmenter was finished");
    }
    List<Span> out = new ArrayList<>(1);
    step(probability, out);
    settleFarGap(out);
    return out;
  }

  /**
   * Ends the audio after {@code totalSamples} samples (the last frame may have been padded past
   * it); returns the spans still open.
   */
  public List<Span> finish(long totalSamples) {
    if (finished) {
      return List.of();
    }
    finished = true;
    List<Span> out = new ArrayList<>(2);
    if (speaking) {
      closeRaw(start, Math.min(totalSamples, frame * frameSamples), out);
      speaking = false;
    }
    if (pending) {
      out.add(new Span(pendingStart, Math.min(totalSamples, pendingEnd + pad)));
      pending = false;
    }
    return out;
  }

  /** The earliest sample a span still to come may start at; audio before it is no longer needed. */
  public long retainFrom() {
    long from = frame * frameSamples - pad;
    if (speaking) {
      from = Math.min(from, start - pad);
    }
    if (pending) {
      from = Math.min(from, pendingStart);
    }
    return Math.max(0, from);
  }

  private void step(float p, List<Span> out) {
    long i = frame++;
    long pos = i * frameSamples;
    if (p >= threshold && silenceStart >= 0) {
      silenceStart = -1; // speech came back before the silence was long enough
    }
    if (!speaking) {
      if (p >= threshold) {
        speaking = true;
        start = pos;
        quietest = -1;
      }
      return;
    }
    if (quietest < 0 || p < quietestProbability) {
      quietest = i;
      quietestProbability = p;
    }
    if (pos + frameSamples - start > maxSpeech) {
      // too long: split at the quietest frame seen so far
      long cut = quietest > 0 && quietest * frameSamples > start ? quietest * frameSamples : pos;
      closeRaw(start, cut, out);
      start = cut;
      quietest = -1;
      silenceStart = -1;
      return;
    }
    if (p < negative) {
      if (silenceStart < 0) {
        silenceStart = pos;
      }
      if (pos + frameSamples - silenceStart >= minSilence) {
        closeRaw(start, silenceStart, out);
        speaking = false;
        silenceStart = -1;
      }
    }
  }

  /** A span the hysteresis closed: dropped when too short, else it settles its predecessor. */
  private void closeRaw(long s, long e, List<Span> out) {
    if (e - s < minSpeech) {
      return;
    }
    long paddedStart;
    if (pending) {
      long gap = s - pendingEnd;
      if (gap < 2 * pad) {
        out.add(new Span(pendingStart, pendingEnd + gap / 2));
        paddedStart = s - (gap - gap / 2);
      } else {
        out.add(new Span(pendingStart, pendingEnd + pad));
        paddedStart = s - pad;
      }
    } else {
      paddedStart = anyKept ? s - pad : Math.max(0, s - pad);
    }
    pending = true;
    anyKept = true;
    pendingStart = paddedStart;
    pendingEnd = e;
  }

  /**
   * Settles the pending span once no kept span can start closer than twice the padding after it:
   * the audio has run past that point and any speech open now began after it.
   */
  private void settleFarGap(List<Span> out) {
    if (!pending) {
      return;
    }
    long horizon = pendingEnd + 2 * pad;
    if (frame * frameSamples >= horizon && (!speaking || start >= horizon)) {
      out.add(new Span(pendingStart, pendingEnd + pad));
      pending = false;
    }
  }
}
