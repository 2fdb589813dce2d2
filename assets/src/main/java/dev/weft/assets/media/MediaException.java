package dev.weft.assets.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A media file that cannot be read or written: the message names the file, says what is wrong and,
 * where there is one, the fix.
 */
public class MediaException extends IOException {

  /** What went wrong, so callers can react without parsing the message. */
  public enum Reason {
    /** The file is empty or ends before its format says it should. */
    TRUNCATED,
    /** The bytes do not follow the format they claim. */
    CORRUPT,
    /** The file's extension names another format than its bytes. */
    MISLABELLED,
    /** The format is known but not supported for this operation. */
    UNSUPPORTED,
    /** A container without the stream asked for (a video without video, say). */
    NO_STREAM,
    /** Dimensions or length beyond the configured limits (a decompression-bomb guard). */
    TOO_LARGE,
    /** Decoding took longer than its time limit. */
    TIMED_OUT,
    /** Writing the output failed. */
    WRITE_FAILED
  }

  private final transient Path file;
  private final Reason reason;

  public MediaException(Path file, Reason reason, String message) {
    this(file, reason, message, null);
  }

  public MediaException(Path file, Reason reason, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The file concerned. */
  public Path file() {
    return file;
  }

  public Reason reason() {
    return reason;
  }
}
