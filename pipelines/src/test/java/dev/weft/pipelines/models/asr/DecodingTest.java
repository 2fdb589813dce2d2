package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.TranscriptAsset;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodingTest {
  private static FloatBuffer frames(int vocab, int... best) {
    float[] v = new float[best.length * vocab];
    for (int t = 0; t < best.length; t++) {
      v[t * vocab + best[t]] = 1;
    }
    return FloatBuffer.wrap(v);
  }

  @Test
  void ctcCollapsesRepeatsAndDropsBlanksKeepingTheFirstFrameOfEachToken() {
    CtcGreedyDecoder.Path p = CtcGreedyDecoder.decode(frames(5, 0, 3, 3, 0, 3, 4, 4, 0), 8, 5, 0);
    assertThat(p.tokens()).containsExactly(3, 3, 4);
    assertThat(p.frames()).containsExactly(1, 4, 5);
  }

  @Test
  void nanOrInfiniteScoresStopDecodingAtTheirFrameInsteadOfGivingAQuietlyWrongText() {
    float[] scores = {0, 1, 0, 0, 2, 0, 0, Float.NaN, 0};
    assertThatThrownBy(() -> CtcGreedyDecoder.decode(FloatBuffer.wrap(scores), 3, 3, 0))
        .isInstanceOfSatisfying(
            CtcGreedyDecoder.NonFiniteScores.class, e -> assertThat(e.frame).isEqualTo(2));
    assertThat(CtcGreedyDecoder.argmax(new float[] {Float.POSITIVE_INFINITY, 1})).isEqualTo(-1);
    assertThat(CtcGreedyDecoder.argmax(new float[] {-3e38f, 3e38f, 3e38f})).isEqualTo(1);
  }

  @Test
  void argmaxPicksTheFirstOfEqualScores() {
    assertThat(CtcGreedyDecoder.argmax(new float[] {1, 5, 5, 2})).isEqualTo(1);
  }

  @Test
  void tokensTxtLineWithOnlyAnIdIsTheSpacePiece() {
    TokenTable t = TokenTable.parseTokensTxt("<unk> 0\n 1\n\u2581hi 2\n");
    assertThat(t.display(1)).isEqualTo(" ");
    assertThat(t.display(2)).isEqualTo(" hi");
    assertThat(t.rawPiece(2)).isEqualTo("\u2581hi");
  }

  @Test
  void malformedTokensTxtNamesTheLine() {
    assertThatThrownBy(() -> TokenTable.parseTokensTxt("a 0\nb c 1\n"))
        .hasMessageContaining("line 2");
  }

  @Test
  void byteFallbackPiecesJoinIntoUtf8Text() {
    java.util.List<String> pieces = new java.util.ArrayList<>(List.of("<unk>", "\u2581a"));
    for (int b = 0; b < 256; b++) {
      pieces.add(String.format("<0x%02X>", b));
    }
    TokenTable t = TokenTable.of(pieces);
    int[] ids = {1, 2 + 0xE4, 2 + 0xB8, 2 + 0xAD}; // " a" + UTF-8 of U+4E2D
    assertThat(t.join(ids, 0, ids.length)).isEqualTo(" a\u4e2d");
    assertThat(t.display(2 + 0xE4)).isEqualTo("<0xE4>");
  }

  @Test
  void senseVoiceTagsLoseTheirBrackets() {
    assertThat(SenseVoiceRunner.tag("<|en|>")).isEqualTo("en");
    assertThat(SenseVoiceRunner.tag("plain")).isEqualTo("plain");
  }

  @Test
  void paraformerGluesAtAtPiecesAndSpacesAsciiWordsButNotHanCharacters() {
    List<String> parts =
        ParaformerRunner.joinPieces(List.of("he@@", "llo", "world", "中", "文", "ok"));
    assertThat(String.join("", parts).strip()).isEqualTo("hello world 中文 ok");
  }

  @Test
  void wordsStartAtSpacedPiecesAndEachHanCharacterAndEndAtTheNextToken() {
    List<TranscriptAsset.Word> words =
        WordJoiner.join(
            List.of(" hel", "lo", ",", " there", "中", "文"),
            List.of(0.0, 0.06, 0.12, 0.3, 0.6, 0.66),
            0.06,
            1.0);
    assertThat(words)
        .extracting(TranscriptAsset.Word::text)
        .containsExactly("hello,", "there", "中", "文");
    assertThat(words.getFirst().start()).isEqualTo(0.0);
    assertThat(words.getFirst().end()).isEqualTo(0.18);
    assertThat(words.getLast().end()).isEqualTo(0.72);
  }

  @Test
  void assemblerShiftsUtterancesToTheirOffsetsAndJoinsTheirText() {
    Utterance a =
        new Utterance(
            "hi",
            "en",
            "NEUTRAL",
            "Speech",
            List.of(new TranscriptAsset.Token(" hi", 0.12)),
            List.of(new TranscriptAsset.Word(0.12, 0.18, "hi")),
            1.0);
    Utterance b =
        new Utterance(
            "yo",
            "en",
            "HAPPY",
            "Speech",
            List.of(new TranscriptAsset.Token(" yo", 0.06)),
            List.of(),
            2.0);
    TranscriptAsset t = TranscriptAssembler.assemble(List.of(a, b), List.of(0.0, 30.5));
    assertThat(t.text()).isEqualTo("hi yo");
    assertThat(t.tokens()).extracting(TranscriptAsset.Token::time).containsExactly(0.12, 30.56);
    assertThat(t.segments().get(1).start()).isEqualTo(30.5);
    assertThat(t.segments().get(1).end()).isEqualTo(32.5);
    assertThat(t.language()).contains("en");
  }

  @Test
  void floatTimesReadAsTheDecimalTheReferencePrints() {
    assertThat(Times.ofFloat(0.06f * 11)).isEqualTo(0.66);
  }
}
