package dev.weft.pipelines.nodes;

import dev.weft.pipelines.nodes.ParamSpec.BoolParam;
import dev.weft.pipelines.nodes.ParamSpec.EnumParam;
import dev.weft.pipelines.nodes.ParamSpec.FileParam;
import dev.weft.pipelines.nodes.ParamSpec.FloatParam;
import dev.weft.pipelines.nodes.ParamSpec.IntParam;
import dev.weft.pipelines.nodes.ParamSpec.ModelParam;
import dev.weft.pipelines.nodes.ParamSpec.SeedParam;
import dev.weft.pipelines.nodes.ParamSpec.StringParam;
import dev.weft.pipelines.nodes.ParamSpec.TextParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Short constructors for parameter specs, so node types read as a list of declarations. */
public final class ParamSpecs {
  private ParamSpecs() {}

  public static StringParam string(String name, String label, String def) {
    return new StringParam(name, label, "", def, false);
  }

  public static TextParam text(String name, String label, String def) {
    return new TextParam(name, label, "", def, true);
  }

  public static IntParam integer(String name, String label, long def, long min, long max) {
    return new IntParam(name, label, "", def, min, max, 1, true);
  }

  public static FloatParam number(
      String name, String label, double def, double min, double max, double step) {
    return new FloatParam(name, label, "", def, min, max, step, true);
  }

  public static BoolParam bool(String name, String label, boolean def) {
    return new BoolParam(name, label, "", def, false);
  }

  public static SeedParam seed(String name, String label, long def) {
    return new SeedParam(name, label, "", def, true);
  }

  /** An enum whose labels are its values with the first letter capitalised. */
  public static EnumParam choice(String name, String label, String def, String... values) {
    List<EnumParam.Option> options = new ArrayList<>();
    for (String v : values) {
      options.add(
          new EnumParam.Option(
              v, v.isEmpty() ? v : v.substring(0, 1).toUpperCase(Locale.ROOT) + v.substring(1)));
    }
    return new EnumParam(name, label, "", def, options, true);
  }

  public static FileParam openFile(String name, String label, String... extensions) {
    return new FileParam(name, label, "", "", List.of(extensions), FileParam.Mode.OPEN, true);
  }

  public static FileParam folder(String name, String label, String def) {
    return new FileParam(name, label, "", def, List.of(), FileParam.Mode.FOLDER, false);
  }

  public static ModelParam model(
      String name, String label, String family, String task, String def) {
    return new ModelParam(name, label, "", def, family, task, true);
  }

  static String describe(Object value) {
    return switch (value) {
      case null -> "nothing";
      case String s -> "text '" + (s.length() > 40 ? s.substring(0, 39) + "…" : s) + "'";
      case Long l -> "the whole number " + l;
      case Double d -> "the number " + num(d);
      case Boolean b -> b.toString();
      case List<?> l -> "a list";
      default -> "an object";
    };
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
