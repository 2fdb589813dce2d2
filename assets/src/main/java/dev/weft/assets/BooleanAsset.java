package dev.weft.assets;

/** A yes/no value. */
public final class BooleanAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "application/x-weft-boolean";
  private static final BooleanAsset TRUE = new BooleanAsset(true);
  private static final BooleanAsset FALSE = new BooleanAsset(false);
  private final boolean value;

  private BooleanAsset(boolean value) {
    super(ContentHash.of("boolean").update(value ? 1L : 0L).hex());
    this.value = value;
  }

  public static BooleanAsset of(boolean value) {
    return value ? TRUE : FALSE;
  }

  public boolean value() {
    return value;
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public String describe() {
    return Boolean.toString(value);
  }
}
