package dev.weft.pipelines.models.vad;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.weft.nativelibs.onnx.ModelSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tensor names and shapes of a Silero VAD export, read from the session: the v5/v6 form ({@code
 * input}, {@code state[2,B,128]}, {@code sr}) or the legacy v4 form ({@code input}, {@code sr},
 * {@code h[2,B,64]}, {@code c[2,B,64]}). Roles are found by type and shape, not by position.
 */
public record SileroLayout(
    Kind kind,
    String audioIn,
    String sampleRateIn,
    List<String> stateIn,
    String probabilityOut,
    List<String> stateOut,
    int stateSize) {

  /** The two state forms Silero exports have used. */
  public enum Kind {
    /** v5 and v6: one {@code state} tensor; frames of 512 samples with a 64-sample context. */
    STATE,
    /** v4 and older: LSTM {@code h} and {@code c}; frames of 1536 samples, no context. */
    HC
  }

  public static SileroLayout of(ModelSession session) throws OrtException {
    Map<String, NodeInfo> in = session.inputs();
    Map<String, NodeInfo> out = session.outputs();
    String audio = null;
    String sr = null;
    List<String> states = new ArrayList<>();
    int stateSize = 0;
    for (NodeInfo n : in.values()) {
      if (!(n.getInfo() instanceof TensorInfo t)) {
        continue;
      }
      if (t.type == OnnxJavaType.INT64) {
        sr = n.getName();
      } else if (t.getShape().length == 2) {
        audio = n.getName();
      } else if (t.getShape().length == 3) {
        states.add(n.getName());
        stateSize = (int) t.getShape()[2];
      }
    }
    if (audio == null || sr == null || states.isEmpty()) {
      throw new IllegalArgumentException(
          session.name()
              + " does not look like a Silero VAD export: inputs "
              + describe(in)
              + " (expected float audio [batch, samples], int64 sr, and state or h/c)");
    }
    states.sort(String::compareTo); // "c" < "h": order them as h, c below
    Kind kind = states.size() == 1 ? Kind.STATE : Kind.HC;
    if (kind == Kind.HC) {
      states = List.of(pick(states, "h"), pick(states, "c"));
    }
    String prob = null;
    List<String> stateOuts = new ArrayList<>();
    for (NodeInfo n : out.values()) {
      if (!(n.getInfo() instanceof TensorInfo t)) {
        continue;
      }
      long[] shape = t.getShape();
      if (shape.length == 2 && prob == null) {
        prob = n.getName();
      } else {
        stateOuts.add(n.getName());
      }
    }
    if (prob == null || stateOuts.size() != states.size()) {
      throw new IllegalArgumentException(
          session.name() + " does not look like a Silero VAD export: outputs " + describe(out));
    }
    if (kind == Kind.HC) {
      stateOuts = List.of(pick(stateOuts, "h"), pick(stateOuts, "c"));
    }
    if (stateSize <= 0) {
      stateSize = kind == Kind.STATE ? 128 : 64;
    }
    return new SileroLayout(
        kind, audio, sr, List.copyOf(states), prob, List.copyOf(stateOuts), stateSize);
  }

  private static String pick(List<String> names, String prefix) {
    return names.stream()
        .filter(n -> n.startsWith(prefix))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no '" + prefix + "' state among " + names));
  }

  private static String describe(Map<String, NodeInfo> nodes) {
    StringBuilder sb = new StringBuilder("[");
    for (NodeInfo n : nodes.values()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(n.getName()).append(' ').append(n.getInfo());
    }
    return sb.append(']').toString();
  }

  /** New samples per frame at a sample rate. */
  public int frameSamples(int sampleRate) {
    return kind == Kind.STATE
        ? (sampleRate == 8000 ? 256 : 512)
        : (sampleRate == 8000 ? 768 : 1536);
  }

  /** Samples of the previous frame put in front of each frame. */
  public int contextSamples(int sampleRate) {
    return kind == Kind.STATE ? (sampleRate == 8000 ? 32 : 64) : 0;
  }
}
