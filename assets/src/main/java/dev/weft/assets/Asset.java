package dev.weft.assets;

/**
 * An immutable value that flows along a wire: text, a number, an image, audio, video, a transcript,
 * or a list of those. Every asset has a content hash over its canonical bytes, so equal content
 * means an equal hash, whatever produced it.
 */
public interface Asset {

  /** The media type, for example {@code image/png} or {@code text/plain}. */
  String mediaType();

  /** SHA-256 over the canonical bytes, as 64 lowercase hex digits. */
  String hash();

  /** A short human description for logs and previews, e.g. {@code "image 640x480"}. */
  String describe();
}
