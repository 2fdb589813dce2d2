package dev.weft.pipelines.models.asr;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.weft.nativelibs.onnx.ModelLoadException;
import dev.weft.nativelibs.onnx.ModelSession;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One loaded SenseVoice or Paraformer export: its ONNX Runtime session, the family and tensor names
 * read from the session, its vocabulary and the front end its metadata (sherpa-onnx) or side files
 * (FunASR) describe.
 */
public final class AsrModel implements AutoCloseable {
  static final int MEL_BINS = 80;

  private final AsrModelFiles files;
  private final OrtEnvironment env;
  private final ModelSession session;
  private final AsrFamily family;
  private final TensorNames names;
  private final TokenTable tokens;
  private final AsrFrontEnd frontEnd;
  private final int vocabSize;
  private final SenseVoiceSettings senseVoice;
  private final ParaformerSettings paraformer;
  private final boolean batchable;

  private AsrModel(
      AsrModelFiles files,
      OrtEnvironment env,
      ModelSession session,
      AsrFamily family,
      TensorNames names,
      TokenTable tokens,
      AsrFrontEnd frontEnd,
      int vocabSize,
      SenseVoiceSettings senseVoice,
      ParaformerSettings paraformer,
      boolean batchable) {
    this.files = files;
    this.env = env;
    this.session = session;
    this.family = family;
    this.names = names;
    this.tokens = tokens;
    this.frontEnd = frontEnd;
    this.vocabSize = vocabSize;
    this.senseVoice = senseVoice;
    this.paraformer = paraformer;
    this.batchable = batchable;
  }

