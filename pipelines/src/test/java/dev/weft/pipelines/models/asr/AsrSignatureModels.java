package dev.weft.pipelines.models.asr;

import static dev.weft.pipelines.testing.onnx.OnnxModelBuilder.ElemType.FLOAT;
import static dev.weft.pipelines.testing.onnx.OnnxModelBuilder.ElemType.INT32;

import dev.weft.pipelines.testing.onnx.OnnxModelBuilder;
import dev.weft.pipelines.testing.onnx.OnnxModelBuilder.Attr;
import dev.weft.pipelines.testing.onnx.ProtoWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Builds SenseVoice- and Paraformer-signature model folders with seeded random weights: the real
 * exports' tensor names, dtypes and dynamic shapes, the metadata keys sherpa-onnx reads,
 * vocabularies of the real size with the tag tokens at their real ids, CMVN of the real dimension.
 * The graphs are small but behave like the real ones where decoding looks: SenseVoice prepends four
 * query frames from the language and text-norm inputs (which decode to language, emotion, event and
 * ITN tags) and mostly emits blank; Paraformer integrates and fires (CIF) to predict its token
 * positions, ends with {@code </s>}, and (optionally) reports upsampled CIF peaks for timestamps.
 */
final class AsrSignatureModels {
  static final int FEATURE_DIM = 560;
  static final int SENSE_VOICE_VOCAB = 25055;
  static final int PARAFORMER_VOCAB = 8404;

  // Real SenseVoiceSmall vocabulary ids of the tags (FunASR's lid_int_dict, textnorm_int_dict and
  // emo_dict); the event ids are not published, so the events sit in the free ids between them.
  static final int[] LANGUAGE_TAG_IDS = {24884, 24885, 24888, 24892, 24896, 24992};
  static final String[] LANGUAGE_TAGS = {"zh", "en", "yue", "ja", "ko", "nospeech"};
  static final int[] EVENT_TAG_IDS = {24993, 24994, 24995, 24996, 24997, 24998, 24999, 25000};
  static final String[] EVENT_TAGS = {
    "Speech", "BGM", "Applause", "Laughter", "Cry", "Sneeze", "Breath", "Cough"
  };
  static final int[] EMOTION_TAG_IDS = {25001, 25002, 25003, 25004, 25005, 25006, 25007, 25009};
  static final String[] EMOTION_TAGS = {
    "HAPPY", "SAD", "ANGRY", "NEUTRAL", "FEARFUL", "DISGUSTED", "SURPRISED", "EMO_UNKNOWN"
  };
  static final int[] ITN_TAG_IDS = {25016, 25017};
  static final String[] ITN_TAGS = {"withitn", "woitn"};
  static final int FIRST_TAG_ID = 24884;

  private AsrSignatureModels() {}

  // ---------------------------------------------------------------- vocabularies

  /** SenseVoice-like SentencePiece vocabulary: specials, word pieces, CJK, then tags. */
  static List<String> senseVoiceVocabulary(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> v = new ArrayList<>(SENSE_VOICE_VOCAB);
    v.add("<unk>");
    v.add("<s>");
    v.add("</s>");
    Set<String> seen = new HashSet<>(v);
    String[] punctuation = {",", ".", "?", "!", "'", "\u3002", "\uff0c", "\uff1f", "\u3001"};
    for (String p : punctuation) {
      v.add(p);
      seen.add(p);
    }
    while (v.size() < FIRST_TAG_ID) {
      int kind = rnd.nextInt(10);
      String piece =
          switch (kind) {
            case 0, 1, 2, 3 -> TokenTable.WORD_MARKER + letters(rnd, 1 + rnd.nextInt(7));
            case 4, 5 -> letters(rnd, 1 + rnd.nextInt(4));
            case 6, 7 -> new String(Character.toChars(0x4e00 + rnd.nextInt(0x5000)));
            case 8 -> new String(Character.toChars(0x3041 + rnd.nextInt(0x55)));
            default ->
                TokenTable.WORD_MARKER
                    + new String(Character.toChars(0xac00 + rnd.nextInt(0x2ba4)));
          };
      if (seen.add(piece)) {
        v.add(piece);
      }
    }
    while (v.size() < SENSE_VOICE_VOCAB) {
      v.add("<|tag" + v.size() + "|>");
    }
    put(v, LANGUAGE_TAG_IDS, LANGUAGE_TAGS);
    put(v, EVENT_TAG_IDS, EVENT_TAGS);
    put(v, EMOTION_TAG_IDS, EMOTION_TAGS);
    put(v, ITN_TAG_IDS, ITN_TAGS);
    return v;
  }

