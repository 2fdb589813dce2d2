package dev.weft.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 content hashes as lowercase hex, fed incrementally. */
public final class ContentHash {
  private static final HexFormat HEX = HexFormat.of();
  private final MessageDigest digest;

  private ContentHash(String domain) {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    // A domain tag keeps values of different kinds with equal bytes apart.
    update(domain);
  }

  /** Starts a hash for values of one kind (the domain is hashed first). */
  public static ContentHash of(String domain) {
    return new ContentHash(domain);
  }

  /** The hash of a file's bytes, with no domain tag (what {@code sha256sum} prints). */
  public static String ofFile(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HEX.formatHex(md.digest());
  }

  /** The hash of raw bytes, with no domain tag. */
  public static String ofBytes(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  public ContentHash update(byte[] bytes) {
    digest.update(bytes);
    return this;
  }

  public ContentHash update(byte[] bytes, int offset, int length) {
    digest.update(bytes, offset, length);
    return this;
  }

  public ContentHash update(ByteBuffer bytes) {
    digest.update(bytes);
    return this;
  }

  /** Feeds a string as UTF-8, preceded by its length so that concatenations stay unambiguous. */
  public ContentHash update(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    update(bytes.length);
    digest.update(bytes);
    return this;
  }

  public ContentHash update(long value) {
    for (int i = 7; i >= 0; i--) {
      digest.update((byte) (value >>> (8 * i)));
    }
    return this;
  }

  public ContentHash update(double value) {
    return update(Double.doubleToLongBits(value == 0.0 ? 0.0 : value));
  }

  /** Finishes the hash; the builder must not be used afterwards. */
  public String hex() {
    return HEX.formatHex(digest.digest());
  }
}
