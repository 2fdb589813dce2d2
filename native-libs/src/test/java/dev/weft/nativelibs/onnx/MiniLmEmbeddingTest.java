package dev.weft.nativelibs.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.weft.nativelibs.djl.TokenizerSetup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real model through Weft's runtime: all-MiniLM-L6-v2 (int8) from the langchain4j jar on Maven
 * Central, tokenized with DJL. Sentences that mean the same score higher than unrelated ones.
 */
@Tag("native")
class MiniLmEmbeddingTest {
  private static OrtRuntime runtime;
  private static ModelSession session;
  private static HuggingFaceTokenizer tokenizer;

  @BeforeAll
  static void load() throws Exception {
    runtime = OrtRuntime.create();
    session =
        runtime.open(
            "all-minilm-l6-v2-q", resource("/all-minilm-l6-v2-q.onnx"), SessionPolicy.cpuOnly(2));
    TokenizerSetup setup =
        TokenizerSetup.apply(
            Path.of(System.getProperty("weft.data.home", "target/test-data-home")));
    // the export's tokenizer.json pads to 128; Weft decides padding explicitly
    tokenizer =
        setup.load(
            "all-minilm-l6-v2-q-tokenizer.json",
            new String(resource("/all-minilm-l6-v2-q-tokenizer.json"), StandardCharsets.UTF_8),
            false,
            128);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
    session.close();
    runtime.close();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = MiniLmEmbeddingTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is not on the test class path (langchain4j jar missing?)");
      }
      return in.readAllBytes();
    }
  }

  @Test
  void tokenizerProducesBertIds() {
    Encoding e = tokenizer.encode("A man is eating food.");
    assertThat(e.getIds()).containsExactly(101L, 1037L, 2158L, 2003L, 5983L, 2833L, 1012L, 102L);
  }

  @Test
  void similarSentencesScoreHigherThanUnrelatedOnes() throws Exception {
    float[] food = embed("A man is eating food.");
    float[] bread = embed("A man is eating a piece of bread.");
    float[] stocks = embed("The stock market fell sharply today.");
    double similar = dot(food, bread);
    double unrelated = dot(food, stocks);
    assertThat(similar).isGreaterThan(0.6);
    assertThat(unrelated).isLessThan(0.2);
    assertThat(similar).isGreaterThan(unrelated + 0.4);
  }

  private static float[] embed(String text) throws Exception {
    Encoding e = tokenizer.encode(text);
    long[] shape = {1, e.getIds().length};
    Map<String, OnnxTensor> in = new HashMap<>();
    try (OnnxTensor ids =
            OnnxTensor.createTensor(runtime.environment(), LongBuffer.wrap(e.getIds()), shape);
        OnnxTensor mask =
            OnnxTensor.createTensor(
                runtime.environment(), LongBuffer.wrap(e.getAttentionMask()), shape);
        OnnxTensor types =
            OnnxTensor.createTensor(
                runtime.environment(), LongBuffer.wrap(e.getTypeIds()), shape)) {
      in.put("input_ids", ids);
      in.put("attention_mask", mask);
      if (session.inputNames().contains("token_type_ids")) {
        in.put("token_type_ids", types);
      }
      try (OrtSession.Result r = session.run(in)) {
        float[][][] hidden = (float[][][]) r.get("last_hidden_state").orElseThrow().getValue();
        return meanPoolNormalised(hidden[0], e.getAttentionMask());
      }
    }
  }

  private static float[] meanPoolNormalised(float[][] tokens, long[] mask) {
    float[] v = new float[tokens[0].length];
    int n = 0;
    for (int t = 0; t < tokens.length; t++) {
      if (mask[t] == 0) {
        continue;
      }
      n++;
      for (int i = 0; i < v.length; i++) {
        v[i] += tokens[t][i];
      }
    }
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) norm;
    }
    return v;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
