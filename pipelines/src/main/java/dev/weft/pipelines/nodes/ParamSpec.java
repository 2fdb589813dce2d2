package dev.weft.pipelines.nodes;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a node type: its name, label, help text, kind-specific constraints and default.
 * {@link #check} says what is wrong with a value; {@link #parse} reads a value typed on the command
 * line or in a form.
 */
public sealed interface ParamSpec {

  String name();

  String label();

  String description();

  /** The value used when a node does not set this parameter. */
  Object defaultValue();

  /** The kind as written in the catalog ("string", "text", "int", ...). */
  String kind();

  /** A problem with {@code value} (already normalised as in Params), or empty when it is fine. */
  Optional<String> check(Object value);

  /** Reads a value typed by a person; throws IllegalArgumentException with the reason. */
  Object parse(String text);

  /** Whether the value is worth showing on the node itself (a key parameter). */
  boolean summary();

  /** A single-line text. */
  record StringParam(
      String name, String label, String description, String defaultValue, boolean summary)
      implements ParamSpec {
    public StringParam {
      Objects.requireNonNull(defaultValue, "defaultValue");
    }

    @Override
    public String kind() {
      return "string";
    }

    @Override
    public Optional<String> check(Object value) {
      if (!(value instanceof String s)) {
        return Optional.of("must be text, got " + ParamSpecs.describe(value));
      }
      return s.indexOf('\n') >= 0 ? Optional.of("must be a single line") : Optional.empty();
    }

    @Override
    public Object parse(String text) {
      return text;
    }
  }

  /** A multi-line text such as a prompt. */
  record TextParam(
      String name, String label, String description, String defaultValue, boolean summary)
      implements ParamSpec {
    public TextParam {
      Objects.requireNonNull(defaultValue, "defaultValue");
    }

    @Override
    public String kind() {
      return "text";
    }

    @Override
    public Optional<String> check(Object value) {
      return value instanceof String
          ? Optional.empty()
          : Optional.of("must be text, got " + ParamSpecs.describe(value));
    }

    @Override
    public Object parse(String text) {
      return text;
    }
  }

  /** A whole number in [min, max], moved in steps. */
  record IntParam(
      String name,
      String label,
      String description,
      long initial,
      long min,
      long max,
      long step,
      boolean summary)
      implements ParamSpec {
    public IntParam {
      if (min > max || initial < min || initial > max || step <= 0) {
        throw new IllegalArgumentException("bad int parameter " + name);
      }
    }

    @Override
    public Object defaultValue() {
      return initial;
    }

    @Override
    public String kind() {
      return "int";
    }

    @Override
    public Optional<String> check(Object value) {
      if (!(value instanceof Long l)) {
        return Optional.of("must be a whole number, got " + ParamSpecs.describe(value));
      }
      if (l < min || l > max) {
        return Optional.of("must be between " + min + " and " + max + ", got " + l);
      }
      return Optional.empty();
    }

    @Override
    public Object parse(String text) {
      try {
        return Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a whole number");
      }
    }
  }

  /** A number in [min, max], moved in steps. */
  record FloatParam(
      String name,
      String label,
      String description,
      double initial,
      double min,
      double max,
      double step,
      boolean summary)
      implements ParamSpec {
    public FloatParam {
      if (!(min <= max) || initial < min || initial > max || !(step > 0)) {
        throw new IllegalArgumentException("bad float parameter " + name);
      }
    }

    @Override
    public Object defaultValue() {
      return initial;
    }

    @Override
    public String kind() {
      return "float";
    }

    @Override
    public Optional<String> check(Object value) {
      if (!(value instanceof Long || value instanceof Double)) {
        return Optional.of("must be a number, got " + ParamSpecs.describe(value));
      }
      double d = ((Number) value).doubleValue();
      if (d < min || d > max) {
        return Optional.of(
            "must be between "
                + ParamSpecs.num(min)
                + " and "
                + ParamSpecs.num(max)
                + ", got "
                + ParamSpecs.num(d));
      }
      return Optional.empty();
    }

    @Override
    public Object parse(String text) {
      try {
        double d = Double.parseDouble(text.strip());
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (Object) (long) d : (Object) d;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a number");
      }
    }
  }

  /** One choice among fixed options. */
  record EnumParam(
      String name,
      String label,
      String description,
      String defaultValue,
      List<Option> options,
      boolean summary)
      implements ParamSpec {
    /** A choice: the value stored in files and a label shown to people. */
    public record Option(String value, String label) {}

    public EnumParam {
      options = List.copyOf(options);
      if (options.stream().noneMatch(o -> o.value().equals(defaultValue))) {
        throw new IllegalArgumentException("default of " + name + " is not an option");
      }
    }

    @Override
    public String kind() {
      return "enum";
    }

    public List<String> values() {
      return options.stream().map(Option::value).toList();
    }

    @Override
    public Optional<String> check(Object value) {
      if (value instanceof String s && values().contains(s)) {
        return Optional.empty();
      }
      return Optional.of(
          "must be one of " + String.join(", ", values()) + ", got " + ParamSpecs.describe(value));
    }

    @Override
    public Object parse(String text) {
      String t = text.strip();
      for (String v : values()) {
        if (v.equalsIgnoreCase(t)) {
          return v;
        }
      }
      throw new IllegalArgumentException(
          "'" + text + "' is not one of " + String.join(", ", values()));
    }
  }

  /** On or off. */
  record BoolParam(String name, String label, String description, boolean initial, boolean summary)
      implements ParamSpec {
    @Override
    public Object defaultValue() {
      return initial;
    }

    @Override
    public String kind() {
      return "boolean";
    }

    @Override
    public Optional<String> check(Object value) {
      return value instanceof Boolean
          ? Optional.empty()
          : Optional.of("must be true or false, got " + ParamSpecs.describe(value));
    }

    @Override
    public Object parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "1" -> true;
        case "false", "no", "off", "0" -> false;
        default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
      };
    }
  }

  /** A random seed: a whole number in [0, 2^31 - 1], so every backend accepts it. */
  record SeedParam(String name, String label, String description, long initial, boolean summary)
      implements ParamSpec {
    public static final long MAX = Integer.MAX_VALUE;

    @Override
    public Object defaultValue() {
      return initial;
    }

    @Override
    public String kind() {
      return "seed";
    }

    @Override
    public Optional<String> check(Object value) {
      if (!(value instanceof Long l)) {
        return Optional.of("must be a whole number, got " + ParamSpecs.describe(value));
      }
      return l < 0 || l > MAX
          ? Optional.of("must be between 0 and " + MAX + ", got " + l)
          : Optional.empty();
    }

    @Override
    public Object parse(String text) {
      try {
        return Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a whole number");
      }
    }
  }

  /**
   * A file or folder path. Relative paths resolve against the pipeline file's folder. {@code
   * extensions} (lower case, no dot) limits what may be chosen; empty means any.
   */
  record FileParam(
      String name,
      String label,
      String description,
      String defaultValue,
      List<String> extensions,
      Mode mode,
      boolean summary)
      implements ParamSpec {
    /** Whether the path is read (must exist), written, or a folder. */
    public enum Mode {
      OPEN,
      SAVE,
      FOLDER
    }

    public FileParam {
      extensions = extensions.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public String kind() {
      return "file";
    }

    @Override
    public Optional<String> check(Object value) {
      if (!(value instanceof String s)) {
        return Optional.of("must be a file path, got " + ParamSpecs.describe(value));
      }
      if (s.isBlank() || mode == Mode.FOLDER || extensions.isEmpty()) {
        return Optional.empty();
      }
      String lower = s.toLowerCase(Locale.ROOT);
      for (String ext : extensions) {
        if (lower.endsWith("." + ext)) {
          return Optional.empty();
        }
      }
      return Optional.of("must end in ." + String.join(", .", extensions) + ", got '" + s + "'");
    }

    @Override
    public Object parse(String text) {
      return text;
    }
  }

  /** A model from the model catalog (or a local model folder), for one family and task. */
  record ModelParam(
      String name,
      String label,
      String description,
      String defaultValue,
      String family,
      String task,
      boolean summary)
      implements ParamSpec {
    @Override
    public String kind() {
      return "model";
    }

    @Override
    public Optional<String> check(Object value) {
      return value instanceof String
          ? Optional.empty()
          : Optional.of("must be a model id, got " + ParamSpecs.describe(value));
    }

    @Override
    public Object parse(String text) {
      return text.strip();
    }
  }
}
