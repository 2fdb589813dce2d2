package dev.weft.pipelines.models.asr;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.assets.TranscriptAsset;
import dev.weft.nativelibs.onnx.ModelSession;
import dev.weft.nativelibs.onnx.RunTerminatedException;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Runs Paraformer in three steps: {@link #prepare} (samples to features), {@link #run} (the ONNX
 * session: CIF-predicted token positions, their scores, and the upsampled CIF peaks when the export
 * has them), and {@link #decode} (one token per position, words, a start time per token).
 */
public final class ParaformerRunner {
  private final AsrModel model;
  private final ParaformerSettings settings;
  private final ReusableBuffer inputBuffer = new ReusableBuffer();

  public ParaformerRunner(AsrModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.settings =
        model
            .paraformer()
            .orElseThrow(() -> new IllegalArgumentException("not a Paraformer model"));
  }

  /** The model's input for one utterance. */
  public record Prepared(AsrFrontEnd.Features features, double duration) {}

  /**
   * Scores {@code [positions][vocab]}, the CIF token count, and the upsampled CIF peaks (empty when
   * the export gives no timestamps).
   */
  public record Output(
      FloatBuffer scores,
      int positions,
      int vocab,
      long tokenNum,
      Optional<float[]> cifPeaks,
      double duration) {}

  public Prepared prepare(float[] samples16kMono) {
    return new Prepared(
        model.frontEnd().compute(samples16kMono),
        samples16kMono.length / (double) KaldiFbank.SAMPLE_RATE);
  }

  /** Runs one utterance. */
  public Output run(Prepared in) {
    return run(List.of(in)).getFirst();
  }

  /**
   * Runs several utterances in one model call (padded to the longest, each with its length); one
   * result each, in order.
   *
   * @throws CancellationException when {@link AsrModel#terminate()} stopped the run
   */
  public List<Output> run(List<Prepared> batch) {
    List<Output> out = new ArrayList<>(batch.size());
    List<Prepared> audible = batch.stream().filter(p -> p.features().frames() > 0).toList();
    List<Output> computed = audible.isEmpty() ? List.of() : runAudible(audible);
    int next = 0;
    for (Prepared p : batch) {
      out.add(
          p.features().frames() > 0
              ? computed.get(next++)
              : new Output(
                  FloatBuffer.allocate(0),
                  0,
                  model.vocabSize(),
                  0,
                  Optional.empty(),
                  p.duration()));
    }
    return out;
  }

  private List<Output> runAudible(List<Prepared> batch) {
    OrtEnvironment env = model.env();
    ModelSession session = model.session();
    TensorNames names = model.names();
    List<AsrFrontEnd.Features> features = batch.stream().map(Prepared::features).toList();
    int n = batch.size();
    int maxFrames = BatchTensors.maxFrames(features);
    long[] lengths = new long[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = features.get(i).frames();
    }
    Set<String> wanted = new HashSet<>(List.of(names.logits(), names.tokenNum().orElseThrow()));
    names.cifPeak().ifPresent(wanted::add);
    try {
      Map<String, NodeInfo> inputs = session.inputs();
      try (OnnxTensor x = BatchTensors.stack(env, features, maxFrames, inputBuffer);
          OnnxTensor length =
              BatchTensors.integers(env, inputs.get(names.featureLengths()), lengths);
          OrtSession.Result result =
              session.run(Map.of(names.features(), x, names.featureLengths(), length), wanted)) {
        OnnxTensor logits = (OnnxTensor) result.get(names.logits()).orElseThrow();
        long[] shape = logits.getInfo().getShape();
        int positions = (int) shape[1];
        int vocab = (int) shape[2];
        FloatBuffer scores = logits.getFloatBuffer();
        long[] tokenNums = integers(result.get(names.tokenNum().orElseThrow()).orElseThrow(), n);
        float[][] peaks = null;
        if (names.cifPeak().isPresent()) {
          OnnxTensor p = (OnnxTensor) result.get(names.cifPeak().get()).orElseThrow();
          FloatBuffer all = p.getFloatBuffer();
          int perRow = all.remaining() / n;
          peaks = new float[n][perRow];
          for (int i = 0; i < n; i++) {
            all.get(i * perRow, peaks[i]);
          }
        }
        List<Output> out = new ArrayList<>(n);
        long perUtterance = (long) positions * vocab;
        for (int i = 0; i < n; i++) {
          FloatBuffer slice =
              scores.slice(Math.toIntExact(i * perUtterance), Math.toIntExact(perUtterance));
          out.add(
              new Output(
                  slice,
                  positions,
                  vocab,
                  tokenNums[i],
                  peaks == null ? Optional.empty() : Optional.of(peaks[i]),
                  batch.get(i).duration()));
        }
        return out;
      }
    } catch (RunTerminatedException e) {
      throw SenseVoiceRunner.cancelled(e);
    } catch (OrtException e) {
      throw new WeftException(
          "the Paraformer model failed on "
              + n
              + " utterance(s) of up to "
              + maxFrames
              + " feature frames: "
              + e.getMessage(),
          Location.file(model.files().model().toString()),
          null,
          e);
    }
  }

  /** The first {@code n} values of an integer (or float) tensor, e.g. {@code token_num}. */
  private static long[] integers(OnnxValue value, int n) throws OrtException {
    OnnxTensor t = (OnnxTensor) value;
    long[] out = new long[n];
    switch (t.getInfo().type) {
      case INT32 -> {
        IntBuffer b = t.getIntBuffer();
        for (int i = 0; i < Math.min(n, b.remaining()); i++) {
          out[i] = b.get(i);
        }
      }
      case INT64 -> {
        LongBuffer b = t.getLongBuffer();
        for (int i = 0; i < Math.min(n, b.remaining()); i++) {
          out[i] = b.get(i);
        }
      }
      case FLOAT -> {
        FloatBuffer b = t.getFloatBuffer();
        for (int i = 0; i < Math.min(n, b.remaining()); i++) {
          out[i] = (long) b.get(i);
        }
      }
      default -> throw new IllegalStateException("token_num has type " + t.getInfo().type);
    }
    return out;
  }

  public Utterance decode(Output out) {
    List<Integer> ids = new ArrayList<>();
    float[] row = new float[out.vocab()];
    for (int k = 0; k < out.positions(); k++) {
      out.scores().get(k * out.vocab(), row);
      int best = CtcGreedyDecoder.argmax(row);
      if (best < 0) {
        throw new CtcGreedyDecoder.NonFiniteScores(k).toError(model.files().model().toString());
      }
      if (settings.stopAtEos()) {
        if (best == settings.eosId()) {
          break;
        }
        ids.add(best);
      } else if (best != settings.blankId() && best != settings.eosId()) {
        ids.add(best);
      }
    }
    if (!settings.stopAtEos()) {
      long keep = Math.max(0, out.tokenNum() - settings.predictorBias());
      while (ids.size() > keep) {
        ids.removeLast();
      }
    }
    List<Double> times = timestamps(out, ids.size());
    TokenTable table = model.tokens();
    List<String> display = new ArrayList<>(ids.size());
    for (int id : ids) {
      display.add(table.display(id));
    }
    List<String> joined = joinPieces(display);
    String text = String.join("", joined).strip();
    List<TranscriptAsset.Token> tokens = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      tokens.add(new TranscriptAsset.Token(display.get(i), times.get(i)));
    }
    double step = Times.ofFloat(peakSeconds() * 3);
    List<TranscriptAsset.Word> words = WordJoiner.join(joined, times, step, out.duration());
    return new Utterance(text, null, null, null, tokens, words, out.duration());
  }

  private float peakSeconds() {
    // The peaks are upsampled 3x from the LFR frame rate: 10 ms * shift / 3.
    return (float) (10.0 * model.frontEnd().lfr().shift() / 3 / 1000);
  }

  /**
   * Start times from the CIF peaks as sherpa-onnx reads them (every upsampled frame whose peak
   * exceeds 1 - 1e-4, the last one dropped), used only when there is one per token; otherwise every
   * token is placed at the start of the utterance.
   */
  private List<Double> timestamps(Output out, int count) {
    List<Double> times = new ArrayList<>();
    if (out.cifPeaks().isPresent()) {
      float scale = peakSeconds();
      float[] peaks = out.cifPeaks().get();
      for (int k = 0; k < peaks.length; k++) {
        if (peaks[k] > 1 - 1e-4) {
          times.add(Times.ofFloat(k * scale));
        }
      }
      if (!times.isEmpty()) {
        times.removeLast();
      }
    }
    if (times.size() != count) {
      times.clear();
      for (int i = 0; i < count; i++) {
        times.add(0.0);
      }
    }
    return times;
  }

  /**
   * What each token adds to the text, by sherpa-onnx's rule: ASCII tokens are separated by spaces,
   * a token ending in {@code @@} glues to the next one, non-ASCII tokens are written together with
   * a space only after an ASCII token.
   */
  static List<String> joinPieces(List<String> symbols) {
    List<String> parts = new ArrayList<>(symbols.size());
    boolean mergeable = false;
    for (int i = 0; i < symbols.size(); i++) {
      String sym = symbols.get(i);
      if (sym.isEmpty()) {
        parts.add("");
        continue;
      }
      int n = sym.length();
      boolean endsWithAtAt = sym.charAt(n - 1) == '@' && (n <= 2 || sym.charAt(n - 2) == '@');
      if (!endsWithAtAt) {
        if (sym.charAt(0) < 0x80) {
          if (mergeable) {
            mergeable = false;
            parts.add(sym);
          } else {
            parts.add(" " + sym);
          }
        } else {
          mergeable = false;
          // The reference tests the previous symbol's first byte, which is 0 for an empty one.
          boolean afterAscii =
              i > 0 && (symbols.get(i - 1).isEmpty() || symbols.get(i - 1).charAt(0) < 0x80);
          parts.add(afterAscii ? " " + sym : sym);
        }
      } else {
        String core = sym.substring(0, Math.max(0, n - 2));
        if (mergeable) {
          parts.add(core);
        } else {
          parts.add(" " + core);
          mergeable = true;
        }
      }
    }
    return parts;
  }
}
