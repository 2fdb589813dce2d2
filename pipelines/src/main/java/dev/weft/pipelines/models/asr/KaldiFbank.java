package dev.weft.pipelines.models.asr;

import dev.weft.nativelibs.math.CMath;

/**
 * Kaldi-compatible log-mel filterbank with the settings SenseVoice and Paraformer were trained
 * with, as sherpa-onnx (through kaldi-native-fbank) computes them: 16 kHz, 25 ms frames every 10
 * ms, frames fully inside the signal ("snip edges"), no dither, DC offset removed, pre-emphasis
 * 0.97, Hamming window, FFT of the frame zero-padded to the next power of two, power spectrum,
 * triangular mel bins from 20 Hz to Nyquist on the HTK mel scale, natural log floored at the float
 * epsilon. Float arithmetic follows the reference's order of operations, so features agree with it
 * to float rounding.
 */
public final class KaldiFbank {
  /** The sample rate the models were trained at. */
  public static final int SAMPLE_RATE = 16000;

  private static final float PREEMPHASIS = 0.97f;
  private static final float LOW_FREQ = 20f;
  private static final float FLOAT_EPSILON = Math.ulp(1.0f);

  private final int melBins;
  private final int frameLength;
  private final int frameShift;
  private final float[] window;
  private final int[] binOffset;
  private final float[][] binWeights;
  private final RealFft fft;

  /** Filterbank with {@code melBins} bins (80 for SenseVoice and Paraformer). */
  public KaldiFbank(int melBins) {
    this(melBins, 25f, 10f);
  }

  KaldiFbank(int melBins, float frameLengthMs, float frameShiftMs) {
    if (melBins < 3) {
      throw new IllegalArgumentException("need at least 3 mel bins, got " + melBins);
    }
    this.melBins = melBins;
    this.frameLength = (int) (SAMPLE_RATE * 0.001f * frameLengthMs);
    this.frameShift = (int) (SAMPLE_RATE * 0.001f * frameShiftMs);
    this.window = hamming(frameLength);
    int padded = Integer.highestOneBit(frameLength - 1) << 1;
    this.fft = new RealFft(padded);
    int fftBins = padded / 2;
    binOffset = new int[melBins];
    binWeights = new float[melBins][];
    float fftBinWidth = SAMPLE_RATE / (float) padded;
    float nyquist = 0.5f * SAMPLE_RATE;
    float melLow = melScale(LOW_FREQ);
    float melHigh = melScale(nyquist);
    float melDelta = (melHigh - melLow) / (melBins + 1);
    float[] weights = new float[fftBins];
    for (int bin = 0; bin < melBins; bin++) {
      float left = melLow + bin * melDelta;
      float center = melLow + (bin + 1) * melDelta;
      float right = melLow + (bin + 2) * melDelta;
      int first = -1;
      int last = -1;
      for (int i = 0; i < fftBins; i++) {
        float mel = melScale(fftBinWidth * i);
        if (mel > left && mel < right) {
          weights[i] =
              mel <= center ? (mel - left) / (center - left) : (right - mel) / (right - center);
          if (first == -1) {
            first = i;
          }
          last = i;
        }
      }
      if (first == -1) {
        throw new IllegalArgumentException(melBins + " mel bins are too many for this FFT size");
      }
      binOffset[bin] = first;
      binWeights[bin] = java.util.Arrays.copyOfRange(weights, first, last + 1);
    }
  }

  private static float melScale(float freq) {
    return 1127.0f * CMath.logf(1.0f + freq / 700.0f);
  }

  private static float[] hamming(int length) {
    float[] w = new float[length];
    double a = 2 * Math.PI / (length - 1);
    for (int i = 0; i < length; i++) {
      w[i] = (float) (0.54 - 0.46 * Math.cos(a * i));
    }
    return w;
  }

  public int melBins() {
    return melBins;
  }

  /** Frames produced for {@code samples} samples (0 when shorter than one 25 ms frame). */
  public int frameCount(long samples) {
    return samples < frameLength ? 0 : (int) (1 + (samples - frameLength) / frameShift);
  }

  /**
   * Computes the features of {@code samples} (already in the model's amplitude range), row-major
   * {@code [frames][melBins]}.
   */
  public float[] compute(float[] samples) {
    int frames = frameCount(samples.length);
    float[] out = new float[frames * melBins];
    float[] frame = new float[fft.size()];
    for (int f = 0; f < frames; f++) {
      computeFrame(samples, f * frameShift, frame, out, f * melBins);
    }
    return out;
  }

  private void computeFrame(float[] samples, int start, float[] frame, float[] out, int outOffset) {
    int n = frameLength;
    System.arraycopy(samples, start, frame, 0, n);
    java.util.Arrays.fill(frame, n, frame.length, 0f);
    float sum = 0;
    for (int i = 0; i < n; i++) {
      sum += frame[i];
    }
    float mean = sum / n;
    for (int i = 0; i < n; i++) {
      frame[i] -= mean;
    }
    for (int i = n - 1; i > 0; i--) {
      frame[i] -= PREEMPHASIS * frame[i - 1];
    }
    frame[0] -= PREEMPHASIS * frame[0];
    for (int i = 0; i < n; i++) {
      frame[i] *= window[i];
    }
    fft.forward(frame);
    int half = frame.length / 2;
    float first = frame[0] * frame[0];
    float nyquistEnergy = frame[1] * frame[1];
    for (int i = 1; i < half; i++) {
      float re = frame[2 * i];
      float im = frame[2 * i + 1];
      frame[i] = re * re + im * im;
    }
    frame[0] = first;
    frame[half] = nyquistEnergy;
    for (int bin = 0; bin < melBins; bin++) {
      float[] w = binWeights[bin];
      int offset = binOffset[bin];
      float energy = 0;
      for (int k = 0; k < w.length; k++) {
        energy += w[k] * frame[offset + k];
      }
      out[outOffset + bin] = CMath.logf(Math.max(energy, FLOAT_EPSILON));
    }
  }
}
