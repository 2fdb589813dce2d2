package dev.weft.assets.audio;

/** The sample encodings WAV files carry. */
public enum WavFormat {
  /** Unsigned 8-bit integers. */
  PCM_U8(8, false),
  /** Signed 16-bit integers, the usual CD-quality WAV. */
  PCM_S16(16, false),
  /** Signed 24-bit integers. */
  PCM_S24(24, false),
  /** Signed 32-bit integers. */
  PCM_S32(32, false),
  /** IEEE 32-bit floats. */
  FLOAT32(32, true),
  /** IEEE 64-bit floats (read only). */
  FLOAT64(64, true);

  private final int bits;
  private final boolean floating;

  WavFormat(int bits, boolean floating) {
    this.bits = bits;
    this.floating = floating;
  }

  public int bits() {
    return bits;
  }

  public int bytesPerSample() {
    return bits / 8;
  }

  public boolean isFloat() {
    return floating;
  }
}
