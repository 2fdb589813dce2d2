package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.nativelibs.testing.TestFixtures;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.models.vad.SileroVad;
import dev.weft.pipelines.models.vad.SileroVadStream;
import dev.weft.pipelines.models.vad.SpeechFixture;
import dev.weft.pipelines.models.vad.StreamingSegmenter;
import dev.weft.pipelines.testing.WavFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long audio is cut by Silero VAD (or at quiet points) into utterances of at most 30 s, recognised
 * in batches and stitched with times counted from the start of the audio, holding only recent
 * audio.
 */
@Tag("native")
class LongFormTranscriberTest {
  private static final int RATE = 16000;
  @TempDir static Path work;
  static OrtRuntime runtime;
  static AsrModel model;
  static SileroVad vad;
  static SpeechFixture.Speech twoSentences;
  static List<float[]> sentences;

  @BeforeAll
  static void setUp() throws Exception {
    runtime = OrtRuntime.create();
    Path dir =
        AsrSignatureModels.senseVoice(work.resolve("sv"), AsrSignatureModels.Layout.SHERPA, 11, 64);
    model = AsrModel.open(runtime, dir, ModelVariant.AUTO, SessionPolicy.cpuOnly(1));
    vad = SileroVad.open(runtime, TestFixtures.testModel("vad-web/dist/silero_vad_v5.onnx"));
    sentences =
        List.of(
            SpeechFixture.say("The first sentence comes after three seconds.", work),
            SpeechFixture.say("The second one follows ten seconds of silence.", work),
            SpeechFixture.say("A third voice line closes the clip.", work));
    twoSentences = SpeechFixture.compose(3.0, 10.0, sentences.subList(0, 2));
  }

