package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.nativelibs.testing.TestFixtures;
import dev.weft.pipelines.models.vad.SileroVad;
import dev.weft.pipelines.testing.WavFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weft's local recogniser and the reference (sherpa-onnx-node) on the same signature models and the
 * same audio give the same tokens, timestamps, tags and text: every clip as one utterance, and the
 * ten-minute clip the way Weft transcribes long audio (Silero VAD, utterances of at most 30 s,
 * batches), utterance by utterance against the reference on the same samples.
 *
 * <p>SenseVoice is compared exactly. Paraformer is compared exactly except where a difference is
 * proven to be a rounding-level tie, and it cannot be otherwise: the two front ends agree to float
 * rounding, not to the bit (the reference's FFT is kissfft compiled with {@code -ffast-math}, which
 * reorders its float operations; see {@link FrontEndConformanceTest} and docs/decisions/0003), and
 * Paraformer decides both its tokens and its times by thresholds on continuous values: the argmax
 * of each position, and where the running sum of its firing weights crosses an integer. Wherever
 * such a value lands within rounding distance of its threshold, either side may fall either way. So
 * a differing token must be the runner-up of ours by a margin under {@link #NEAR_TIE}, and a
 * differing time must be one peak frame off where our running sum is within {@link #NEAR_BOUNDARY}
 * of an integer; anything else fails. The differences add up along the running sum: over the ten
 * minutes as one utterance (16,700 frames) they reach about 1e-4 and flip a near-tie token in a
 * quarter of the variants tried (margins under 4e-4); within 30-second utterances they stay near
 * 1e-6. Neither side varies from run to run: 1 and 2 threads, five runs each, give identical
 * results.
 */
@Tag("native")
class SherpaConformanceTest {
  /** Scores closer than this count as a near-tie (log-probabilities). */
  private static final float NEAR_TIE = 1e-3f;

  /**
   * A running firing sum this close to an integer may fire one frame earlier or later. The largest
   * distance seen at a differing time is 1.1e-4 (frame 27,000 of the ten minutes as one utterance);
   * an off-by-one error in Weft's times would show at nearly every token, far from any integer.
   */
  private static final double NEAR_BOUNDARY = 5e-4;

  /** Seconds per upsampled CIF frame (10 ms x LFR 6 / 3). */
  private static final double PEAK_STEP = 0.02;

  @TempDir static Path work;
  static Map<String, Path> clips;
  static Path senseVoice;
  static Path paraformer;
  static Path paraformerNoTimes;
  static OrtRuntime runtime;

  @BeforeAll
  static void buildFixtures() throws Exception {
    SherpaReference.moduleDir();
    clips = ConformanceAudio.build(work.resolve("audio"), true);
    senseVoice =
        AsrSignatureModels.senseVoice(
            work.resolve("sense-voice"), AsrSignatureModels.Layout.SHERPA, 11, 64);
    paraformer =
        AsrSignatureModels.paraformer(
            work.resolve("paraformer"), AsrSignatureModels.Layout.SHERPA, 12, 64, true);
    paraformerNoTimes =
        AsrSignatureModels.paraformer(
            work.resolve("paraformer-plain"), AsrSignatureModels.Layout.SHERPA, 13, 64, false);
    runtime = OrtRuntime.create();
  }

  @AfterAll
  static void tearDown() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void senseVoiceAutoLanguageWithItnMatchesReference() throws Exception {
    compare("sense_voice", senseVoice.resolve("model.int8.onnx"), "auto", true, allClips());
  }

  @Test
  void senseVoiceEnglishWithoutItnMatchesReference() throws Exception {
    compare("sense_voice", senseVoice.resolve("model.int8.onnx"), "en", false, allClips());
  }

  @Test
  void senseVoiceCantoneseMatchesReference() throws Exception {
    compare("sense_voice", senseVoice.resolve("model.int8.onnx"), "yue", true, allClips());
  }

  @Test
  void paraformerWithCifTimestampsMatchesReference() throws Exception {
    compare("paraformer", paraformer.resolve("model.onnx"), "auto", true, clipsUnderTenMinutes());
  }

  @Test
  void paraformerWithoutTimestampsMatchesReferenceTokens() throws Exception {
    compare(
        "paraformer",
        paraformerNoTimes.resolve("model.onnx"),
        "auto",
        true,
        clipsUnderTenMinutes());
  }

  @Test
  void tenMinutesThroughTheVadMatchTheReferenceUtteranceByUtteranceSenseVoice() throws Exception {
    compareLongForm("sense_voice", senseVoice.resolve("model.int8.onnx"));
  }

  @Test
  void tenMinutesThroughTheVadMatchTheReferenceUtteranceByUtteranceParaformer() throws Exception {
    compareLongForm("paraformer", paraformer.resolve("model.onnx"));
  }

  @Test
  void tenMinutesAsOneParaformerUtteranceDifferOnlyAtNearTies() throws Exception {
    compare(
        "paraformer",
        paraformer.resolve("model.onnx"),
        "auto",
        true,
        Map.of("ten-minutes", clips.get("ten-minutes")));
  }

  private static Map<String, Path> allClips() {
    return clips;
  }

  private static Map<String, Path> clipsUnderTenMinutes() {
    Map<String, Path> m = new LinkedHashMap<>(clips);
    m.remove("ten-minutes");
    return m;
  }

  /** Every clip as one utterance, against the reference on the same file. */
  private static void compare(
      String family, Path modelFile, String language, boolean itn, Map<String, Path> files)
      throws Exception {
    List<Path> wavs = new ArrayList<>(files.values());
    Map<Path, SherpaReference.Result> reference =
        SherpaReference.run(
            work,
            family,
            modelFile,
            modelFile.resolveSibling("tokens.txt"),
            language,
            itn,
            1,
            1,
            wavs);
    assertThat(reference).hasSize(wavs.size());
    List<Executable> checks = new ArrayList<>();
    int tokensCompared = 0;
    try (AsrModel model =
        AsrModel.open(runtime, modelFile, ModelVariant.AUTO, SessionPolicy.cpuOnly(1))) {
      LocalTranscriber transcriber = new LocalTranscriber(model);
      for (Map.Entry<String, Path> clip : files.entrySet()) {
        float[] samples = WavFiles.readPcm16Mono(clip.getValue());
        SherpaReference.Result ref = reference.get(clip.getValue());
        if (family.equals("paraformer")) {
          ParaformerCheck c = paraformerCheck(model, samples, ref, clip.getKey());
          tokensCompared += c.tokens();
          checks.addAll(c.checks());
        } else {
          Utterance ours =
              transcriber.recognize(samples, new SenseVoiceRunner.Options(language, itn));
          tokensCompared += ours.tokens().size();
          checks.addAll(sameAs(clip.getKey(), family, ours, ref));
        }
      }
    }
    assertAll(checks);
    assertThat(tokensCompared).as("tokens compared").isGreaterThan(100);
  }

  /**
   * The ten-minute clip through Weft's long-audio path; then each utterance it cut, as the same
   * samples in a file of its own, through the reference.
   */
  private static void compareLongForm(String family, Path modelFile) throws Exception {
    float[] samples = WavFiles.readPcm16Mono(clips.get("ten-minutes"));
    List<Utterance> utterances = new ArrayList<>();
    List<Double> offsets = new ArrayList<>();
    TranscriptAsset whole;
    try (SileroVad vad =
            SileroVad.open(runtime, TestFixtures.testModel("vad-web/dist/silero_vad_v5.onnx"));
        AsrModel model =
            AsrModel.open(runtime, modelFile, ModelVariant.AUTO, SessionPolicy.cpuOnly(1));
        SpeechAudioStream in = SpeechAudioStream.of(AudioAsset.mono(16000, samples))) {
      whole =
          new LongFormTranscriber(new LocalTranscriber(model), LongFormTranscriber.Settings.DEFAULT)
              .transcribe(
                  in,
                  LongFormTranscriber.Segmentation.vad(vad, runtime.environment()),
                  SenseVoiceRunner.Options.DEFAULT,
                  new LongFormTranscriber.Listener() {
                    @Override
                    public void recognised(List<Utterance> heard, List<Double> at) {
                      utterances.addAll(heard);
                      offsets.addAll(at);
                    }
                  },
                  () -> false);
    }
    List<Path> pieces = new ArrayList<>();
    for (int i = 0; i < utterances.size(); i++) {
      int start = (int) Math.round(offsets.get(i) * 16000);
      int end = start + (int) Math.round(utterances.get(i).duration() * 16000);
      pieces.add(
          WavFiles.writePcm16Mono(
              work.resolve(family + "-piece-" + i + ".wav"),
              Arrays.copyOfRange(samples, start, end),
              16000));
    }
    assertThat(pieces.size()).as("utterances cut from ten minutes").isGreaterThan(100);
    assertThat(utterances).allSatisfy(u -> assertThat(u.duration()).isLessThanOrEqualTo(30.0));
    Map<Path, SherpaReference.Result> reference =
        SherpaReference.run(
            work,
            family,
            modelFile,
            modelFile.resolveSibling("tokens.txt"),
            "auto",
            true,
            1,
            1,
            pieces);
    List<Executable> checks = new ArrayList<>();
    List<TranscriptAsset.Token> stitched = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      checks.addAll(
          sameAs("utterance " + i, family, utterances.get(i), reference.get(pieces.get(i))));
      for (TranscriptAsset.Token t : utterances.get(i).tokens()) {
        stitched.add(new TranscriptAsset.Token(t.piece(), Times.round(t.time() + offsets.get(i))));
      }
    }
    checks.add(() -> assertThat(whole.tokens()).as("stitched tokens").isEqualTo(stitched));
    assertAll(checks);
    assertThat(stitched.size()).as("tokens compared").isGreaterThan(1000);
  }

  /** What one Paraformer comparison checks, and how many tokens it compared. */
  private record ParaformerCheck(List<Executable> checks, int tokens) {}

  /**
   * Ours and the reference's tokens and times are equal, except at proven rounding-level ties: a
   * differing token is our runner-up within {@link #NEAR_TIE}; a differing time is one peak frame
   * off where our running firing sum lies within {@link #NEAR_BOUNDARY} of an integer.
   */
  private static ParaformerCheck paraformerCheck(
      AsrModel model, float[] samples, SherpaReference.Result ref, String name) throws Exception {
    ParaformerRunner runner = new ParaformerRunner(model);
    ParaformerRunner.Prepared prepared = runner.prepare(samples);
    ParaformerRunner.Output out = runner.run(prepared);
    Utterance ours = runner.decode(out);
    List<String> tokens = ours.tokens().stream().map(TranscriptAsset.Token::piece).toList();
    List<String> theirs = ref.tokens();
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertThat(tokens).as(name + " token count").hasSameSizeAs(theirs));
    float[] row = new float[out.vocab()];
    boolean tokensDiffer = false;
    for (int k = 0; k < Math.min(tokens.size(), theirs.size()); k++) {
      if (tokens.get(k).equals(theirs.get(k))) {
        continue;
      }
      tokensDiffer = true;
      out.scores().get(k * out.vocab(), row);
      int best = CtcGreedyDecoder.argmax(row);
      int second = -1;
      for (int v = 0; v < row.length; v++) {
        if (v != best && (second < 0 || row[v] > row[second])) {
          second = v;
        }
      }
      String runnerUp = model.tokens().display(second);
      float margin = row[best] - row[second];
      int at = k;
      checks.add(() ->
          assertThat(runnerUp)
              .as("%s position %d: the reference's token is our runner-up", name, at)
              .isEqualTo(theirs.get(at)));
      checks.add(() ->
          assertThat(margin)
              .as("%s position %d: margin between our two best tokens", name, at)
              .isLessThan(NEAR_TIE));
    }
    if (!tokensDiffer) {
      checks.add(() -> assertThat(ours.text()).as(name + " text").isEqualTo(ref.text().strip()));
    }
    List<Double> ourTimes = ours.tokens().stream().map(TranscriptAsset.Token::time).toList();
    List<Double> refTimes = ref.timestamps();
    if (refTimes.isEmpty()) {
      checks.add(
          () -> assertThat(ourTimes).as(name + " times without peaks").allMatch(t -> t == 0));
    } else {
      checks.add(() -> assertThat(ourTimes).as(name + " time count").hasSameSizeAs(refTimes));
      double[] sum = null;
      for (int k = 0; k < Math.min(ourTimes.size(), refTimes.size()); k++) {
        long a = Math.round(ourTimes.get(k) / PEAK_STEP);
        long b = Math.round(refTimes.get(k) / PEAK_STEP);
        if (a == b) {
          continue;
        }
        if (sum == null) {
          sum = firingSum(model, prepared);
        }
        int frame = (int) Math.min(a, b);
        double distance = Math.abs(sum[frame] - Math.rint(sum[frame]));
        int at = k;
        checks.add(() ->
            assertThat(Math.abs(a - b))
                .as("%s token %d: peak frames %d and %d", name, at, a, b)
                .isEqualTo(1L));
        checks.add(() ->
            assertThat(distance)
                .as(
                    "%s token %d: our firing sum's distance from an integer at frame %d",
                    name, at, frame)
                .isLessThan(NEAR_BOUNDARY));
      }
    }
    return new ParaformerCheck(checks, tokens.size());
  }

  /** Our running sum of the upsampled firing weights ({@code us_alphas}), frame by frame. */
  private static double[] firingSum(AsrModel model, ParaformerRunner.Prepared prepared)
      throws Exception {
    AsrFrontEnd.Features f = prepared.features();
    try (var session = runtime.open(model.files().model(), SessionPolicy.cpuOnly(1));
        var x =
            ai.onnxruntime.OnnxTensor.createTensor(
                runtime.environment(),
                java.nio.FloatBuffer.wrap(f.data()),
                new long[] {1, f.frames(), f.dim()});
        var len =
            ai.onnxruntime.OnnxTensor.createTensor(
                runtime.environment(),
                java.nio.IntBuffer.wrap(new int[] {f.frames()}),
                new long[] {1});
        var result =
            session.run(
                Map.of("speech", x, "speech_lengths", len), java.util.Set.of("us_alphas"))) {
      java.nio.FloatBuffer alphas =
          ((ai.onnxruntime.OnnxTensor) result.get("us_alphas").orElseThrow()).getFloatBuffer();
      double[] sum = new double[alphas.remaining()];
      double running = 0;
      for (int i = 0; i < sum.length; i++) {
        running += alphas.get(i);
        sum[i] = running;
      }
      return sum;
    }
  }

  /** The checks that one utterance of ours equals the reference's result. */
  private static List<Executable> sameAs(
      String name, String family, Utterance ours, SherpaReference.Result ref) {
    List<Executable> checks = new ArrayList<>();
    List<String> ourTokens = ours.tokens().stream().map(TranscriptAsset.Token::piece).toList();
    List<Long> ourTimes = ours.tokens().stream().map(t -> Math.round(t.time() * 100)).toList();
    List<Long> refTimes = ref.timestamps().stream().map(t -> Math.round(t * 100)).toList();
    checks.add(
        () -> assertThat(difference(ourTokens, ref.tokens())).as(name + " tokens").isEmpty());
    if (family.equals("paraformer") && refTimes.isEmpty()) {
      checks.add(
          () -> assertThat(ourTimes).as(name + " times without peaks").allMatch(t -> t == 0));
    } else {
      checks.add(
          () -> assertThat(ourTimes).as(name + " timestamps (centiseconds)").isEqualTo(refTimes));
    }
    checks.add(() -> assertThat(ours.text()).as(name + " text").isEqualTo(ref.text().strip()));
    if (family.equals("sense_voice")) {
      checks.add(() ->
          assertThat(nullToEmpty(ours.language()))
              .as(name + " lang")
              .isEqualTo(SenseVoiceRunner.tag(ref.field("lang"))));
      checks.add(() ->
          assertThat(nullToEmpty(ours.emotion()))
              .as(name + " emotion")
              .isEqualTo(SenseVoiceRunner.tag(ref.field("emotion"))));
      checks.add(() ->
          assertThat(nullToEmpty(ours.event()))
              .as(name + " event")
              .isEqualTo(SenseVoiceRunner.tag(ref.field("event"))));
    }
    return checks;
  }

  /** Empty when equal, else where and how two sequences first differ. */
  private static <T> String difference(List<T> ours, List<T> reference) {
    int n = Math.min(ours.size(), reference.size());
    for (int i = 0; i < n; i++) {
      if (!ours.get(i).equals(reference.get(i))) {
        return "first difference at "
            + i
            + " of "
            + ours.size()
            + " (reference "
            + reference.size()
            + "): ours "
            + ours.subList(i, Math.min(n, i + 5))
            + ", reference "
            + reference.subList(i, Math.min(n, i + 5));
      }
    }
    return ours.size() == reference.size()
        ? ""
        : "ours has " + ours.size() + " items, the reference " + reference.size();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
