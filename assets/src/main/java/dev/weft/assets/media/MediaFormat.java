package dev.weft.assets.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The media formats Weft reads, recognised by their first bytes rather than by file name. */
public enum MediaFormat {
  PNG(Kind.IMAGE, "image/png", List.of("png")),
  JPEG(Kind.IMAGE, "image/jpeg", List.of("jpg", "jpeg", "jpe", "jfif")),
  WEBP(Kind.IMAGE, "image/webp", List.of("webp")),
  BMP(Kind.IMAGE, "image/bmp", List.of("bmp", "dib")),
  WAV(Kind.AUDIO, "audio/wav", List.of("wav", "wave")),
  FLAC(Kind.AUDIO, "audio/flac", List.of("flac")),
  MP3(Kind.AUDIO, "audio/mpeg", List.of("mp3")),
  OGG(Kind.AUDIO, "audio/ogg", List.of("ogg", "oga", "opus")),
  MP4(Kind.VIDEO, "video/mp4", List.of("mp4", "m4v", "m4a", "mov", "3gp")),
  MATROSKA(Kind.VIDEO, "video/x-matroska", List.of("mkv", "webm", "mka"));

  /** What a format holds. */
  public enum Kind {
    IMAGE,
    AUDIO,
    VIDEO
  }

  private final Kind kind;
  private final String mediaType;
  private final List<String> extensions;

  MediaFormat(Kind kind, String mediaType, List<String> extensions) {
    this.kind = kind;
    this.mediaType = mediaType;
    this.extensions = extensions;
  }

  public Kind kind() {
    return kind;
  }

  public String mediaType() {
    return mediaType;
  }

  /** File extensions usual for this format, lower case, without the dot; the first is preferred. */
  public List<String> extensions() {
    return extensions;
  }

  /** The format a file name's extension claims, if it names one. */
  public static Optional<MediaFormat> byExtension(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (MediaFormat f : values()) {
      if (f.extensions.contains(ext)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format of a file as told by its first bytes; empty when they match none we know. */
  public static Optional<MediaFormat> sniff(byte[] head, int length) {
    if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, length, 0, 'R', 'I', 'F', 'F')) {
      if (startsWith(head, length, 8, 'W', 'E', 'B', 'P')) {
        return Optional.of(WEBP);
      }
      if (startsWith(head, length, 8, 'W', 'A', 'V', 'E')) {
        return Optional.of(WAV);
      }
    }
    if (startsWith(head, length, 0, 'R', 'F', '6', '4')
        && startsWith(head, length, 8, 'W', 'A', 'V', 'E')) {
      return Optional.of(WAV);
    }
    if (startsWith(head, length, 0, 'B', 'M') && length >= 14) {
      return Optional.of(BMP);
    }
    if (startsWith(head, length, 0, 'f', 'L', 'a', 'C')) {
      return Optional.of(FLAC);
    }
    if (startsWith(head, length, 0, 'O', 'g', 'g', 'S')) {
      return Optional.of(OGG);
    }
    if (startsWith(head, length, 0, 'I', 'D', '3')) {
      // ID3 tags also front FLAC and AAC files now and then; MP3 is by far the usual case.
      return Optional.of(MP3);
    }
    if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
      int layer = (head[1] >> 1) & 0x3;
      if (layer != 0) {
        return Optional.of(MP3);
      }
    }
    if (startsWith(head, length, 4, 'f', 't', 'y', 'p')
        || startsWith(head, length, 4, 'm', 'o', 'o', 'v')
        || startsWith(head, length, 4, 'm', 'd', 'a', 't')
        || startsWith(head, length, 4, 'w', 'i', 'd', 'e')) {
      return Optional.of(MP4);
    }
    if (startsWith(head, length, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return Optional.of(MATROSKA);
    }
    return Optional.empty();
  }

  /** Reads the first bytes of a file and tells its format; names the file when it is unreadable. */
  public static Optional<MediaFormat> sniff(Path file) throws IOException {
    byte[] head = new byte[64];
    int n = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
        n += r;
      }
    }
    return sniff(head, n);
  }

  /**
   * The format of a file of the given kind, checked against its name: an empty file, unknown bytes
   * or bytes of another format than the extension claims are refused with a message naming the
   * file.
   */
  public static MediaFormat detect(Path file, Kind expected) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new MediaException(
          file, MediaException.Reason.UNSUPPORTED, "no such file, or it is not a regular file");
    }
    if (Files.size(file) == 0) {
      throw new MediaException(file, MediaException.Reason.TRUNCATED, "the file is empty");
    }
    Optional<MediaFormat> claimed = byExtension(file);
    MediaFormat actual =
        sniff(file)
            .orElseThrow(() ->
                new MediaException(
                    file,
                    claimed.isPresent()
                        ? MediaException.Reason.CORRUPT
                        : MediaException.Reason.UNSUPPORTED,
                    claimed
                            .map(c -> "the bytes are not those of a " + c + " file")
                            .orElse(
                                "not a "
                                    + expected.name().toLowerCase(Locale.ROOT)
                                    + " format Weft reads")
                        + " (first bytes: "
                        + headHex(file)
                        + ")"));
    if (claimed.isPresent() && claimed.get() != actual) {
      throw new MediaException(
          file,
          MediaException.Reason.MISLABELLED,
          "the name says "
              + claimed.get()
              + " but the bytes are "
              + actual
              + "; rename it to ."
              + actual.extensions.getFirst());
    }
    if (actual.kind != expected && !(expected == Kind.AUDIO && actual.kind == Kind.VIDEO)) {
      throw new MediaException(
          file,
          MediaException.Reason.UNSUPPORTED,
          "this is a "
              + actual
              + " file ("
              + actual.kind.name().toLowerCase(Locale.ROOT)
              + "), not "
              + expected.name().toLowerCase(Locale.ROOT));
    }
    return actual;
  }

  private static String headHex(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(8);
      StringBuilder sb = new StringBuilder();
      for (byte x : b) {
        sb.append(String.format(Locale.ROOT, "%02x", x & 0xFF));
      }
      String ascii = new String(b, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", ".");
      return sb + " \"" + ascii + "\"";
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static boolean startsWith(byte[] b, int length, int at, int... expected) {
    if (length < at + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((b[at + i] & 0xFF) != (expected[i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }
}
