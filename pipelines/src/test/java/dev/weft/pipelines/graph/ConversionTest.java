package dev.weft.pipelines.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.assets.ListAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.TranscriptAsset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionTest {

  @Test
  void sameTypesConnectUnchanged() {
    assertThat(Conversion.between(PortType.IMAGE, PortType.IMAGE)).contains(Conversion.IDENTITY);
  }

  @Test
  void aTranscriptEntersATextInputAsItsText() {
    TranscriptAsset t =
        TranscriptAsset.ofSegments(List.of(new TranscriptAsset.Segment(0, 1, "hello there")));
    Conversion c = Conversion.between(PortType.TRANSCRIPT, PortType.TEXT).orElseThrow();
    assertThat(c.apply(t)).isEqualTo(TextAsset.of("hello there"));
  }

  @Test
  void aSingleValueEntersAListInputAsAListOfOne() {
    Conversion c =
        Conversion.between(PortType.IMAGE, PortType.listOf(PortType.IMAGE)).orElseThrow();
    TextAsset x = TextAsset.of("x");
    assertThat(c).isEqualTo(Conversion.WRAP_IN_LIST);
    assertThat(c.apply(x)).isEqualTo(ListAsset.of(List.of(x)));
  }

  @Test
  void transcriptListsBecomeTextLists() {
    assertThat(
            Conversion.between(
                PortType.listOf(PortType.TRANSCRIPT), PortType.listOf(PortType.TEXT)))
        .contains(Conversion.TRANSCRIPTS_TO_TEXTS);
    assertThat(Conversion.between(PortType.TRANSCRIPT, PortType.listOf(PortType.TEXT)))
        .contains(Conversion.TRANSCRIPT_TO_TEXT_LIST);
  }

  @Test
  void unrelatedTypesDoNotConnect() {
    assertThat(Conversion.between(PortType.AUDIO, PortType.IMAGE)).isEmpty();
    assertThat(Conversion.between(PortType.TEXT, PortType.TRANSCRIPT)).isEmpty();
    assertThat(Conversion.between(PortType.listOf(PortType.IMAGE), PortType.IMAGE)).isEmpty();
    assertThat(Conversion.between(PortType.NUMBER, PortType.TEXT)).isEmpty();
  }

  @Test
  void anyInputsTakeEverything() {
    assertThat(Conversion.between(PortType.VIDEO, PortType.ANY)).contains(Conversion.IDENTITY);
    assertThat(Conversion.between(PortType.listOf(PortType.AUDIO), PortType.ANY))
        .contains(Conversion.IDENTITY);
  }
}
