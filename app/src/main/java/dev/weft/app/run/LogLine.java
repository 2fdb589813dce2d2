package dev.weft.app.run;

import java.time.Instant;

/** One line of the Run log: when, which node (or none), how much it matters, and what. */
public record LogLine(Instant time, String nodeId, Level level, String text) {
  /** How a line is shown. */
  public enum Level {
    INFO,
    WARNING,
    ERROR
  }
}
