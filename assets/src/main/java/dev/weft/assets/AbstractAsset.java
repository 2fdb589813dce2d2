package dev.weft.assets;

/** Equality by content hash, shared by the built-in asset kinds. */
abstract class AbstractAsset implements Asset {
  private final String hash;

  AbstractAsset(String hash) {
    this.hash = hash;
  }

  @Override
  public final String hash() {
    return hash;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof Asset other && other.getClass() == getClass() && other.hash().equals(hash);
  }

  @Override
  public final int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return describe() + " #" + hash.substring(0, 12);
  }
}