  /**
   * Opens the export at {@code path} (a folder, or an {@code .onnx} file in one) under a session
   * policy (execution providers tried in order, threads).
   *
   * @throws WeftException naming the folder or file and what is missing or wrong
   */
  public static AsrModel open(
      OrtRuntime runtime, Path path, ModelVariant variant, SessionPolicy policy) {
    AsrModelFiles files = AsrModelFiles.locate(path, variant);
    ModelSession session;
    try {
      session = runtime.open(files.model(), policy);
    } catch (ModelLoadException e) {
      throw new WeftException(
          "ONNX Runtime cannot load the model: " + e.getMessage(),
          Location.file(files.model().toString()),
          "the file may be truncated or not an ONNX model; download it again",
          e);
    }
    try {
      return build(files, runtime.environment(), session);
    } catch (RuntimeException e) {
      try {
        session.close();
      } catch (RuntimeException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  private static AsrModel build(AsrModelFiles files, OrtEnvironment env, ModelSession session) {
    Map<String, NodeInfo> inputs;
    Map<String, NodeInfo> outputs;
    Map<String, String> meta;
    try {
      inputs = session.inputs();
      outputs = session.outputs();
      meta = session.customMetadata();
    } catch (OrtException e) {
      throw new WeftException(
          "cannot read the model's inputs and outputs: " + e.getMessage(),
          Location.file(files.model().toString()),
          null,
          e);
    }
    Location where = Location.file(files.model().toString());
    Signature sig =
        Signature.match(inputs.keySet(), outputs.keySet(), files.layout(), where, inputs, outputs);
    TokenTable tokens = readTokens(files);
    int vocab = vocabularyOf(outputs.get(sig.names.logits()), meta, tokens, files, where);

    LowFrameRate lfr;
    Cmvn cmvn;
    boolean normalized;
    SenseVoiceSettings sv = null;
    ParaformerSettings pf = null;
    if (files.layout() == ExportLayout.SHERPA_ONNX) {
      Metadata m = new Metadata(meta, where);
      List<String> required =
          new ArrayList<>(List.of("lfr_window_size", "lfr_window_shift", "neg_mean", "inv_stddev"));
      if (sig.family == AsrFamily.SENSE_VOICE) {
        required.addAll(
            List.of(
                "normalize_samples",
                "with_itn",
                "without_itn",
                "lang_auto",
                "lang_zh",
                "lang_en",
                "lang_ja",
                "lang_ko",
                "lang_yue"));
      }
      m.require(required);
      lfr = new LowFrameRate(m.integer("lfr_window_size"), m.integer("lfr_window_shift"));
      cmvn = new Cmvn(m.floats("neg_mean"), m.floats("inv_stddev"));
      if (sig.family == AsrFamily.SENSE_VOICE) {
        normalized = m.integer("normalize_samples") != 0;
        Map<String, Integer> langs = new LinkedHashMap<>();
        for (String lang : List.of("auto", "zh", "en", "yue", "ja", "ko")) {
          langs.put(lang, m.integer("lang_" + lang));
        }
        int blank = meta.containsKey("blank_id") ? m.integer("blank_id") : 0;
        sv = new SenseVoiceSettings(langs, m.integer("with_itn"), m.integer("without_itn"), blank);
      } else {
        normalized = false;
        pf = new ParaformerSettings(0, eosOf(tokens, where), true, 0);
      }
    } else {
      FunAsrConfig cfg = FunAsrConfig.read(files.config().orElseThrow());
      lfr = new LowFrameRate(cfg.lfrM(), cfg.lfrN());
      cmvn = readAmMvn(files.cmvn().orElseThrow());
      normalized = false;
      if (sig.family == AsrFamily.SENSE_VOICE) {
        sv = SenseVoiceSettings.FUNASR_DEFAULTS;
      } else {
        pf = new ParaformerSettings(0, eosOf(tokens, where), false, cfg.predictorBias());
      }
    }
    AsrFrontEnd frontEnd;
    try {
      frontEnd = new AsrFrontEnd(MEL_BINS, lfr, cmvn, normalized);
    } catch (IllegalArgumentException e) {
      throw new WeftException(e.getMessage(), where, "the export's metadata is inconsistent", e);
    }
    long featureDim = lastDim(inputs.get(sig.names.features()));
    if (featureDim > 0 && featureDim != frontEnd.dim()) {
      throw new WeftException(
          "the model takes "
              + featureDim
              + " features per frame but its LFR and CMVN settings make "
              + frontEnd.dim(),
          where,
          null);
    }
    boolean batchable = BatchTensors.batchable(inputs.get(sig.names.features()));
    return new AsrModel(
        files, env, session, sig.family, sig.names, tokens, frontEnd, vocab, sv, pf, batchable);
  }

  private static int eosOf(TokenTable tokens, Location where) {
    return tokens
        .id("</s>")
        .orElseThrow(() ->
            new WeftException(
                "the vocabulary has no </s> token, which Paraformer decoding stops at",
                where,
                null));
  }

  private static long lastDim(NodeInfo info) {
    if (info != null && info.getInfo() instanceof TensorInfo t) {
      long[] shape = t.getShape();
      return shape.length == 0 ? -1 : shape[shape.length - 1];
    }
    return -1;
  }

  private static int vocabularyOf(
      NodeInfo logits,
      Map<String, String> meta,
      TokenTable tokens,
      AsrModelFiles files,
      Location where) {
    long dim = lastDim(logits);
    if (dim <= 0 && meta.containsKey("vocab_size")) {
      dim = new Metadata(meta, where).integer("vocab_size");
    }
    if (dim <= 0) {
      dim = tokens.size();
    }
    if (tokens.size() < dim) {
      throw new WeftException(
          "the vocabulary file has " + tokens.size() + " tokens but the model scores " + dim,
          Location.file(files.tokens().toString()),
          "the tokens file belongs to another model; use the one shipped with "
              + files.model().getFileName());
    }
    return (int) dim;
  }

  private static TokenTable readTokens(AsrModelFiles files) {
    Path path = files.tokens();
    Location where = Location.file(path.toString());
    try {
      String name = path.getFileName().toString();
      if (name.endsWith(".model")) {
        return TokenTable.of(SentencePieceModel.pieces(Files.readAllBytes(path)));
      }
      String text = Files.readString(path, StandardCharsets.UTF_8);
      if (name.endsWith(".json")) {
        JsonNode array = new ObjectMapper().readTree(text);
        if (array == null || !array.isArray()) {
          throw new WeftException("expected a JSON array of token strings", where, null);
        }
        List<String> pieces = new ArrayList<>();
        array.forEach(n -> pieces.add(n.asText()));
        return TokenTable.of(pieces);
      }
      return TokenTable.parseTokensTxt(text);
    } catch (IOException e) {
      throw new WeftException("cannot read the vocabulary: " + e.getMessage(), where, null, e);
    } catch (IllegalArgumentException e) {
      throw new WeftException("the vocabulary is malformed: " + e.getMessage(), where, null, e);
    }
  }

  /** Parses a Kaldi nnet {@code am.mvn}: the {@code <AddShift>} and {@code <Rescale>} rows. */
  static Cmvn readAmMvn(Path path) {
    Location where = Location.file(path.toString());
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WeftException("cannot read the CMVN file: " + e.getMessage(), where, null, e);
    }
    float[] shift = bracketAfter(text, "<AddShift>", where);
    float[] scale = bracketAfter(text, "<Rescale>", where);
    if (shift.length != scale.length) {
      throw new WeftException(
          "<AddShift> has " + shift.length + " values but <Rescale> has " + scale.length,
          where,
          null);
    }
    return new Cmvn(shift, scale);
  }

  private static float[] bracketAfter(String text, String component, Location where) {
    int at = text.indexOf(component);
    int open = at < 0 ? -1 : text.indexOf('[', at);
    int close = open < 0 ? -1 : text.indexOf(']', open);
    if (close < 0) {
      throw new WeftException(
          "no " + component + " row with values in [ ] found", where, "the file is not an am.mvn");
    }
    String[] parts = text.substring(open + 1, close).trim().split("\\s+");
    float[] values = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Float.parseFloat(parts[i]);
      } catch (NumberFormatException e) {
        throw new WeftException(
            component + " value " + (i + 1) + " \"" + parts[i] + "\" is not a number",
            where,
            null,
            e);
      }
    }
    return values;
  }

