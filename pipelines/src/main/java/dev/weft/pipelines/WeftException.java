package dev.weft.pipelines;

import java.util.Objects;
import java.util.Optional;

/**
 * The one family of errors Weft reports to people: each says what went wrong, where (a {@link
 * Location}), and, when there is one, how to fix it.
 */
public class WeftException extends RuntimeException {
  private final Location location;
  private final String hint;

  public WeftException(String message, Location location, String hint) {
    this(message, location, hint, null);
  }

  public WeftException(String message, Location location, String hint, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.location = location == null ? Location.NONE : location;
    this.hint = hint;
  }

  public Location location() {
    return location;
  }

  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  /** The message as shown to a person: "where: what. Fix: hint". */
  public String userMessage() {
    StringBuilder sb = new StringBuilder();
    if (!location.isEmpty()) {
      sb.append(location.describe()).append(": ");
    }
    sb.append(getMessage());
    if (hint != null) {
      sb.append(getMessage().endsWith(".") ? " " : ". ").append("Fix: ").append(hint);
    }
    return sb.toString();
  }
}
