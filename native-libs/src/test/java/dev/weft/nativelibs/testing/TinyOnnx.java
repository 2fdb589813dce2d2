package dev.weft.nativelibs.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes tiny ONNX models byte by byte (the protobuf wire format), so runtime tests need no model
 * file from anywhere: {@code y = x + b}, and a long chain of matrix products for cancel tests.
 */
public final class TinyOnnx {
  private static final int FLOAT = 1;

  private TinyOnnx() {}

  /** {@code y = x + bias}, x and y FLOAT[n] with a dynamic n. */
  public static byte[] addBias(float bias) {
    Proto graph = new Proto();
    graph.message(1, node("Add", List.of("x", "b"), "y"));
    graph.string(2, "add_bias");
    graph.message(5, floatTensor("b", new long[] {1}, new float[] {bias}));
    graph.message(11, valueInfo("x", FLOAT, "n"));
    graph.message(12, valueInfo("y", FLOAT, "n"));
    return model(graph);
  }

  /**
   * {@code y = x · W · W · ... } with {@code steps} products of a {@code size}x{@code size} matrix:
   * slow enough on purpose, in many nodes, so a terminate flag is seen between them.
   */
  public static byte[] slowChain(int size, int steps) {
    Proto graph = new Proto();
    String prev = "x";
    for (int i = 0; i < steps; i++) {
      String out = i == steps - 1 ? "y" : "t" + i;
      graph.message(1, node("MatMul", List.of(prev, "w"), out));
      prev = out;
    }
    graph.string(2, "slow_chain");
    float[] w = new float[size * size];
    for (int i = 0; i < size; i++) {
      w[i * size + i] = 1f; // identity keeps values finite
    }
    graph.message(5, floatTensor("w", new long[] {size, size}, w));
    graph.message(11, valueInfo2d("x", size, size));
    graph.message(12, valueInfo2d("y", size, size));
    return model(graph);
  }

  private static byte[] model(Proto graph) {
    Proto m = new Proto();
    m.varint(1, 8); // ir_version
    m.string(2, "weft-tests");
    m.message(7, graph);
    Proto opset = new Proto();
    opset.string(1, "");
    opset.varint(2, 17);
    m.message(8, opset);
    return m.bytes();
  }

  private static Proto node(String op, List<String> inputs, String output) {
    Proto n = new Proto();
    for (String i : inputs) {
      n.string(1, i);
    }
    n.string(2, output);
    n.string(3, op + "_" + output);
    n.string(4, op);
    return n;
  }

  private static Proto floatTensor(String name, long[] dims, float[] values) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, FLOAT);
    t.string(8, name);
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    t.bytes(9, raw.array());
    return t;
  }

  private static Proto valueInfo(String name, int elemType, String dynamicDim) {
    Proto dim = new Proto();
    dim.string(2, dynamicDim);
    return valueInfoWithDims(name, elemType, List.of(dim));
  }

  private static Proto valueInfo2d(String name, long rows, long cols) {
    Proto r = new Proto();
    r.varint(1, rows);
    Proto c = new Proto();
    c.varint(1, cols);
    return valueInfoWithDims(name, FLOAT, List.of(r, c));
  }

  private static Proto valueInfoWithDims(String name, int elemType, List<Proto> dims) {
    Proto shape = new Proto();
    for (Proto d : dims) {
      shape.message(1, d);
    }
    Proto tensor = new Proto();
    tensor.varint(1, elemType);
    tensor.message(2, shape);
    Proto type = new Proto();
    type.message(1, tensor);
    Proto vi = new Proto();
    vi.string(1, name);
    vi.message(2, type);
    return vi;
  }

  /** A protobuf message under construction. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void varint(int field, long value) {
      tag(field, 0);
      raw(value);
    }

    void string(int field, String s) {
      bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(int field, byte[] b) {
      tag(field, 2);
      raw(b.length);
      out.writeBytes(b);
    }

    void message(int field, Proto p) {
      bytes(field, p.bytes());
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void tag(int field, int wireType) {
      raw(((long) field << 3) | wireType);
    }

    private void raw(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
