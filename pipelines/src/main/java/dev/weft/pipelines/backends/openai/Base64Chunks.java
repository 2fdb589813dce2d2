package dev.weft.pipelines.backends.openai;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * Decodes Base64 that arrives in fragments of any length: only whole 4-character groups are
 * decoded, the rest waits for the next fragment, so a fragment boundary inside a group (or a
 * fragment that is not decodable on its own) loses nothing. Whitespace is skipped; both the
 * standard and the URL-safe alphabet are read.
 */
public final class Base64Chunks {
  private final StringBuilder pending = new StringBuilder();
  private long decodedBytes;
  private boolean ended;

  /** Adds a fragment and returns the bytes it completes (possibly none). */
  public byte[] append(CharSequence fragment) {
    if (ended) {
      throw new IllegalStateException("Base64 data continued after its padding");
    }
    for (int i = 0; i < fragment.length(); i++) {
      char c = fragment.charAt(i);
      if (c == '-') {
        c = '+';
      } else if (c == '_') {
        c = '/';
      }
      if (isBase64(c) || c == '=') {
        pending.append(c);
      } else if (!Character.isWhitespace(c)) {
        throw new IllegalArgumentException(
            "audio data holds a character that is not Base64: U+"
                + String.format("%04X", (int) c)
                + " after "
                + (decodedBytes + pending.length() * 3L / 4)
                + " bytes");
      }
    }
    int whole = pending.length() / 4 * 4;
    if (whole == 0) {
      return new byte[0];
    }
    // a padded group ends one encoded block; fragments may hold several blocks back to back
    ByteArrayOutputStream out = new ByteArrayOutputStream(whole / 4 * 3);
    int start = 0;
    for (int g = 0; g < whole; g += 4) {
      if (pending.charAt(g + 3) == '=') {
        out.writeBytes(Base64.getDecoder().decode(pending.substring(start, g + 4)));
        start = g + 4;
      }
    }
    if (start < whole) {
      out.writeBytes(Base64.getDecoder().decode(pending.substring(start, whole)));
    }
    pending.delete(0, whole);
    byte[] bytes = out.toByteArray();
    decodedBytes += bytes.length;
    return bytes;
  }

  /**
   * Ends the data and returns what was left, padding a last group the sender left unpadded.
   *
   * @throws IllegalArgumentException when a single stray character is left (never valid Base64)
   */
  public byte[] finish() {
    ended = true;
    if (pending.isEmpty()) {
      return new byte[0];
    }
    if (pending.length() % 4 == 1) {
      throw new IllegalArgumentException(
          "audio data ends with a broken Base64 group after " + decodedBytes + " bytes");
    }
    while (pending.length() % 4 != 0) {
      pending.append('=');
    }
    byte[] bytes = Base64.getDecoder().decode(pending.toString());
    pending.setLength(0);
    decodedBytes += bytes.length;
    return bytes;
  }

  public long decodedBytes() {
    return decodedBytes;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }
}
