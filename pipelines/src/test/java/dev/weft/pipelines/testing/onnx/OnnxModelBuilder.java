package dev.weft.pipelines.testing.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds small ONNX models in test code: typed graph inputs and outputs with symbolic or fixed
 * dimensions, initializers, nodes and metadata, written as the ONNX protobuf that ONNX Runtime and
 * every reference implementation load. Used to make models with the exact signature of real exports
 * (names, shapes, metadata) and seeded weights, so tests need no downloaded weights.
 */
public final class OnnxModelBuilder {
  /** ONNX tensor element types used by our signature models. */
  public enum ElemType {
    FLOAT(1),
    UINT8(2),
    INT8(3),
    INT32(6),
    INT64(7),
    BOOL(9);

    final int code;

    ElemType(int code) {
      this.code = code;
    }
  }

  /** A node attribute. */
  public record Attr(String name, Object value) {
    public Attr {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    public static Attr i(String name, long value) {
      return new Attr(name, value);
    }

    public static Attr f(String name, float value) {
      return new Attr(name, value);
    }

    public static Attr s(String name, String value) {
      return new Attr(name, value);
    }

    public static Attr ints(String name, long... values) {
      return new Attr(name, values.clone());
    }
  }

  private record ValueInfo(String name, ElemType type, Object[] dims) {}

  private record Node(String opType, List<String> inputs, List<String> outputs, List<Attr> attrs) {}

  private record Initializer(String name, ElemType type, long[] dims, byte[] raw) {}

  private static final long IR_VERSION = 8;

  private final String graphName;
  private final int opset;
  private final List<ValueInfo> inputs = new ArrayList<>();
  private final List<ValueInfo> outputs = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Initializer> initializers = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private int counter;

  public OnnxModelBuilder(String graphName, int opset) {
    this.graphName = Objects.requireNonNull(graphName, "graphName");
    this.opset = opset;
  }

  /**
   * Declares a graph input. Each dimension is an Integer/Long (fixed) or a String (symbolic, e.g.
   * "N").
   */
  public String input(String name, ElemType type, Object... dims) {
    inputs.add(new ValueInfo(name, type, dims.clone()));
    return name;
  }

  /** Declares a graph output; some node must produce a value of this name. */
  public void output(String name, ElemType type, Object... dims) {
    outputs.add(new ValueInfo(name, type, dims.clone()));
  }

  public void metadata(String key, String value) {
    metadata.put(key, value);
  }

  /** A float initializer of the given shape. */
  public String floats(String name, float[] data, long... dims) {
    checkCount(data.length, dims);
    byte[] raw = new byte[data.length * 4];
    for (int i = 0; i < data.length; i++) {
      int bits = Float.floatToRawIntBits(data[i]);
      for (int b = 0; b < 4; b++) {
        raw[4 * i + b] = (byte) (bits >>> (8 * b));
      }
    }
    initializers.add(new Initializer(name, ElemType.FLOAT, dims.clone(), raw));
    return name;
  }

  /** An int64 initializer of the given shape (an empty dims array makes a scalar). */
  public String int64s(String name, long[] data, long... dims) {
    checkCount(data.length, dims);
    byte[] raw = new byte[data.length * 8];
    for (int i = 0; i < data.length; i++) {
      for (int b = 0; b < 8; b++) {
        raw[8 * i + b] = (byte) (data[i] >>> (8 * b));
      }
    }
    initializers.add(new Initializer(name, ElemType.INT64, dims.clone(), raw));
    return name;
  }

  /** An int32 initializer of the given shape. */
  public String int32s(String name, int[] data, long... dims) {
    checkCount(data.length, dims);
    byte[] raw = new byte[data.length * 4];
    for (int i = 0; i < data.length; i++) {
      for (int b = 0; b < 4; b++) {
        raw[4 * i + b] = (byte) (data[i] >>> (8 * b));
      }
    }
    initializers.add(new Initializer(name, ElemType.INT32, dims.clone(), raw));
    return name;
  }

  /** A one-dimensional int64 constant, e.g. axes or a shape. */
  public String int64Vector(long... values) {
    return int64s(fresh("const"), values, values.length);
  }

