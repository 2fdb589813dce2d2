package dev.weft.pipelines;

import java.util.Objects;

/**
 * Something wrong with a pipeline, found before a run: how bad it is, a stable code, what is wrong,
 * where, and how to fix it.
 */
public record Problem(
    Severity severity, String code, String message, Location location, String hint) {

  /** Errors stop a run; warnings are shown and the run goes ahead. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    location = location == null ? Location.NONE : location;
  }

  public static Problem error(String code, String message, Location location, String hint) {
    return new Problem(Severity.ERROR, code, message, location, hint);
  }

  public static Problem warning(String code, String message, Location location, String hint) {
    return new Problem(Severity.WARNING, code, message, location, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public Problem at(Location newLocation) {
    return new Problem(severity, code, message, newLocation, hint);
  }

  /** One line for a terminal: "error: where: what. Fix: hint". */
  public String describe() {
    StringBuilder sb = new StringBuilder(severity == Severity.ERROR ? "error: " : "warning: ");
    if (!location.isEmpty()) {
      sb.append(location.describe()).append(": ");
    }
    sb.append(message);
    if (hint != null && !hint.isBlank()) {
      sb.append(message.endsWith(".") ? " " : ". ").append("Fix: ").append(hint);
    }
    return sb.toString();
  }
}
