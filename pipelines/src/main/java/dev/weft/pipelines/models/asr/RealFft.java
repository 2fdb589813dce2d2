package dev.weft.pipelines.models.asr;

/**
 * Forward FFT of a real signal whose length is a power of two, in single precision with the same
 * sequence of float operations as the reference front end (kaldi-native-fbank on kissfft): the
 * signal is packed into a half-length complex FFT, decimated in time by radix-4 stages (one radix-2
 * stage when the length is not a power of four), then split into the spectrum of the real signal.
 * Doing the same arithmetic in the same order makes the spectrum equal the reference's bit for bit,
 * which keeps decisions that hinge on the last bit (argmax near-ties, CIF firing) identical too.
 * Output layout follows Kaldi: {@code [re0, reN/2, re1, im1, re2, im2, ...]}.
 */
final class RealFft {
  private final int n;
  private final int half;
  private final int[] radices;
  private final float[] twiddleRe;
  private final float[] twiddleIm;
  private final float[] splitRe;
  private final float[] splitIm;
  private final float[] inRe;
  private final float[] inIm;
  private final float[] re;
  private final float[] im;

  RealFft(int n) {
    if (n < 4 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two >= 4, got " + n);
    }
    this.n = n;
    this.half = n / 2;
    this.radices = radices(half);
    twiddleRe = new float[half];
    twiddleIm = new float[half];
    for (int i = 0; i < half; i++) {
      double phase = -2 * Math.PI * i / half;
      twiddleRe[i] = (float) Math.cos(phase);
      twiddleIm[i] = (float) Math.sin(phase);
    }
    splitRe = new float[half / 2];
    splitIm = new float[half / 2];
    for (int i = 0; i < half / 2; i++) {
      double phase = -Math.PI * ((double) (i + 1) / half + .5);
      splitRe[i] = (float) Math.cos(phase);
      splitIm[i] = (float) Math.sin(phase);
    }
    inRe = new float[half];
    inIm = new float[half];
    re = new float[half];
    im = new float[half];
  }

  /** Radix 4 while it divides, then 2 (the lengths here are powers of two). */
  private static int[] radices(int length) {
    int count = 0;
    int[] out = new int[32];
    int left = length;
    while (left > 1) {
      int p = left % 4 == 0 ? 4 : 2;
      out[count++] = p;
      left /= p;
    }
    return java.util.Arrays.copyOf(out, count);
  }

  int size() {
    return n;
  }

  /** Transforms {@code data} (length n) in place into the Kaldi packed layout. */
  void forward(float[] data) {
    for (int i = 0; i < half; i++) {
      inRe[i] = data[2 * i];
      inIm[i] = data[2 * i + 1];
    }
    transform(0, 0, 1, 0, half);

    float dcRe = re[0];
    float dcIm = im[0];
    data[0] = dcRe + dcIm;
    data[1] = dcRe - dcIm;
    for (int k = 1; k <= half / 2; k++) {
      float pkRe = re[k];
      float pkIm = im[k];
      float pnkRe = re[half - k];
      float pnkIm = -im[half - k];
      float f1Re = pkRe + pnkRe;
      float f1Im = pkIm + pnkIm;
      float f2Re = pkRe - pnkRe;
      float f2Im = pkIm - pnkIm;
      float wr = splitRe[k - 1];
      float wi = splitIm[k - 1];
      float twRe = f2Re * wr - f2Im * wi;
      float twIm = f2Re * wi + f2Im * wr;
      float lowRe = (f1Re + twRe) * .5f;
      float lowIm = (f1Im + twIm) * .5f;
      float highRe = (f1Re - twRe) * .5f;
      float highIm = (twIm - f1Im) * .5f;
      put(data, k, lowRe, lowIm);
      // At k = n/4 the bin is its own mirror: the second value stands, as in the reference.
      put(data, half - k, highRe, highIm);
    }
  }

  /** Writes bin k (1 <= k < n/2) into the packed layout. */
  private static void put(float[] data, int k, float real, float imag) {
    data[2 * k] = real;
    data[2 * k + 1] = imag;
  }

  /**
   * The DFT of the {@code length} inputs starting at {@code inOffset} with stride {@code stride},
   * into {@code re/im[outOffset, outOffset + length)}: the sub-DFTs of the decimated inputs first,
   * then one butterfly pass combining them.
   */
  private void transform(int outOffset, int inOffset, int stride, int stage, int length) {
    int p = radices[stage];
    int m = length / p;
    if (m == 1) {
      for (int j = 0; j < p; j++) {
        re[outOffset + j] = inRe[inOffset + j * stride];
        im[outOffset + j] = inIm[inOffset + j * stride];
      }
    } else {
      for (int j = 0; j < p; j++) {
        transform(outOffset + j * m, inOffset + j * stride, stride * p, stage + 1, m);
      }
    }
    if (p == 4) {
      radix4(outOffset, stride, m);
    } else {
      radix2(outOffset, stride, m);
    }
  }

  private void radix2(int at, int stride, int m) {
    for (int k = 0; k < m; k++) {
      int a = at + k;
      int b = a + m;
      float wr = twiddleRe[k * stride];
      float wi = twiddleIm[k * stride];
      float tRe = re[b] * wr - im[b] * wi;
      float tIm = re[b] * wi + im[b] * wr;
      re[b] = re[a] - tRe;
      im[b] = im[a] - tIm;
      re[a] += tRe;
      im[a] += tIm;
    }
  }

  private void radix4(int at, int stride, int m) {
    for (int k = 0; k < m; k++) {
      int i0 = at + k;
      int i1 = i0 + m;
      int i2 = i0 + 2 * m;
      int i3 = i0 + 3 * m;
      float w1r = twiddleRe[k * stride];
      float w1i = twiddleIm[k * stride];
      float w2r = twiddleRe[2 * k * stride];
      float w2i = twiddleIm[2 * k * stride];
      float w3r = twiddleRe[3 * k * stride];
      float w3i = twiddleIm[3 * k * stride];
      float s0r = re[i1] * w1r - im[i1] * w1i;
      float s0i = re[i1] * w1i + im[i1] * w1r;
      float s1r = re[i2] * w2r - im[i2] * w2i;
      float s1i = re[i2] * w2i + im[i2] * w2r;
      float s2r = re[i3] * w3r - im[i3] * w3i;
      float s2i = re[i3] * w3i + im[i3] * w3r;
      float s5r = re[i0] - s1r;
      float s5i = im[i0] - s1i;
      re[i0] += s1r;
      im[i0] += s1i;
      float s3r = s0r + s2r;
      float s3i = s0i + s2i;
      float s4r = s0r - s2r;
      float s4i = s0i - s2i;
      re[i2] = re[i0] - s3r;
      im[i2] = im[i0] - s3i;
      re[i0] += s3r;
      im[i0] += s3i;
      re[i1] = s5r + s4i;
      im[i1] = s5i - s4r;
      re[i3] = s5r - s4i;
      im[i3] = s5i + s4r;
    }
  }
}
