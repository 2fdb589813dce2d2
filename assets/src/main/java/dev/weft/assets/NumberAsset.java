package dev.weft.assets;

/** A finite number; integers are exact up to 2^53. */
public final class NumberAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "application/x-weft-number";
  private final double value;

  private NumberAsset(double value) {
    super(ContentHash.of("number").update(value).hex());
    this.value = value;
  }

  public static NumberAsset of(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a number must be finite, got " + value);
    }
    return new NumberAsset(value);
  }

  public double value() {
    return value;
  }

  /** True when the value has no fractional part. */
  public boolean isIntegral() {
    return value == Math.rint(value) && Math.abs(value) < 0x1p53;
  }

  public long asLong() {
    return (long) value;
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public String describe() {
    return isIntegral() ? Long.toString(asLong()) : Double.toString(value);
  }
}
