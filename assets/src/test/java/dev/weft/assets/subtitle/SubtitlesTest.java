package dev.weft.assets.subtitle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.TranscriptAsset.Segment;
import dev.weft.assets.TranscriptAsset.Word;
import dev.weft.assets.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubtitlesTest {
  @TempDir Path dir;

  static final TranscriptAsset T =
      TranscriptAsset.ofSegments(
          List.of(
              new Segment(0.5, 2.25, "Hello there."),
              new Segment(3661.001, 3662.5, "An hour <later> & more", "Ana", List.of())));

  @Test
  void srtHasNumberedCuesWithCommaMilliseconds() {
    assertThat(Subtitles.toSrt(T))
        .startsWith(
            "1\n00:00:00,500 --> 00:00:02,250\nHello there.\n\n2\n01:01:01,001 --> 01:01:02,500\n");
  }

  @Test
  void vttHasAHeaderDotMillisecondsAndVoices() {
    String vtt = Subtitles.toVtt(T);
    assertThat(vtt).startsWith("WEBVTT\n\n00:00:00.500 --> 00:00:02.250\nHello there.\n\n");
    assertThat(vtt).contains("<v Ana>An hour &lt;later&gt; &amp; more");
  }

  @Test
  void srtRoundTripsTimesAndText() {
    TranscriptAsset back = Subtitles.parse(Subtitles.toSrt(T));
    assertThat(back.segments()).hasSize(2);
    assertThat(back.segments().get(1).start()).isEqualTo(3661.001);
    assertThat(back.segments().get(1).text())
        .isEqualTo("An hour <later> & more".replaceAll("<[^>]*>", ""));
    assertThat(back.segments().getFirst()).isEqualTo(T.segments().getFirst());
  }

  @Test
  void vttRoundTripsTimesTextAndSpeakers() {
    TranscriptAsset back = Subtitles.parse(Subtitles.toVtt(T));
    assertThat(back.segments()).isEqualTo(T.segments());
  }

  @Test
  void longSegmentsSplitIntoCuesAtWordTimes() {
    String text =
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
    List<Word> words = new java.util.ArrayList<>();
    String[] ws = text.split(" ");
    for (int i = 0; i < ws.length; i++) {
      words.add(new Word(i, i + 0.9, ws[i]));
    }
    TranscriptAsset t = TranscriptAsset.ofSegments(List.of(new Segment(0, 14, text, null, words)));
    TranscriptAsset cues =
        Subtitles.parse(Subtitles.write(t, Subtitles.Format.SRT, new Subtitles.Layout(20, 1)));
    assertThat(cues.segments().size()).isGreaterThan(3);
    assertThat(cues.segments().get(1).start()).isEqualTo(4.0); // "five six seven eight"
    assertThat(cues.segments().getLast().end()).isEqualTo(14.0);
    for (Segment s : cues.segments()) {
      assertThat(s.text().length()).isLessThanOrEqualTo(20);
    }
  }

  @Test
  void vttWithCueIdsNotesSettingsAndShortTimesIsRead() {
    String vtt =
        "\uFEFFWEBVTT - title\r\nLanguage: de\r\n\r\nNOTE a comment\r\nspanning lines\r\n\r\n"
            + "intro\r\n00:01.000 --> 00:02.500 align:start position:10%\r\n<i>Hallo</i> Welt\r\n\r\n";
    TranscriptAsset t = Subtitles.parse(vtt);
    assertThat(t.language()).contains("de");
    assertThat(t.segments()).containsExactly(new Segment(1.0, 2.5, "Hallo Welt"));
  }

  @Test
  void aBadTimeLineIsReportedWithItsLineAndFile() throws IOException {
    Path f = dir.resolve("broken.srt");
    Files.writeString(f, "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03 -> 4\nbad\n");
    assertThatThrownBy(() -> Subtitles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("broken.srt")
        .hasMessageContaining("line 6");
  }

  @Test
  void anEmptySubtitleFileIsRefused() throws IOException {
    Path f = Files.writeString(dir.resolve("empty.vtt"), "  \n");
    assertThatThrownBy(() -> Subtitles.read(f)).hasMessageContaining("empty.vtt");
  }
}
