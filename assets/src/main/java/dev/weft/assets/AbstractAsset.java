package dev.weft.assets;

/**
 * Equality by content hash, shared by the built-in asset kinds. Large values (images, audio) hash
 * lazily: frames that are looked at and dropped never pay for SHA-256.
 */
abstract class AbstractAsset implements Asset {
  private volatile String hash;

  AbstractAsset(String hash) {
    this.hash = hash;
  }

  /** For kinds that compute their hash on first use through {@link #computeHash()}. */
  AbstractAsset() {}

  /** The hash of a lazily hashed asset; only called when the constructor was given none. */
  String computeHash() {
    throw new IllegalStateException(getClass().getSimpleName() + " has no hash");
  }

  @Override
  public final String hash() {
    String h = hash;
    if (h == null) {
      h = computeHash();
      hash = h;
    }
    return h;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof Asset other
        && other.getClass() == getClass()
        && other.hash().equals(hash());
  }

  @Override
  public final int hashCode() {
    return hash().hashCode();
  }

  @Override
  public String toString() {
    return describe() + " #" + hash().substring(0, 12);
  }
}
