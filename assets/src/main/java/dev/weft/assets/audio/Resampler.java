package dev.weft.assets.audio;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A band-limited sample-rate converter: a Kaiser-windowed sinc evaluated as a polyphase filter at
 * the exact rational ratio of the two rates (not linear interpolation). Everything from {@code
 * passband} of the lower Nyquist frequency down is kept flat; everything from the lower Nyquist
 * frequency up is attenuated by at least {@code stopbandDb}, so aliases stay below that bound.
 *
 * <p>Use {@link #resample} for a whole signal, or {@link #process} and {@link #flush} to stream it
 * in pieces of any size; both give the same samples. Output sample {@code j} lies at input time
 * {@code j * inRate / outRate}, so there is no delay, and a signal of {@code n} frames becomes
 * {@code ceil(n * outRate / inRate)} frames.
 */
public final class Resampler {
  /** Rate ratios whose reduced numerator exceeds this use interpolated filter phases. */
  private static final int MAX_EXACT_PHASES = 2048;

  private static final int INTERPOLATED_PHASES = 2048;

  /** Below this many output frames a piece is computed on one thread. */
  private static final int PARALLEL_THRESHOLD = 1 << 13;

  /**
   * How hard the resampler works.
   *
   * @param passband the fraction (0 to 1) of the lower Nyquist frequency kept flat
   * @param stopbandDb the attenuation at and above the lower Nyquist frequency, in dB
   */
  public record Quality(double passband, double stopbandDb) {
    /**
     * The default: flat to 90% of the lower Nyquist frequency (7.2 kHz when going to 16 kHz),
     * aliases and images at least 100 dB down, beyond what 16-bit audio can show.
     */
    public static final Quality HIGH = new Quality(0.90, 100);

    /** Cheaper: flat to 80% of Nyquist, 80 dB. */
    public static final Quality MEDIUM = new Quality(0.80, 80);

    public Quality {
      if (!(passband > 0.1 && passband < 0.99)) {
        throw new IllegalArgumentException("passband must be in (0.1, 0.99), got " + passband);
      }
      if (!(stopbandDb >= 20 && stopbandDb <= 180)) {
        throw new IllegalArgumentException(
            "stopband attenuation must be 20 to 180 dB, got " + stopbandDb);
      }
    }
  }

  private final int inRate;
  private final int outRate;
  private final int channels;
  private final Quality quality;
  private final int up; // L: output rate / gcd
  private final int down; // M: input rate / gcd
  private final int half; // H: taps reach H input samples either side
  private final int taps; // 2H
  private final int phases; // rows in the table
  private final boolean exact;
  private final float[] coef; // phases (+1 when interpolated) rows of `taps`

  // streaming state, per channel: input history from absolute index bufStart
  private final float[][] buf;
  private int bufLen;
  private long bufStart; // absolute input index of buf[c][0] (may be negative: virtual zeros)
  private long nextOut; // index of the next output frame
  private long inFrames; // input frames seen so far
  private boolean flushed;

  private Resampler(int inRate, int outRate, int channels, Quality quality) {
    if (inRate <= 0 || outRate <= 0) {
      throw new IllegalArgumentException(
          "sample rates must be positive, got " + inRate + " -> " + outRate);
    }
    if (channels <= 0) {
      throw new IllegalArgumentException("channel count must be positive, got " + channels);
    }
    this.inRate = inRate;
    this.outRate = outRate;
    this.channels = channels;
    this.quality = quality;
    int g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    double nyquistLow = Math.min(inRate, outRate) / 2.0;
    double passEdge = quality.passband() * nyquistLow;
    double stopEdge = nyquistLow;
    double cutoff = (passEdge + stopEdge) / 2 / inRate; // cycles per input sample
    double transition = 2 * Math.PI * (stopEdge - passEdge) / inRate; // rad per input sample
    double a = quality.stopbandDb();
    // Kaiser's estimate of the length, plus a margin: the estimate runs short for high attenuation.
    int length = (int) Math.ceil((a - 7.95) / (2.285 * transition) * 1.06) + 1;
    this.half = Math.max(2, (length + 1) / 2);
    this.taps = 2 * half;
    this.exact = up <= MAX_EXACT_PHASES;
    this.phases = exact ? up : INTERPOLATED_PHASES;
    double beta = kaiserBeta(a);
    int rows = exact ? phases : phases + 1;
    this.coef = new float[rows * taps];
    double i0Beta = besselI0(beta);
    for (int p = 0; p < rows; p++) {
      double frac = (double) p / phases;
      double sum = 0;
      double[] row = new double[taps];
      for (int m = 0; m < taps; m++) {
        double t = frac + half - 1 - m; // time from input sample to output instant
        double r = t / half;
        double w = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
        double x = 2 * cutoff * t;
        double sinc = Math.abs(x) < 1e-12 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        row[m] = 2 * cutoff * sinc * w;
        sum += row[m];
      }
      for (int m = 0; m < taps; m++) {
        coef[p * taps + m] = (float) (row[m] / sum); // each phase has unity gain at DC
      }
    }
    this.buf = new float[channels][Math.max(4 * taps, 1 << 12)];
    reset();
  }

  /** A resampler from one rate to another for interleaved audio of some channels. */
  public static Resampler create(int inRate, int outRate, int channels, Quality quality) {
    return new Resampler(inRate, outRate, channels, quality);
  }

  /** A resampler with {@link Quality#HIGH}. */
  public static Resampler create(int inRate, int outRate, int channels) {
    return new Resampler(inRate, outRate, channels, Quality.HIGH);
  }

  /** Resamples a whole interleaved signal in one call. */
  public static float[] resample(
      float[] interleaved, int channels, int inRate, int outRate, Quality quality) {
    if (inRate == outRate) {
      return interleaved.clone();
    }
    Resampler r = create(inRate, outRate, channels, quality);
    float[] a = r.process(interleaved, 0, interleaved.length / channels);
    float[] b = r.flush();
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  public int inRate() {
    return inRate;
  }

  public int outRate() {
    return outRate;
  }

  public Quality quality() {
    return quality;
  }

  /** Filter taps per output sample (its cost). */
  public int taps() {
    return taps;
  }

  /** Starts a new signal. */
  public void reset() {
    bufLen = half - 1; // virtual zeros before the first sample
    for (float[] b : buf) {
      Arrays.fill(b, 0, bufLen, 0f);
    }
    bufStart = -(half - 1);
    nextOut = 0;
    inFrames = 0;
    flushed = false;
  }

  /** How many output frames a signal of {@code frames} input frames becomes. */
  public long outputFrames(long frames) {
    return ceilDiv(frames * up, down);
  }

  /**
   * Feeds {@code frames} interleaved frames starting at {@code offset} frames into {@code in};
   * returns the output frames that are now complete (interleaved).
   */
  public float[] process(float[] in, int offset, int frames) {
    if (flushed) {
      throw new IllegalStateException("flush() was called; reset() before feeding a new signal");
    }
    append(in, offset, frames);
    inFrames += frames;
    return drain(false);
  }

  /** Ends the signal: returns the remaining output frames. */
  public float[] flush() {
    if (flushed) {
      return new float[0];
    }
    flushed = true;
    float[] zeros = new float[(half + 1) * channels];
    append(zeros, 0, half + 1);
    return drain(true);
  }

  private void append(float[] in, int offset, int frames) {
    ensureCapacity(bufLen + frames);
    for (int c = 0; c < channels; c++) {
      float[] b = buf[c];
      for (int i = 0, s = offset * channels + c; i < frames; i++, s += channels) {
        b[bufLen + i] = in[s];
      }
    }
    bufLen += frames;
  }

  private void ensureCapacity(int needed) {
    if (needed <= buf[0].length) {
      return;
    }
    int cap = Math.max(needed, buf[0].length * 2);
    for (int c = 0; c < channels; c++) {
      buf[c] = Arrays.copyOf(buf[c], cap);
    }
  }

  private float[] drain(boolean last) {
    long limit = last ? outputFrames(inFrames) : Long.MAX_VALUE;
    // Output j needs input up to floor(j*M/L) + H, which must be in the buffer.
    long availableEnd = bufStart + bufLen; // exclusive absolute index
    long maxByInput = ceilDiv((availableEnd - half) * up + 1, down); // outputs with n_j+H < end
    long end = Math.min(limit, Math.max(nextOut, maxByInput));
    while (end > nextOut && windowStart(end - 1) + taps > availableEnd) {
      end--;
    }
    int count = (int) (end - nextOut);
    float[] out = new float[count * channels];
    if (count > 0) {
      long first = nextOut;
      if (count >= PARALLEL_THRESHOLD) {
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
        int per = (count + parts - 1) / parts;
        IntStream.range(0, parts)
            .parallel()
            .forEach(k -> {
              int from = k * per;
              int to = Math.min(count, from + per);
              if (from < to) {
                compute(first + from, to - from, out, from);
              }
            });
      } else {
        compute(first, count, out, 0);
      }
      nextOut = end;
    }
    // Keep only what the next output still needs.
    long keepFrom = windowStart(nextOut);
    int drop = (int) Math.max(0, Math.min(bufLen, keepFrom - bufStart));
    if (drop > 0) {
      for (float[] b : buf) {
        System.arraycopy(b, drop, b, 0, bufLen - drop);
      }
      bufLen -= drop;
      bufStart += drop;
    }
    return out;
  }

  // absolute index of the first input sample output j reads
  private long windowStart(long j) {
    return Math.floorDiv(j * down, up) - half + 1;
  }

  private void compute(long firstOut, int count, float[] out, int outOffset) {
    long n = Math.floorDiv(firstOut * down, up);
    int p = (int) Math.floorMod(firstOut * down, (long) up);
    int stepInt = down / up;
    int stepFrac = down % up;
    for (int i = 0; i < count; i++) {
      int start = (int) (n - half + 1 - bufStart);
      int o = (outOffset + i) * channels;
      if (exact) {
        int row = p * taps;
        for (int c = 0; c < channels; c++) {
          out[o + c] = dot(coef, row, buf[c], start, taps);
        }
      } else {
        double pos = (double) p * phases / up;
        int r = (int) pos;
        float f = (float) (pos - r);
        int row0 = r * taps;
        int row1 = row0 + taps;
        for (int c = 0; c < channels; c++) {
          float a = dot(coef, row0, buf[c], start, taps);
          float b = dot(coef, row1, buf[c], start, taps);
          out[o + c] = a + f * (b - a);
        }
      }
      p += stepFrac;
      n += stepInt;
      if (p >= up) {
        p -= up;
        n++;
      }
    }
  }

  // Eight independent fused multiply-add chains keep both FMA ports of a core busy.
  private static float dot(float[] h, int ho, float[] x, int xo, int len) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int k = 0;
    for (; k + 7 < len; k += 8) {
      s0 = Math.fma(h[ho + k], x[xo + k], s0);
      s1 = Math.fma(h[ho + k + 1], x[xo + k + 1], s1);
      s2 = Math.fma(h[ho + k + 2], x[xo + k + 2], s2);
      s3 = Math.fma(h[ho + k + 3], x[xo + k + 3], s3);
      s4 = Math.fma(h[ho + k + 4], x[xo + k + 4], s4);
      s5 = Math.fma(h[ho + k + 5], x[xo + k + 5], s5);
      s6 = Math.fma(h[ho + k + 6], x[xo + k + 6], s6);
      s7 = Math.fma(h[ho + k + 7], x[xo + k + 7], s7);
    }
    for (; k < len; k++) {
      s0 = Math.fma(h[ho + k], x[xo + k], s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  private static double kaiserBeta(double a) {
    if (a > 50) {
      return 0.1102 * (a - 8.7);
    }
    if (a >= 21) {
      return 0.5842 * Math.pow(a - 21, 0.4) + 0.07886 * (a - 21);
    }
    return 0;
  }

  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double half = x / 2;
    for (int k = 1; k < 200; k++) {
      term *= (half / k) * (half / k);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static long ceilDiv(long a, long b) {
    return Math.floorDiv(a + b - 1, b);
  }
}
