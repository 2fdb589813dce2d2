package dev.weft.assets.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedProvenanceTest {
  @Test
  void keyLikeFieldsAreRemovedAtAnyDepthButOrdinaryOnesStay() {
    String pipeline =
        "{\"nodes\":[{\"params\":{\"maxTokens\":256,\"apiKey\":\"x\",\"nested\":{\"Authorization\":\"Bearer"
            + " abc\",\"seed\":3}}}],\"settings\":{\"dashscope_api_key\":\"y\",\"temperature\":0.7}}";
    String out = new EmbeddedProvenance(pipeline, null).scrubbedPipelineJson().orElseThrow();
    assertThat(out)
        .contains("maxTokens")
        .contains("seed")
        .contains("temperature")
        .doesNotContain("apiKey")
        .doesNotContain("Authorization")
        .doesNotContain("dashscope_api_key");
  }

  @Test
  void valuesThatLookLikeKeysAreRemovedWhateverTheirName() {
    String pipeline =
        "{\"note\":\"sk-abcdefghijklmnopqrstuvwx\",\"list\":[\"ok\",\"sk-0123456789abcdefghij\"]}";
    String out = new EmbeddedProvenance(pipeline, null).scrubbedPipelineJson().orElseThrow();
    assertThat(out).doesNotContain("sk-").contains("\"ok\"");
  }

  @Test
  void aPipelineThatIsNotJsonIsRefused() {
    assertThatThrownBy(() -> new EmbeddedProvenance("{nope", null).scrubbedPipelineJson())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }
}
