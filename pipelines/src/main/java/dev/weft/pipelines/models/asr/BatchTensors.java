package dev.weft.pipelines.models.asr;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;

/**
 * The model inputs for a batch of utterances: their features stacked into {@code [N, T, dim]} (the
 * shorter ones padded with zeros up to the longest, their lengths saying where each ends), and
 * per-utterance integers in the type the model declares.
 */
final class BatchTensors {
  private BatchTensors() {}

  /** The longest utterance's frame count. */
  static int maxFrames(List<AsrFrontEnd.Features> features) {
    int max = 0;
    for (AsrFrontEnd.Features f : features) {
      max = Math.max(max, f.frames());
    }
    return max;
  }

  /**
   * {@code [N, maxFrames, dim]} in a direct buffer taken from {@code buffer}, each utterance
   * followed by zero padding.
   */
  static OnnxTensor stack(
      OrtEnvironment env, List<AsrFrontEnd.Features> features, int maxFrames, ReusableBuffer buffer)
      throws OrtException {
    int dim = features.getFirst().dim();
    long values = (long) features.size() * maxFrames * dim;
    FloatBuffer buf = buffer.take(values);
    float[] zeros = new float[dim];
    for (int n = 0; n < features.size(); n++) {
      AsrFrontEnd.Features f = features.get(n);
      buf.position(n * maxFrames * dim);
      buf.put(f.data(), 0, f.frames() * dim);
      for (int k = f.frames(); k < maxFrames; k++) {
        buf.put(zeros);
      }
    }
    buf.rewind();
    return OnnxTensor.createTensor(env, buf, new long[] {features.size(), maxFrames, dim});
  }

  /** A vector of integers of the type the model declares for this input (int32 or int64). */
  static OnnxTensor integers(OrtEnvironment env, NodeInfo declared, long[] values)
      throws OrtException {
    boolean int64 =
        declared != null
            && declared.getInfo() instanceof TensorInfo t
            && t.type == OnnxJavaType.INT64;
    long[] shape = {values.length};
    if (int64) {
      return OnnxTensor.createTensor(env, LongBuffer.wrap(values.clone()), shape);
    }
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      ints[i] = Math.toIntExact(values[i]);
    }
    return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
  }

  /** Whether the input's first dimension is free, so several utterances may go in one run. */
  static boolean batchable(NodeInfo declared) {
    if (declared != null && declared.getInfo() instanceof TensorInfo t) {
      long[] shape = t.getShape();
      return shape.length > 0 && shape[0] < 0;
    }
    return false;
  }
}
