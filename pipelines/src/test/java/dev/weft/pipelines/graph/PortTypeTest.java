package dev.weft.pipelines.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.ListAsset;
import dev.weft.assets.NumberAsset;
import dev.weft.assets.TextAsset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortTypeTest {

  @Test
  void parsesScalarsAndListsInAnyCase() {
    assertThat(PortType.parse("text")).isEqualTo(PortType.TEXT);
    assertThat(PortType.parse(" LIST< image > ")).isEqualTo(PortType.listOf(PortType.IMAGE));
    assertThat(PortType.listOf(PortType.AUDIO).toString()).isEqualTo("LIST<AUDIO>");
  }

  @Test
  void anUnknownTypeNamesTheKnownOnes() {
    assertThatThrownBy(() -> PortType.parse("PICTURE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PICTURE")
        .hasMessageContaining("IMAGE");
  }

  @Test
  void admitsChecksEveryItemOfAList() {
    PortType texts = PortType.listOf(PortType.TEXT);
    assertThat(texts.admits(ListAsset.of(List.of(TextAsset.of("a"), TextAsset.of("b"))))).isTrue();
    assertThat(texts.admits(ListAsset.of(List.of(TextAsset.of("a"), NumberAsset.of(1))))).isFalse();
    assertThat(texts.admits(TextAsset.of("a"))).isFalse();
    assertThat(PortType.NUMBER.admits(NumberAsset.of(2))).isTrue();
  }
}
