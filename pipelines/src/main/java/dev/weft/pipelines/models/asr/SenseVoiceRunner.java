package dev.weft.pipelines.models.asr;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.assets.TranscriptAsset;
import dev.weft.nativelibs.onnx.ModelSession;
import dev.weft.nativelibs.onnx.RunTerminatedException;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Runs SenseVoiceSmall in three steps, each usable on its own: {@link #prepare} (samples to
 * features and prompt ids), {@link #run} (the ONNX session, four query frames prepended by the
 * graph), and {@link #decode} (CTC greedy, the four tags, pieces to words, a time per token).
 */
public final class SenseVoiceRunner {
  /** Seconds per output frame: 10 ms fbank shift times the LFR shift, in float as sherpa-onnx. */
  private final float frameSeconds;

  /** The number of query frames the graph prepends: language, event, emotion, text norm. */
  static final int QUERY_FRAMES = 4;

  private final AsrModel model;
  private final SenseVoiceSettings settings;
  private final ReusableBuffer inputBuffer = new ReusableBuffer();
  private final ReusableBuffer logitsBuffer = new ReusableBuffer();

  public SenseVoiceRunner(AsrModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.settings =
        model
            .senseVoice()
            .orElseThrow(() -> new IllegalArgumentException("not a SenseVoice model"));
    this.frameSeconds = (float) (10 / 1000.0 * model.frontEnd().lfr().shift());
  }

  /** Recognition options: a language code (auto, zh, en, yue, ja, ko) and ITN on or off. */
  public record Options(String language, boolean itn) {
    public static final Options DEFAULT = new Options("auto", true);

    public Options {
      Objects.requireNonNull(language, "language");
    }
  }

  /** The model's inputs for one utterance. */
  public record Prepared(
      AsrFrontEnd.Features features, int languageId, int textNormId, double duration) {}

  /** The model's CTC scores for one utterance, {@code [frames][vocab]} in a direct buffer. */
  public record Logits(FloatBuffer scores, int frames, int vocab, double duration) {}

  /**
   * @throws WeftException when the language is not one the model knows
   */
  public Prepared prepare(float[] samples16kMono, Options options) {
    Integer lang = settings.languageIds().get(options.language());
    if (lang == null) {
      throw new WeftException(
          "unknown language \"" + options.language() + "\"",
          Location.of("language"),
          "use one of " + String.join(", ", settings.languageIds().keySet()));
    }
    int textNorm = options.itn() ? settings.withItnId() : settings.withoutItnId();
    AsrFrontEnd.Features f = model.frontEnd().compute(samples16kMono);
    return new Prepared(f, lang, textNorm, samples16kMono.length / (double) KaldiFbank.SAMPLE_RATE);
  }

  /** Runs one utterance. */
  public Logits run(Prepared in) {
    return run(List.of(in)).getFirst();
  }

  /**
   * Runs several utterances in one model call (padded to the longest, each with its length); one
   * result each, in order. The scores live in a buffer this runner reuses: decode them before the
   * next run.
   *
   * @throws CancellationException when {@link AsrModel#terminate()} stopped the run
   */
  public List<Logits> run(List<Prepared> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    OrtEnvironment env = model.env();
    ModelSession session = model.session();
    TensorNames names = model.names();
    List<AsrFrontEnd.Features> features = batch.stream().map(Prepared::features).toList();
    int n = batch.size();
    int maxFrames = BatchTensors.maxFrames(features);
    int outFrames = maxFrames + QUERY_FRAMES;
    int vocab = model.vocabSize();
    long perUtterance = (long) outFrames * vocab;
    FloatBuffer scores = logitsBuffer.take(n * perUtterance);
    long[] lengths = new long[n];
    long[] languages = new long[n];
    long[] textNorms = new long[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = batch.get(i).features().frames();
      languages[i] = batch.get(i).languageId();
      textNorms[i] = batch.get(i).textNormId();
    }
    try {
      Map<String, NodeInfo> inputs = session.inputs();
      String lang = names.language().orElseThrow();
      String norm = names.textNorm().orElseThrow();
      try (OnnxTensor x = BatchTensors.stack(env, features, maxFrames, inputBuffer);
          OnnxTensor length =
              BatchTensors.integers(env, inputs.get(names.featureLengths()), lengths);
          OnnxTensor language = BatchTensors.integers(env, inputs.get(lang), languages);
          OnnxTensor textNorm = BatchTensors.integers(env, inputs.get(norm), textNorms);
          OnnxTensor logits =
              OnnxTensor.createTensor(env, scores, new long[] {n, outFrames, vocab});
          OrtSession.Result result =
              session.runInto(
                  Map.of(
                      names.features(),
                      x,
                      names.featureLengths(),
                      length,
                      lang,
                      language,
                      norm,
                      textNorm),
                  Map.of(names.logits(), logits))) {
        Objects.requireNonNull(result, "result");
      }
    } catch (RunTerminatedException e) {
      throw cancelled(e);
    } catch (OrtException e) {
      throw new WeftException(
          "the SenseVoice model failed on "
              + n
              + " utterance(s) of up to "
              + maxFrames
              + " feature frames: "
              + e.getMessage(),
          Location.file(model.files().model().toString()),
          null,
          e);
    }
    List<Logits> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int frames = batch.get(i).features().frames() + QUERY_FRAMES;
      FloatBuffer slice =
          scores.slice(Math.toIntExact(i * perUtterance), Math.multiplyExact(frames, vocab));
      out.add(new Logits(slice, frames, vocab, batch.get(i).duration()));
    }
    return out;
  }

  static CancellationException cancelled(RunTerminatedException e) {
    CancellationException c = new CancellationException("speech recognition cancelled");
    c.initCause(e);
    return c;
  }

  /** CTC greedy decoding, tags and words, with times as sherpa-onnx computes them. */
  public Utterance decode(Logits logits) {
    CtcGreedyDecoder.Path path;
    try {
      path =
          CtcGreedyDecoder.decode(
              logits.scores(), logits.frames(), logits.vocab(), settings.blankId());
    } catch (CtcGreedyDecoder.NonFiniteScores e) {
      throw e.toError(model.files().model().toString());
    }
    TokenTable table = model.tokens();
    int[] ids = path.tokens();
    String lang = null;
    String emotion = null;
    String event = null;
    if (ids.length >= 3) {
      lang = tag(table.display(ids[0]));
      emotion = tag(table.display(ids[1]));
      event = tag(table.display(ids[2]));
    }
    List<TranscriptAsset.Token> tokens = new ArrayList<>();
    List<String> pieces = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (int i = QUERY_FRAMES; i < ids.length; i++) {
      float time = frameSeconds * (path.frames()[i] - QUERY_FRAMES);
      double t = Times.ofFloat(time);
      String display = table.display(ids[i]);
      tokens.add(new TranscriptAsset.Token(display, t));
      pieces.add(display);
      times.add(t);
    }
    String text =
        ids.length > QUERY_FRAMES ? table.join(ids, QUERY_FRAMES, ids.length).strip() : "";
    List<TranscriptAsset.Word> words =
        WordJoiner.join(pieces, times, Times.ofFloat(frameSeconds), logits.duration());
    return new Utterance(text, lang, emotion, event, tokens, words, logits.duration());
  }

  /** {@code <|en|>} to {@code en}; anything else as it is. */
  static String tag(String piece) {
    if (piece.startsWith("<|") && piece.endsWith("|>") && piece.length() > 4) {
      return piece.substring(2, piece.length() - 2);
    }
    return piece;
  }
}
