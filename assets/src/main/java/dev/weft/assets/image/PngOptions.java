package dev.weft.assets.image;

import dev.weft.assets.media.EmbeddedProvenance;
import java.util.Map;
import java.util.Optional;

/**
 * How a PNG is written.
 *
 * @param compressionLevel deflate level from 0 (fastest, largest) to 9 (slowest, smallest)
 * @param text extra iTXt chunks, keyword to text
 * @param embedded the pipeline and provenance to carry, if any
 */
public record PngOptions(
    int compressionLevel, Map<String, String> text, Optional<EmbeddedProvenance> embedded) {
  public static final PngOptions DEFAULT = new PngOptions(6, Map.of(), Optional.empty());

  public PngOptions {
    if (compressionLevel < 0 || compressionLevel > 9) {
      throw new IllegalArgumentException(
          "PNG compression level must be 0 to 9, got " + compressionLevel);
    }
    text = Map.copyOf(text);
    for (String keyword : text.keySet()) {
      if (keyword.isEmpty() || keyword.length() > 79 || !keyword.matches("[\\x20-\\x7e]+")) {
        throw new IllegalArgumentException(
            "a PNG text keyword must be 1 to 79 printable Latin-1 characters, got '"
                + keyword
                + "'");
      }
    }
    embedded = embedded == null ? Optional.empty() : embedded;
  }

  public PngOptions withEmbedded(EmbeddedProvenance e) {
    return new PngOptions(compressionLevel, text, Optional.of(e));
  }

  public PngOptions withCompressionLevel(int level) {
    return new PngOptions(level, text, embedded);
  }
}