  public AsrModelFiles files() {
    return files;
  }

  public AsrFamily family() {
    return family;
  }

  public ExportLayout layout() {
    return files.layout();
  }

  public TensorNames names() {
    return names;
  }

  public TokenTable tokens() {
    return tokens;
  }

  public AsrFrontEnd frontEnd() {
    return frontEnd;
  }

  public int vocabSize() {
    return vocabSize;
  }

  /** Whether the export takes several utterances per run (its batch dimension is free). */
  public boolean batchable() {
    return batchable;
  }

  /** Present for SenseVoice models. */
  public Optional<SenseVoiceSettings> senseVoice() {
    return Optional.ofNullable(senseVoice);
  }

  /** Present for Paraformer models. */
  public Optional<ParaformerSettings> paraformer() {
    return Optional.ofNullable(paraformer);
  }

  OrtEnvironment env() {
    return env;
  }

  ModelSession session() {
    return session;
  }

  /** The execution provider the session runs on (CPU, CUDA...). */
  public String provider() {
    return session.provider().label();
  }

  /** Asks a model run in flight to stop; it then fails with a RunTerminatedException. */
  public void terminate() {
    session.terminate();
  }

  @Override
  public void close() {
    session.close();
  }

  /** The family and tensor names a session's inputs and outputs match. */
  private record Signature(AsrFamily family, TensorNames names) {
    private static final List<String> SHERPA_SENSE_VOICE_IN =
        List.of("x", "x_length", "language", "text_norm");
    private static final List<String> FUNASR_SENSE_VOICE_IN =
        List.of("speech", "speech_lengths", "language", "textnorm");
    private static final List<String> PARAFORMER_IN = List.of("speech", "speech_lengths");

    static Signature match(
        Set<String> in,
        Set<String> out,
        ExportLayout layout,
        Location where,
        Map<String, NodeInfo> inputs,
        Map<String, NodeInfo> outputs) {
      if (in.containsAll(SHERPA_SENSE_VOICE_IN) && out.contains("logits")) {
        return new Signature(
            AsrFamily.SENSE_VOICE,
            new TensorNames(
                "x",
                "x_length",
                Optional.of("language"),
                Optional.of("text_norm"),
                "logits",
                Optional.empty(),
                Optional.empty()));
      }
      if (in.containsAll(FUNASR_SENSE_VOICE_IN) && out.contains("ctc_logits")) {
        return new Signature(
            AsrFamily.SENSE_VOICE,
            new TensorNames(
                "speech",
                "speech_lengths",
                Optional.of("language"),
                Optional.of("textnorm"),
                "ctc_logits",
                Optional.empty(),
                Optional.empty()));
      }
      if (in.containsAll(PARAFORMER_IN)
          && in.size() == 2
          && out.containsAll(List.of("logits", "token_num"))) {
        return new Signature(
            AsrFamily.PARAFORMER,
            new TensorNames(
                "speech",
                "speech_lengths",
                Optional.empty(),
                Optional.empty(),
                "logits",
                Optional.of("token_num"),
                out.contains("us_cif_peak") ? Optional.of("us_cif_peak") : Optional.empty()));
      }
      throw new WeftException(
          "the model's tensors match no supported speech model. Expected SenseVoice (sherpa-onnx:"
              + " inputs x, x_length, language, text_norm -> logits; FunASR: inputs speech,"
              + " speech_lengths, language, textnorm -> ctc_logits, encoder_out_lens) or"
              + " Paraformer (inputs speech, speech_lengths -> logits, token_num [, us_alphas,"
              + " us_cif_peak]); found inputs "
              + describe(inputs)
              + " -> outputs "
              + describe(outputs),
          where,
          "use a SenseVoice or Paraformer export made by sherpa-onnx or FunASR");
    }

