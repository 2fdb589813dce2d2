package dev.weft.pipelines.engine;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How large a project's asset store may grow. After a run that stored new assets, the engine evicts
 * the least recently used ones (never those of the run just finished) until the store fits; cached
 * results whose assets went away simply run again.
 */
public record StoreBudget(long maxBytes) {
  /** The default: 20 GiB per project. */
  public static final StoreBudget DEFAULT = new StoreBudget(20L << 30);

  private static final Pattern SIZE =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]?)(?:i?[bB])?\\s*");

  public StoreBudget {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("a store budget must be positive, got " + maxBytes);
    }
  }

  /**
   * A budget from text such as {@code 20G}, {@code 512M} or {@code 1.5T}; {@code 0} or {@code none}
   * mean no budget. Throws IllegalArgumentException for anything else.
   */
  public static Optional<StoreBudget> parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("none") || t.equals("unlimited") || t.equals("0")) {
      return Optional.empty();
    }
    Long bytes = parseBytes(text);
    if (bytes == null || bytes <= 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size (use e.g. 20G, 512M, or none)");
    }
    return Optional.of(new StoreBudget(bytes));
  }

  /** Bytes from text such as {@code 1K}, {@code 2.5G}, {@code 300MiB}; null when not a size. */
  public static Long parseBytes(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    int shift =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    return (long) (v * (1L << shift));
  }
}