  /** An int64 scalar constant. */
  public String int64Scalar(long value) {
    return int64s(fresh("const"), new long[] {value});
  }

  /** A float scalar constant. */
  public String floatScalar(float value) {
    return floats(fresh("const"), new float[] {value});
  }

  /** Adds a node with one output and returns the output's (generated) name. */
  public String op(String opType, List<Attr> attrs, String... inputs) {
    return ops(opType, attrs, 1, inputs)[0];
  }

  public String op(String opType, String... inputs) {
    return op(opType, List.of(), inputs);
  }

  /** Adds a node with several outputs and returns their (generated) names. */
  public String[] ops(String opType, List<Attr> attrs, int outputCount, String... inputs) {
    String[] outs = new String[outputCount];
    for (int i = 0; i < outputCount; i++) {
      outs[i] = fresh(opType.toLowerCase(java.util.Locale.ROOT));
    }
    nodes.add(new Node(opType, List.of(inputs), List.of(outs), List.copyOf(attrs)));
    return outs;
  }

  /** Copies {@code source} to a value called {@code name} (used to name graph outputs). */
  public void rename(String source, String name) {
    nodes.add(new Node("Identity", List.of(source), List.of(name), List.of()));
  }

  private String fresh(String prefix) {
    return prefix + "_" + (counter++);
  }

  private static void checkCount(int count, long[] dims) {
    long expected = 1;
    for (long d : dims) {
      expected *= d;
    }
    if (expected != count) {
      throw new IllegalArgumentException(count + " values do not fill a tensor of that shape");
    }
  }

  /** The serialized ModelProto. */
  public byte[] build() {
    ProtoWriter graph = new ProtoWriter();
    for (Node n : nodes) {
      ProtoWriter node = new ProtoWriter();
      n.inputs().forEach(i -> node.string(1, i));
      n.outputs().forEach(o -> node.string(2, o));
      node.string(3, n.outputs().getFirst() + "_node");
      node.string(4, n.opType());
      for (Attr a : n.attrs()) {
        node.message(5, attribute(a));
      }
      graph.message(1, node);
    }
    graph.string(2, graphName);
    for (Initializer init : initializers) {
      graph.message(5, tensor(init));
    }
    inputs.forEach(v -> graph.message(11, valueInfo(v)));
    outputs.forEach(v -> graph.message(12, valueInfo(v)));

    ProtoWriter model = new ProtoWriter();
    model.int64(1, IR_VERSION);
    model.string(2, "weft-test");
    model.string(3, "1");
    model.message(7, graph);
    model.message(8, new ProtoWriter().string(1, "").int64(2, opset));
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      model.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
    }
    return model.toByteArray();
  }

  public Path save(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, build());
    return file;
  }

  private static ProtoWriter tensor(Initializer init) {
    ProtoWriter t = new ProtoWriter();
    if (init.dims().length > 0) {
      t.packedInt64(1, init.dims());
    }
    t.int64(2, init.type().code);
    t.string(8, init.name());
    t.bytes(9, init.raw());
    return t;
  }

  private static ProtoWriter valueInfo(ValueInfo v) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : v.dims()) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof String symbolic) {
        dim.string(2, symbolic);
      } else {
        dim.int64(1, ((Number) d).longValue());
      }
      shape.message(1, dim);
    }
    ProtoWriter tensorType = new ProtoWriter().int64(1, v.type().code).message(2, shape);
    ProtoWriter type = new ProtoWriter().message(1, tensorType);
    return new ProtoWriter().string(1, v.name()).message(2, type);
  }

  private static ProtoWriter attribute(Attr a) {
    ProtoWriter p = new ProtoWriter().string(1, a.name());
    switch (a.value()) {
      case Long l -> p.int64(3, l).int64(20, 2);
      case Integer i -> p.int64(3, i).int64(20, 2);
      case Float f -> p.float32(2, f).int64(20, 1);
      case String s -> p.string(4, s).int64(20, 3);
      case long[] ints -> p.packedInt64(8, ints).int64(20, 7);
      default ->
          throw new IllegalArgumentException(
              "unsupported attribute value " + a.value().getClass().getName());
    }
    return p;
  }
}