    private static String describe(Map<String, NodeInfo> infos) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, NodeInfo> e : new java.util.TreeMap<>(infos).entrySet()) {
        String shape = "";
        if (e.getValue().getInfo() instanceof TensorInfo t) {
          shape = " " + t.type + Arrays.toString(t.getShape());
        }
        parts.add(e.getKey() + shape);
      }
      return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }
  }

  /** Typed access to the custom metadata of a sherpa-onnx export. */
  private record Metadata(Map<String, String> values, Location where) {
    void require(List<String> keys) {
      Set<String> missing = new TreeSet<>();
      for (String k : keys) {
        String v = values.get(k);
        if (v == null || v.isBlank()) {
          missing.add(k);
        }
      }
      if (!missing.isEmpty()) {
        throw new WeftException(
            "the model's metadata lacks "
                + String.join(", ", missing)
                + " (a sherpa-onnx export carries them); found keys "
                + (values.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(values.keySet()))),
            where,
            "use the model.onnx shipped with tokens.txt by sherpa-onnx, or the FunASR layout with"
                + " am.mvn and config.yaml");
      }
    }

    int integer(String key) {
      String v = values.get(key).strip();
      try {
        int i = Integer.parseInt(v);
        if (i < 0) {
          throw new NumberFormatException("negative");
        }
        return i;
      } catch (NumberFormatException e) {
        throw new WeftException(
            "metadata " + key + "=\"" + v + "\" is not a non-negative integer", where, null, e);
      }
    }

    float[] floats(String key) {
      String[] parts = values.get(key).split(",");
      float[] out = new float[parts.length];
      for (int i = 0; i < parts.length; i++) {
        try {
          out[i] = Float.parseFloat(parts[i].strip());
        } catch (NumberFormatException e) {
          throw new WeftException(
              "metadata " + key + " value " + (i + 1) + " \"" + parts[i] + "\" is not a number",
              where,
              null,
              e);
        }
      }
      return out;
    }
  }

  /** The parts of a FunASR {@code config.yaml} the local runner needs. */
  record FunAsrConfig(int lfrM, int lfrN, int predictorBias) {
    static FunAsrConfig read(Path path) {
      Location where = Location.file(path.toString());
      JsonNode root;
      try {
        root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
      } catch (IOException e) {
        throw new WeftException("cannot read config.yaml: " + e.getMessage(), where, null, e);
      }
      if (root == null || !root.isObject()) {
        throw new WeftException("config.yaml is empty or not a mapping", where, null);
      }
      JsonNode fe = root.path("frontend_conf");
      expect(fe, "fs", 16000, where);
      expect(fe, "n_mels", MEL_BINS, where);
      expect(fe, "frame_length", 25, where);
      expect(fe, "frame_shift", 10, where);
      String window = fe.path("window").asText("hamming");
      if (!window.equals("hamming")) {
        throw new WeftException(
            "frontend_conf.window is \"" + window + "\"; the local front end implements hamming",
            where,
            null);
      }
      int m = fe.path("lfr_m").asInt(7);
      int n = fe.path("lfr_n").asInt(6);
      int bias = root.path("model_conf").path("predictor_bias").asInt(0);
      return new FunAsrConfig(m, n, bias);
    }

    private static void expect(JsonNode fe, String key, int value, Location where) {
      JsonNode v = fe.get(key);
      if (v != null && !v.isNull() && v.asInt(Integer.MIN_VALUE) != value) {
        throw new WeftException(
            "frontend_conf."
                + key
                + " is "
                + v.asText()
                + "; the local front end implements "
                + value,
            where,
            null);
      }
    }
  }
}