  /** Paraformer-like vocabulary: blank, sos, eos, Han characters, English BPE with @@, unk last. */
  static List<String> paraformerVocabulary(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> v = new ArrayList<>(PARAFORMER_VOCAB);
    v.add("<blank>");
    v.add("<s>");
    v.add("</s>");
    Set<String> seen = new HashSet<>(v);
    while (v.size() < PARAFORMER_VOCAB - 1) {
      int kind = rnd.nextInt(4);
      String piece =
          switch (kind) {
            case 0, 1 -> new String(Character.toChars(0x4e00 + rnd.nextInt(0x5000)));
            case 2 -> letters(rnd, 1 + rnd.nextInt(5)) + "@@";
            default -> letters(rnd, 1 + rnd.nextInt(6));
          };
      if (seen.add(piece)) {
        v.add(piece);
      }
    }
    v.add("<unk>");
    return v;
  }

  private static void put(List<String> v, int[] ids, String[] tags) {
    for (int i = 0; i < ids.length; i++) {
      v.set(ids[i], "<|" + tags[i] + "|>");
    }
  }

  private static String letters(SplittableRandom rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + rnd.nextInt(26)));
    }
    return sb.toString();
  }

  static String tokensTxt(List<String> vocabulary) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < vocabulary.size(); i++) {
      sb.append(vocabulary.get(i)).append(' ').append(i).append('\n');
    }
    return sb.toString();
  }

  static String tokensJson(List<String> vocabulary) {
    StringJoiner j = new StringJoiner(",", "[", "]");
    for (String s : vocabulary) {
      j.add("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return j.toString();
  }

  /** A SentencePiece ModelProto holding just the pieces (type NORMAL, CONTROL for specials). */
  static byte[] sentencePieceModel(List<String> vocabulary) {
    ProtoWriter model = new ProtoWriter();
    for (int i = 0; i < vocabulary.size(); i++) {
      String p = vocabulary.get(i);
      int type = i == 0 ? 2 : p.startsWith("<") && p.endsWith(">") ? 3 : 1;
      model.message(1, new ProtoWriter().string(1, p).float32(2, -i).int64(3, type));
    }
    return model.toByteArray();
  }

  // ---------------------------------------------------------------- CMVN

  /** Plausible global CMVN for stacked log-mel features: means near -12, scales near 0.3. */
  static Cmvn cmvn(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] negMean = new float[FEATURE_DIM];
    float[] inv = new float[FEATURE_DIM];
    for (int i = 0; i < FEATURE_DIM; i++) {
      negMean[i] = (float) (10 + 4 * rnd.nextDouble());
      inv[i] = (float) (0.2 + 0.2 * rnd.nextDouble());
    }
    return new Cmvn(negMean, inv);
  }

  static String joinFloats(float[] v) {
    StringJoiner j = new StringJoiner(",");
    for (float f : v) {
      j.add(Float.toString(f));
    }
    return j.toString();
  }

  static String amMvn(Cmvn cmvn) {
    return "<Nnet>\n<Splice> "
        + FEATURE_DIM
        + " "
        + FEATURE_DIM
        + "\n[ 0 ]\n<AddShift> "
        + FEATURE_DIM
        + " "
        + FEATURE_DIM
        + "\n<LearnRateCoef> 0 [ "
        + joinSpaced(cmvn.negMean())
        + " ]\n<Rescale> "
        + FEATURE_DIM
        + " "
        + FEATURE_DIM
        + "\n<LearnRateCoef> 0 [ "
        + joinSpaced(cmvn.invStddev())
        + " ]\n</Nnet>\n";
  }

  private static String joinSpaced(float[] v) {
    StringJoiner j = new StringJoiner(" ");
    for (float f : v) {
      j.add(Float.toString(f));
    }
    return j.toString();
  }

  static String configYaml(int predictorBias) {
    return String.join(
        "\n",
        "frontend: WavFrontend",
        "frontend_conf:",
        "  fs: 16000",
        "  window: hamming",
        "  n_mels: 80",
        "  frame_length: 25",
        "  frame_shift: 10",
        "  lfr_m: 7",
        "  lfr_n: 6",
        "model_conf:",
        "  ctc_weight: 0.0",
        "  predictor_bias: " + predictorBias,
        "");
  }

  // ---------------------------------------------------------------- random weights

  private static float[] gaussian(SplittableRandom rnd, int n, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i += 2) {
      double u1 = 1 - rnd.nextDouble();
      double u2 = rnd.nextDouble();
      double r = Math.sqrt(-2 * Math.log(u1));
      out[i] = (float) (std * r * Math.cos(2 * Math.PI * u2));
      if (i + 1 < n) {
        out[i + 1] = (float) (std * r * Math.sin(2 * Math.PI * u2));
      }
    }
    return out;
  }

  private static String toDouble(OnnxModelBuilder b, String value) {
    return b.op("Cast", List.of(Attr.i("to", 11)), value);
  }

  // ---------------------------------------------------------------- SenseVoice

  /** Which export a SenseVoice folder imitates. */
  enum Layout {
    SHERPA,
    FUNASR
  }

  static Path senseVoice(Path dir, Layout layout, long seed, int hidden) throws IOException {
    Files.createDirectories(dir);
    List<String> vocab = senseVoiceVocabulary(seed);
    Cmvn cmvn = cmvn(seed + 1);
    byte[] model = senseVoiceGraph(layout, seed + 2, hidden, cmvn);
    if (layout == Layout.SHERPA) {
      Files.write(dir.resolve("model.int8.onnx"), model);
      Files.writeString(dir.resolve("tokens.txt"), tokensTxt(vocab), StandardCharsets.UTF_8);
    } else {
      Files.write(dir.resolve("model_quant.onnx"), model);
      Files.writeString(dir.resolve("am.mvn"), amMvn(cmvn));
      Files.writeString(dir.resolve("config.yaml"), configYaml(0));
      Files.write(dir.resolve("chn_jpn_yue_eng_ko_spectok.bpe.model"), sentencePieceModel(vocab));
    }
    return dir;
  }

  private static byte[] senseVoiceGraph(Layout layout, long seed, int hidden, Cmvn cmvn) {
    SplittableRandom rnd = new SplittableRandom(seed);
    boolean sherpa = layout == Layout.SHERPA;
    String xName = sherpa ? "x" : "speech";
    String lenName = sherpa ? "x_length" : "speech_lengths";
    String tnName = sherpa ? "text_norm" : "textnorm";
    String outName = sherpa ? "logits" : "ctc_logits";
    int v = SENSE_VOICE_VOCAB;
    OnnxModelBuilder b = new OnnxModelBuilder("sense_voice_signature", 17);
    String x = b.input(xName, FLOAT, "N", "T", FEATURE_DIM);
    String len = b.input(lenName, INT32, "N");
    String lang = b.input("language", INT32, "N");
    String tn = b.input(tnName, INT32, "N");
    b.output(outName, FLOAT, "N", "T", v);
    if (!sherpa) {
      b.output("encoder_out_lens", INT32, "N");
    }

    // The query embeddings: rows are the ids language/text-norm inputs and events/emotions use.
    String embed = b.floats("embed", gaussian(rnd, 16 * FEATURE_DIM, 1.0), 16, FEATURE_DIM);
    String one = b.int64Vector(1);
    String langQ = b.op("Unsqueeze", b.op("Gather", embed, lang), one);
    String tnQ = b.op("Unsqueeze", b.op("Gather", embed, tn), one);
    String eeIdx = b.int64s("event_emo_ids", new long[] {1, 2}, 1, 2);
    String eeOne = b.op("Gather", embed, eeIdx); // [1,2,560]
    String shapeX = b.op("Shape", x);
    String n = b.op("Slice", shapeX, b.int64Vector(0), b.int64Vector(1)); // [N]
    String eeShape = b.op("Concat", List.of(Attr.i("axis", 0)), n, b.int64Vector(2, FEATURE_DIM));
    String ee = b.op("Expand", eeOne, eeShape);

    // Masked mean of the audio frames: the global context the encoder's attention would add.
    String t = b.op("Slice", shapeX, b.int64Vector(1), b.int64Vector(2));
    String tScalar = b.op("Squeeze", t, b.int64Vector(0));
    String range =
        b.op(
            "Cast",
            List.of(Attr.i("to", 6)),
            b.op("Range", b.int64Scalar(0), tScalar, b.int64Scalar(1)));
    String mask =
        b.op("Cast", List.of(Attr.i("to", 1)), b.op("Less", range, b.op("Unsqueeze", len, one)));
    String mask3 = b.op("Unsqueeze", mask, b.int64Vector(2));
    String sum = b.op("ReduceSum", List.of(Attr.i("keepdims", 1)), b.op("Mul", x, mask3), one);
    String count =
        b.op(
            "Max",
            b.op("Cast", List.of(Attr.i("to", 1)), b.op("Unsqueeze", len, b.int64Vector(1, 2))),
            b.floatScalar(1f));
    String ctx = b.op("Div", sum, count);

    String seq = b.op("Concat", List.of(Attr.i("axis", 1)), langQ, ee, tnQ, x);
    // Audio frames enter as their deviation from the utterance mean; the query frames see the mean.
    String withCtx = b.op("Sub", seq, ctx);
    String w1 =
        b.floats(
            "w1",
            gaussian(rnd, FEATURE_DIM * hidden, 1.5 / Math.sqrt(FEATURE_DIM)),
            FEATURE_DIM,
            hidden);
    String b1 = b.floats("b1", gaussian(rnd, hidden, 0.1), hidden);
    String z = b.op("Tanh", b.op("Add", b.op("MatMul", withCtx, w1), b1));
    // Frames past x_length (batch padding) carry no signal.
    String fullMask =
        b.op(
            "Concat",
            List.of(Attr.i("axis", 1)),
            b.op(
                "Expand",
                b.floats("ones4", new float[] {1, 1, 1, 1}, 1, 4),
                b.op("Concat", List.of(Attr.i("axis", 0)), n, b.int64Vector(4))),
            mask);
    String zMasked = b.op("Mul", z, b.op("Unsqueeze", fullMask, b.int64Vector(2)));

    float[] w2 = gaussian(rnd, hidden * v, 4.0 / Math.sqrt(hidden));
    String w2n = b.floats("w2", w2, hidden, v);
    float[] bodyBias = gaussian(rnd, v, 0.3);
    bodyBias[0] += 7.5f; // blank wins about half of the audio frames
    for (int id = FIRST_TAG_ID; id < v; id++) {
      bodyBias[id] -= 30f;
    }
    float[] prefixBias = new float[4 * v];
    for (int row = 0; row < 4; row++) {
      System.arraycopy(bodyBias, 0, prefixBias, row * v, v);
    }
    int[][] tagRows = {LANGUAGE_TAG_IDS, EMOTION_TAG_IDS, EVENT_TAG_IDS, ITN_TAG_IDS};
    for (int row = 0; row < 4; row++) {
      for (int id : tagRows[row]) {
        prefixBias[row * v + id] += 60f;
      }
    }
    String zPrefix = b.op("Slice", zMasked, b.int64Vector(0), b.int64Vector(4), one);
    String zBody = b.op("Slice", zMasked, b.int64Vector(4), b.int64Vector(Long.MAX_VALUE), one);
    String prefixLogits =
        b.op("Add", b.op("MatMul", zPrefix, w2n), b.floats("prefix_bias", prefixBias, 4, v));
    String bodyLogits = b.op("Add", b.op("MatMul", zBody, w2n), b.floats("body_bias", bodyBias, v));
    b.rename(b.op("Concat", List.of(Attr.i("axis", 1)), prefixLogits, bodyLogits), outName);
    if (!sherpa) {
      b.rename(b.op("Add", len, b.int32s("four", new int[] {4}, 1)), "encoder_out_lens");
    }

    if (sherpa) {
      b.metadata("lfr_window_size", "7");
      b.metadata("lfr_window_shift", "6");
      b.metadata("normalize_samples", "0");
      b.metadata("neg_mean", joinFloats(cmvn.negMean()));
      b.metadata("inv_stddev", joinFloats(cmvn.invStddev()));
      b.metadata("model_type", "sense_voice_ctc");
      b.metadata("version", "2");
      b.metadata("model_author", "weft-test");
      b.metadata("maintainer", "weft-test");
      b.metadata("vocab_size", Integer.toString(v));
      b.metadata("comment", "signature model with random weights (iic/SenseVoiceSmall signature)");
      b.metadata("lang_auto", "0");
      b.metadata("lang_zh", "3");
      b.metadata("lang_en", "4");
      b.metadata("lang_yue", "7");
      b.metadata("lang_ja", "11");
      b.metadata("lang_ko", "12");
      b.metadata("lang_nospeech", "13");
      b.metadata("with_itn", "14");
      b.metadata("without_itn", "15");
    }
    return b.build();
  }

  // ---------------------------------------------------------------- Paraformer

  static Path paraformer(Path dir, Layout layout, long seed, int hidden, boolean timestamps)
      throws IOException {
    Files.createDirectories(dir);
    List<String> vocab = paraformerVocabulary(seed);
    Cmvn cmvn = cmvn(seed + 1);
    byte[] model = paraformerGraph(layout, seed + 2, hidden, cmvn, timestamps);
    if (layout == Layout.SHERPA) {
      Files.write(dir.resolve("model.onnx"), model);
      Files.writeString(dir.resolve("tokens.txt"), tokensTxt(vocab), StandardCharsets.UTF_8);
    } else {
      Files.write(dir.resolve("model.onnx"), model);
      Files.writeString(dir.resolve("am.mvn"), amMvn(cmvn));
      Files.writeString(dir.resolve("config.yaml"), configYaml(1));
      Files.writeString(dir.resolve("tokens.json"), tokensJson(vocab), StandardCharsets.UTF_8);
    }
    return dir;
  }

  private static byte[] paraformerGraph(
      Layout layout, long seed, int hidden, Cmvn cmvn, boolean timestamps) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int v = PARAFORMER_VOCAB;
    OnnxModelBuilder b = new OnnxModelBuilder("paraformer_signature", 17);
    String x = b.input("speech", FLOAT, "N", "T", FEATURE_DIM);
    String len = b.input("speech_lengths", INT32, "N");
    b.output("logits", FLOAT, "N", "K", v);
    b.output("token_num", INT32, "N");
    if (timestamps) {
      b.output("us_alphas", FLOAT, "N", "U");
      b.output("us_cif_peak", FLOAT, "N", "U");
    }
    String one = b.int64Vector(1);
    String w1 =
        b.floats(
            "enc_w",
            gaussian(rnd, FEATURE_DIM * hidden, 1.5 / Math.sqrt(FEATURE_DIM)),
            FEATURE_DIM,
            hidden);
    String b1 = b.floats("enc_b", gaussian(rnd, hidden, 0.1), hidden);
    // Means over each utterance's own frames only, so padding in a batch changes nothing.
    String shapeX = b.op("Shape", x);
    String n = b.op("Slice", shapeX, b.int64Vector(0), b.int64Vector(1));
    String tScalar =
        b.op(
            "Squeeze", b.op("Slice", shapeX, b.int64Vector(1), b.int64Vector(2)), b.int64Vector(0));
    String lenCol = b.op("Unsqueeze", len, one); // [N,1]
    String frameRange =
        b.op(
            "Cast",
            List.of(Attr.i("to", 6)),
            b.op("Range", b.int64Scalar(0), tScalar, b.int64Scalar(1))); // [T]
    String inside =
        b.op("Cast", List.of(Attr.i("to", 1)), b.op("Less", frameRange, lenCol)); // [N,T]
    String count =
        b.op("Max", b.op("Cast", List.of(Attr.i("to", 1)), lenCol), b.floatScalar(1f)); // [N,1]
    // Sums in double precision: ONNX Runtime's float reductions group their terms by the tensor's
    // shape, so a padded batch would round differently from a single utterance.
    String inside3 = b.op("Unsqueeze", inside, b.int64Vector(2)); // [N,T,1]
    String xMean =
        b.op(
            "Cast",
            List.of(Attr.i("to", 1)),
            b.op(
                "Div",
                b.op(
                    "ReduceSum",
                    List.of(Attr.i("keepdims", 1)),
                    toDouble(b, b.op("Mul", x, inside3)),
                    one),
                toDouble(b, b.op("Unsqueeze", count, b.int64Vector(2)))));
    String xc = b.op("Sub", x, xMean);
    String h = b.op("Tanh", b.op("Add", b.op("MatMul", xc, w1), b1)); // [N,T,H]

    // Predictor: alphas in (0, 0.65), zero past the length, plus FunASR's 0.45 tail at the end.
    String wa = b.floats("pred_w", gaussian(rnd, hidden, 2.0 / Math.sqrt(hidden)), hidden, 1);
    String pre = b.op("Squeeze", b.op("MatMul", h, wa), b.int64Vector(2)); // [N,T]
    String preMean =
        b.op(
            "Cast",
            List.of(Attr.i("to", 1)),
            b.op(
                "Div",
                b.op(
                    "ReduceSum",
                    List.of(Attr.i("keepdims", 1)),
                    toDouble(b, b.op("Mul", pre, inside)),
                    one),
                toDouble(b, count)));
    String centred = b.op("Sub", pre, preMean);
    String alphas =
        b.op(
            "Mul",
            b.op("Sigmoid", b.op("Mul", centred, b.floatScalar(3f))),
            b.floatScalar(0.65f)); // [N,T]
    String tPlus1 = b.op("Add", tScalar, b.int64Scalar(1));
    String range =
        b.op(
            "Cast",
            List.of(Attr.i("to", 6)),
            b.op("Range", b.int64Scalar(0), tPlus1, b.int64Scalar(1))); // [T+1]
    String valid = b.op("Cast", List.of(Attr.i("to", 1)), b.op("Less", range, lenCol)); // [N,T+1]
    String tail =
        b.op(
            "Mul",
            b.op("Cast", List.of(Attr.i("to", 1)), b.op("Equal", range, lenCol)),
            b.floatScalar(0.45f));
    String zeros1 =
        b.op(
            "Expand",
            b.floats("zero11", new float[] {0}, 1, 1),
            b.op("Concat", List.of(Attr.i("axis", 0)), n, b.int64Vector(1)));
    String alphasExt =
        b.op(
            "Add",
            b.op("Mul", b.op("Concat", List.of(Attr.i("axis", 1)), alphas, zeros1), valid),
            tail); // [N,T+1]
    // The integrate runs in double precision: over minutes of audio a float running sum would
    // lose the fractions that decide where each token fires.
    String axis1 = b.int64Scalar(1);
    String alphasD = b.op("Cast", List.of(Attr.i("to", 11)), alphasExt);
    String csum = b.op("CumSum", alphasD, axis1);
    String prev = b.op("CumSum", List.of(Attr.i("exclusive", 1)), alphasD, axis1);
    String total = b.op("ReduceSum", List.of(Attr.i("keepdims", 0)), alphasD, one); // [N]
    String tokenNumD = b.op("Floor", total);
    String tokenNumF = b.op("Cast", List.of(Attr.i("to", 1)), tokenNumD);
    b.rename(b.op("Cast", List.of(Attr.i("to", 6)), tokenNumD), "token_num");
    String kMax =
        b.op(
            "Cast",
            List.of(Attr.i("to", 7)),
            b.op("ReduceMax", List.of(Attr.ints("axes", 0), Attr.i("keepdims", 0)), tokenNumD));
    String jD =
        b.op(
            "Cast",
            List.of(Attr.i("to", 11)),
            b.op("Range", b.int64Scalar(0), kMax, b.int64Scalar(1))); // [K]
    String j = b.op("Cast", List.of(Attr.i("to", 1)), jD);
    String last = b.int64Vector(-1);
    String csum3 = b.op("Unsqueeze", csum, last); // [N,T+1,1]
    String prev3 = b.op("Unsqueeze", prev, last);
    String oneD = b.op("Cast", List.of(Attr.i("to", 11)), b.floatScalar(1f));
    String overlap =
        b.op(
            "Cast",
            List.of(Attr.i("to", 1)),
            b.op(
                "Relu",
                b.op(
                    "Sub",
                    b.op("Min", csum3, b.op("Add", jD, oneD)),
                    b.op("Max", prev3, jD)))); // [N,T+1,K]
    String hZero =
        b.op(
            "Expand",
            b.floats("zero1h", new float[hidden], 1, 1, hidden),
            b.op("Concat", List.of(Attr.i("axis", 0)), n, b.int64Vector(1, hidden)));
    String hExt = b.op("Concat", List.of(Attr.i("axis", 1)), h, hZero); // [N,T+1,H]
    String acoustic =
        b.op(
            "MatMul",
            b.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1)), overlap),
            hExt); // [N,K,H]

    // Decoder: token scores per position; the last predicted position is </s>, earlier ones are
    // never </s> or blank (what a trained Paraformer learns).
    String w2 =
        b.floats("dec_w", gaussian(rnd, hidden * hidden, 2.0 / Math.sqrt(hidden)), hidden, hidden);
    String d = b.op("Tanh", b.op("MatMul", acoustic, w2));
    String w3 = b.floats("out_w", gaussian(rnd, hidden * v, 4.0 / Math.sqrt(hidden)), hidden, v);
    String raw = b.op("MatMul", d, w3); // [N,K,V]
    float[] eos = new float[v];
    eos[2] = 50f;
    float[] notEos = new float[v];
    notEos[0] = -50f;
    notEos[2] = -50f;
    String isLast =
        b.op(
            "Cast",
            List.of(Attr.i("to", 1)),
            b.op(
                "Equal",
                j,
                b.op("Sub", b.op("Unsqueeze", tokenNumF, one), b.floatScalar(1f)))); // [N,K]
    String isLast3 = b.op("Unsqueeze", isLast, last);
    String notLast3 = b.op("Sub", b.floatScalar(1f), isLast3);
    String shaped =
        b.op(
            "Add",
            raw,
            b.op(
                "Add",
                b.op("Mul", isLast3, b.floats("eos_bias", eos, v)),
                b.op("Mul", notLast3, b.floats("not_eos_bias", notEos, v))));
    b.rename(b.op("LogSoftmax", List.of(Attr.i("axis", -1)), shaped), "logits");

    if (timestamps) {
      // Upsample the alphas 3x and report where the integrate fires (value 1) or its fraction.
      String threeD = b.op("Cast", List.of(Attr.i("to", 11)), b.floatScalar(3f));
      String a3 = b.op("Div", b.op("Unsqueeze", alphasD, last), threeD); // [N,T+1,1]
      String a3e = b.op("Expand", a3, b.int64Vector(1, 1, 3));
      String us =
          b.op("Reshape", a3e, b.op("Concat", List.of(Attr.i("axis", 0)), n, b.int64Vector(-1)));
      b.rename(b.op("Cast", List.of(Attr.i("to", 1)), us), "us_alphas");
      String usSum = b.op("CumSum", us, axis1);
      String usPrev = b.op("Sub", usSum, us);
      String fire = b.op("Greater", b.op("Floor", usSum), b.op("Floor", usPrev));
      String frac =
          b.op("Cast", List.of(Attr.i("to", 1)), b.op("Sub", usSum, b.op("Floor", usSum)));
      // Between fires the value stays below the decoder's 1 - 1e-4, as in real exports, where a
      // peak is the integrate reaching the threshold.
      String partial = b.op("Min", frac, b.floatScalar(0.999f));
      b.rename(b.op("Where", fire, b.floatScalar(1f), partial), "us_cif_peak");
    }
    if (layout == Layout.SHERPA) {
      b.metadata("lfr_window_size", "7");
      b.metadata("lfr_window_shift", "6");
      b.metadata("neg_mean", joinFloats(cmvn.negMean()));
      b.metadata("inv_stddev", joinFloats(cmvn.invStddev()));
      b.metadata("vocab_size", Integer.toString(v));
      b.metadata("model_type", "paraformer");
      b.metadata("comment", "signature model with random weights (paraformer-zh signature)");
    }
    return b.build();
  }
}
