package dev.weft.pipelines.models.asr;

import static dev.weft.pipelines.testing.onnx.OnnxModelBuilder.ElemType.FLOAT;
import static dev.weft.pipelines.testing.onnx.OnnxModelBuilder.ElemType.INT32;

import dev.weft.pipelines.testing.onnx.OnnxModelBuilder;
import dev.weft.pipelines.testing.onnx.OnnxModelBuilder.Attr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Paraformer-signature model that reports its input features through its tokens, so the
 * reference's front end can be read value by value: identity CMVN in the metadata, and each feature
 * value {@code v} of the selected frames and dimensions written as the integer {@code round(v *
 * 2^30) + 2^35} in three base-4096 digits, one token each (ids 3 to 4098). Exact for every float
 * with {@code |v| >= 2^-7}; smaller values are compared to 2^-30.
 */
final class FeatureEchoModel {
  static final int DIGIT = 4096;
  static final int VOCAB = 3 + DIGIT;
  static final double SCALE = 0x1p30;
  static final double OFFSET = 0x1p35;

  private FeatureEchoModel() {}

  /**
   * Writes the model folder.
   *
   * @param frameStep every how many LFR frames to report
   * @param maxFrames at most this many reported frames
   * @param dimFrom first of the 560 stacked dimensions to report
   * @param dimTo one past the last
   */
  static Path write(Path dir, int frameStep, int maxFrames, int dimFrom, int dimTo)
      throws IOException {
    Files.createDirectories(dir);
    OnnxModelBuilder b = new OnnxModelBuilder("feature_echo", 17);
    String x = b.input("speech", FLOAT, "N", "T", AsrSignatureModels.FEATURE_DIM);
    b.input("speech_lengths", INT32, "N");
    b.output("logits", FLOAT, "N", "K", VOCAB);
    b.output("token_num", INT32, "N");
    String picked =
        b.op(
            "Slice",
            x,
            b.int64Vector(0, dimFrom),
            b.int64Vector((long) frameStep * maxFrames, dimTo),
            b.int64Vector(1, 2),
            b.int64Vector(frameStep, 1)); // [N, F, D]
    String toDouble = b.op("Cast", List.of(Attr.i("to", 11)), picked);
    String q =
        b.op(
            "Add",
            b.op("Round", b.op("Mul", toDouble, dbl(b, SCALE))),
            dbl(b, OFFSET)); // integers in [0, 2^36)
    String byDigit2 = b.op("Floor", b.op("Div", q, dbl(b, (double) DIGIT * DIGIT)));
    String byDigit1 = b.op("Floor", b.op("Div", q, dbl(b, DIGIT)));
    String high = byDigit2;
    String mid = b.op("Sub", byDigit1, b.op("Mul", byDigit2, dbl(b, DIGIT)));
    String low = b.op("Sub", q, b.op("Mul", byDigit1, dbl(b, DIGIT)));
    String last = b.int64Vector(-1);
    String digits =
        b.op(
            "Concat",
            List.of(Attr.i("axis", -1)),
            b.op("Unsqueeze", high, last),
            b.op("Unsqueeze", mid, last),
            b.op("Unsqueeze", low, last)); // [N, F, D, 3]
    String shapeX = b.op("Shape", x);
    String n = b.op("Slice", shapeX, b.int64Vector(0), b.int64Vector(1));
    String flat = b.op("Reshape", digits, b.op("Concat", List.of(Attr.i("axis", 0)), n, last));
    String ids = b.op("Cast", List.of(Attr.i("to", 7)), b.op("Add", flat, dbl(b, 3))); // [N, P]
    String oneHot =
        b.op(
            "OneHot",
            List.of(Attr.i("axis", -1)),
            ids,
            b.int64Vector(VOCAB),
            b.floats("off_on", new float[] {0f, 1f}, 2));
    b.rename(oneHot, "logits");
    String p = b.op("Slice", b.op("Shape", ids), b.int64Vector(1), b.int64Vector(2));
    b.rename(b.op("Cast", List.of(Attr.i("to", 6)), p), "token_num");
    float[] zeros = new float[AsrSignatureModels.FEATURE_DIM];
    float[] ones = new float[AsrSignatureModels.FEATURE_DIM];
    Arrays.fill(ones, 1f);
    b.metadata("lfr_window_size", "7");
    b.metadata("lfr_window_shift", "6");
    b.metadata("neg_mean", AsrSignatureModels.joinFloats(zeros));
    b.metadata("inv_stddev", AsrSignatureModels.joinFloats(ones));
    b.metadata("vocab_size", Integer.toString(VOCAB));
    b.metadata("model_type", "paraformer");
    b.metadata("comment", "reports its input features as tokens (Weft front-end conformance)");
    Files.write(dir.resolve("model.onnx"), b.build());
    List<String> vocab = new ArrayList<>(VOCAB);
    vocab.add("<blank>");
    vocab.add("<s>");
    vocab.add("</s>");
    for (int d = 0; d < DIGIT; d++) {
      vocab.add("d" + d);
    }
    Files.writeString(
        dir.resolve("tokens.txt"), AsrSignatureModels.tokensTxt(vocab), StandardCharsets.UTF_8);
    return dir;
  }

  private static String dbl(OnnxModelBuilder b, double value) {
    return b.op("Cast", List.of(Attr.i("to", 11)), b.floatScalar((float) value));
  }

  /** The reported values, as the integers {@code round(v * 2^30)}, from the token pieces. */
  static long[] decode(List<String> pieces) {
    if (pieces.size() % 3 != 0) {
      throw new IllegalArgumentException(pieces.size() + " tokens are not whole values");
    }
    long[] out = new long[pieces.size() / 3];
    for (int i = 0; i < out.length; i++) {
      long q = 0;
      for (int k = 0; k < 3; k++) {
        q = q * DIGIT + Long.parseLong(pieces.get(3 * i + k).substring(1));
      }
      out[i] = q - (long) OFFSET;
    }
    return out;
  }

  /** Our value as the same integer. */
  static long encode(float v) {
    return Math.round(Math.rint(v * SCALE));
  }
}