  @AfterAll
  static void tearDown() {
    if (vad != null) {
      vad.close();
    }
    if (model != null) {
      model.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  private static LongFormTranscriber.Segmentation withVad() {
    return LongFormTranscriber.Segmentation.vad(vad, runtime.environment());
  }

  private static TranscriptAsset transcribe(
      float[] samples,
      LongFormTranscriber.Segmentation segmentation,
      LongFormTranscriber.Settings s)
      throws Exception {
    try (SpeechAudioStream in = SpeechAudioStream.of(AudioAsset.mono(RATE, samples))) {
      return new LongFormTranscriber(new LocalTranscriber(model), s)
          .transcribe(
              in,
              segmentation,
              SenseVoiceRunner.Options.DEFAULT,
              LongFormTranscriber.Listener.NONE,
              () -> false);
    }
  }

  /** Sentences back to back with pauses shorter than the VAD's minimum silence. */
  private static float[] continuousSpeech(double seconds) {
    List<float[]> parts = new ArrayList<>();
    int total = 0;
    for (int k = 0; total < seconds * RATE; k++) {
      float[] s = sentences.get(k % sentences.size());
      parts.add(s);
      parts.add(new float[RATE / 10]);
      total += s.length + RATE / 10;
    }
    float[] out = new float[total];
    int pos = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  @Test
  void segmentsLieWhereTheSpeechIsWithAbsoluteTimes() throws Exception {
    TranscriptAsset t =
        transcribe(twoSentences.samples(), withVad(), LongFormTranscriber.Settings.DEFAULT);
    assertThat(t.segments()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      double[] truth = twoSentences.intervals().get(i);
      TranscriptAsset.Segment s = t.segments().get(i);
      assertThat(s.start()).as("start %d", i).isCloseTo(truth[0], within(0.3));
      assertThat(s.end()).as("end %d", i).isCloseTo(truth[1], within(0.7));
      for (TranscriptAsset.Word w : s.words()) {
        assertThat(w.start()).isBetween(s.start(), s.end());
      }
    }
    assertThat(t.tokens()).isNotEmpty();
  }

  @Test
  void eachUtteranceIsRecognisedAsTheAudioCutAtItsSegmentWouldBe() throws Exception {
    TranscriptAsset whole =
        transcribe(twoSentences.samples(), withVad(), LongFormTranscriber.Settings.DEFAULT);
    LocalTranscriber asr = new LocalTranscriber(model);
    List<TranscriptAsset.Token> expected = new ArrayList<>();
    for (TranscriptAsset.Segment s : whole.segments()) {
      float[] cut =
          Arrays.copyOfRange(
              twoSentences.samples(),
              (int) Math.round(s.start() * RATE),
              (int) Math.round(s.end() * RATE));
      Utterance u = asr.recognize(cut, SenseVoiceRunner.Options.DEFAULT);
      for (TranscriptAsset.Token tok : u.tokens()) {
        expected.add(new TranscriptAsset.Token(tok.piece(), Times.round(tok.time() + s.start())));
      }
    }
    assertThat(whole.tokens()).isEqualTo(expected);
  }

  @Test
  void continuousSpeechIsSplitIntoUtterancesOfAtMostThirtySeconds() throws Exception {
    float[] speech = continuousSpeech(75);
    TranscriptAsset t = transcribe(speech, withVad(), LongFormTranscriber.Settings.DEFAULT);
    assertThat(t.segments()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(t.segments())
        .allSatisfy(s -> assertThat(s.duration()).isLessThanOrEqualTo(30.0 + 1e-9));
    for (int i = 1; i < t.segments().size(); i++) {
      assertThat(t.segments().get(i).start()).isGreaterThanOrEqualTo(t.segments().get(i - 1).end());
    }
  }

  @Test
  void withoutVadLongAudioIsCutAtQuietPointsIntoPiecesOfAtMostThirtySeconds() throws Exception {
    float[] speech = continuousSpeech(70);
    TranscriptAsset t =
        transcribe(
            speech, LongFormTranscriber.Segmentation.whole(), LongFormTranscriber.Settings.DEFAULT);
    assertThat(t.segments()).hasSize(3);
    assertThat(t.segments().getFirst().start()).isZero();
    assertThat(t.segments().getLast().end()).isCloseTo(speech.length / (double) RATE, within(1e-6));
    assertThat(t.segments())
        .allSatisfy(s -> assertThat(s.duration()).isLessThanOrEqualTo(30.0 + 1e-9));
  }

  @Test
  void batchingChangesNothing() throws Exception {
    float[] speech = continuousSpeech(75);
    TranscriptAsset batched =
        transcribe(speech, withVad(), LongFormTranscriber.Settings.DEFAULT.withMaxBatch(4));
    TranscriptAsset single =
        transcribe(speech, withVad(), LongFormTranscriber.Settings.DEFAULT.withMaxBatch(1));
    assertThat(batched).isEqualTo(single);
    assertThat(batched.hash()).isEqualTo(single.hash());
  }

  @Test
  void silenceGivesAnEmptyTranscript() throws Exception {
    TranscriptAsset t =
        transcribe(new float[20 * RATE], withVad(), LongFormTranscriber.Settings.DEFAULT);
    assertThat(t.segments()).isEmpty();
    assertThat(t.text()).isEmpty();
  }

  @Test
  void emptyAudioIsRefusedWithAClearMessage() {
    assertThatThrownBy(
            () -> transcribe(new float[0], withVad(), LongFormTranscriber.Settings.DEFAULT))
        .isInstanceOf(WeftException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void cancelAfterTheFirstBatchStopsBeforeTheNext() throws Exception {
    AtomicInteger batches = new AtomicInteger();
    LongFormTranscriber.Listener listener =
        new LongFormTranscriber.Listener() {
          @Override
          public void recognised(List<Utterance> utterances, List<Double> offsets) {
            batches.incrementAndGet();
          }
        };
    try (SpeechAudioStream in =
        SpeechAudioStream.of(AudioAsset.mono(RATE, continuousSpeech(100)))) {
      LongFormTranscriber t =
          new LongFormTranscriber(
              new LocalTranscriber(model), LongFormTranscriber.Settings.DEFAULT.withMaxBatch(1));
      assertThatThrownBy(() ->
              t.transcribe(
                  in,
                  withVad(),
                  SenseVoiceRunner.Options.DEFAULT,
                  listener,
                  () -> batches.get() > 0))
          .isInstanceOf(CancellationException.class);
    }
    assertThat(batches.get()).isEqualTo(1);
  }

  @Test
  void aWavFileTranscribesLikeTheSamplesItHolds() throws Exception {
    Path wav = WavFiles.writePcm16Mono(work.resolve("two.wav"), twoSentences.samples(), RATE);
    float[] asRead = WavFiles.readPcm16Mono(wav);
    TranscriptAsset fromFile;
    try (SpeechAudioStream in = SpeechAudioStream.open(wav)) {
      fromFile =
          new LongFormTranscriber(new LocalTranscriber(model), LongFormTranscriber.Settings.DEFAULT)
              .transcribe(
                  in,
                  withVad(),
                  SenseVoiceRunner.Options.DEFAULT,
                  LongFormTranscriber.Listener.NONE,
                  () -> false);
    }
    assertThat(fromFile)
        .isEqualTo(transcribe(asRead, withVad(), LongFormTranscriber.Settings.DEFAULT));
  }

  @Test
  void theVadSplitterHoldsOnlyAFewSecondsOfATenMinuteRecording() throws Exception {
    float[] speech = continuousSpeech(20);
    int most = 0;
    try (SileroVadStream stream = new SileroVadStream(vad, runtime.environment(), RATE);
        VadUtteranceSplitter splitter =
            new VadUtteranceSplitter(
                stream,
                new StreamingSegmenter(
                    stream.frameSamples(),
                    RATE,
                    LongFormTranscriber.Settings.DEFAULT.vadWithLimit()))) {
      float[] piece = new float[RATE];
      for (int second = 0; second < 600; second++) {
        // twenty seconds of speech, then forty of silence, over and over
        int at = (second % 60) * RATE;
        Arrays.fill(piece, 0f);
        if (at + RATE <= speech.length) {
          System.arraycopy(speech, at, piece, 0, RATE);
        }
        splitter.accept(piece, RATE);
        most = Math.max(most, splitter.heldSamples());
      }
    }
    assertThat(most / (double) RATE).as("seconds held at most").isLessThan(31.0);
  }
}
