package dev.weft.pipelines.models.asr;

/**
 * Forward FFT of a real signal whose length is a power of two, computed as a half-length complex
 * FFT in double precision. Output layout follows Kaldi: {@code [re0, reN/2, re1, im1, re2, im2,
 * ...]}.
 */
final class RealFft {
  private final int n;
  private final int half;
  private final int[] bitReverse;
  private final double[] cos;
  private final double[] sin;
  private final double[] splitCos;
  private final double[] splitSin;
  private final double[] re;
  private final double[] im;

  RealFft(int n) {
    if (n < 4 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two >= 4, got " + n);
    }
    this.n = n;
    this.half = n / 2;
    int bits = Integer.numberOfTrailingZeros(half);
    bitReverse = new int[half];
    for (int i = 0; i < half; i++) {
      bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
    cos = new double[half / 2];
    sin = new double[half / 2];
    for (int k = 0; k < half / 2; k++) {
      double angle = -2 * Math.PI * k / half;
      cos[k] = Math.cos(angle);
      sin[k] = Math.sin(angle);
    }
    splitCos = new double[half];
    splitSin = new double[half];
    for (int k = 0; k < half; k++) {
      double angle = -2 * Math.PI * k / n;
      splitCos[k] = Math.cos(angle);
      splitSin[k] = Math.sin(angle);
    }
    re = new double[half];
    im = new double[half];
  }

  int size() {
    return n;
  }

  /** Transforms {@code data} (length n) in place into the Kaldi packed layout. */
  void forward(float[] data) {
    for (int i = 0; i < half; i++) {
      int j = bitReverse[i];
      re[j] = data[2 * i];
      im[j] = data[2 * i + 1];
    }
    for (int size = 2; size <= half; size <<= 1) {
      int step = half / size;
      int halfSize = size >> 1;
      for (int start = 0; start < half; start += size) {
        for (int k = 0; k < halfSize; k++) {
          double wr = cos[k * step];
          double wi = sin[k * step];
          int a = start + k;
          int b = a + halfSize;
          double tr = re[b] * wr - im[b] * wi;
          double ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    // Split the half-length complex spectrum Z into the spectrum X of the real signal:
    // X[k] = (Z[k] + conj(Z[N/2-k]))/2 + W^k (Z[k] - conj(Z[N/2-k]))/(2i).
    data[0] = (float) (re[0] + im[0]);
    data[1] = (float) (re[0] - im[0]);
    for (int k = 1; k < half; k++) {
      double zr = re[k];
      double zi = im[k];
      double cr = re[half - k];
      double ci = -im[half - k];
      double er = 0.5 * (zr + cr);
      double ei = 0.5 * (zi + ci);
      double or = 0.5 * (zi - ci);
      double oi = -0.5 * (zr - cr);
      double wr = splitCos[k];
      double wi = splitSin[k];
      data[2 * k] = (float) (er + or * wr - oi * wi);
      data[2 * k + 1] = (float) (ei + or * wi + oi * wr);
    }
  }
}
