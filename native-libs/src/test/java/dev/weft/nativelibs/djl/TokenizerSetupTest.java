package dev.weft.nativelibs.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("native")
class TokenizerSetupTest {
  private static final String WORD_LEVEL =
      """
      {"version":"1.0","truncation":null,"padding":null,"added_tokens":[],
       "normalizer":null,"pre_tokenizer":{"type":"Whitespace"},"post_processor":null,
       "decoder":null,
       "model":{"type":"WordLevel","vocab":{"[UNK]":0,"Hello":1,"World":2},"unk_token":"[UNK]"}}
      """;

  @TempDir Path data;

  @Test
  void tokenizerLoadsFromAFileWithoutNetwork() throws Exception {
    TokenizerSetup setup = TokenizerSetup.apply(data);
    Path json = data.resolve("tokenizer.json");
    Files.writeString(json, WORD_LEVEL);
    try (HuggingFaceTokenizer t = setup.load(json, false, 0)) {
      Encoding e = t.encode("Hello World foo");
      assertThat(e.getIds()).containsExactly(1L, 2L, 0L);
    }
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
  }

  @Test
  void djlCacheIsUnderWeftsDataFolderUnlessTheUserChoseOne() throws Exception {
    TokenizerSetup setup = TokenizerSetup.apply(data);
    String env = System.getenv("DJL_CACHE_DIR");
    if (env == null || env.isBlank()) {
      assertThat(setup.cacheDir()).isEqualTo(data.resolve("djl"));
    } else {
      assertThat(setup.cacheDir()).isEqualTo(Path.of(env));
    }
    assertThat(setup.cacheDir()).isDirectory();
  }

  @Test
  void missingTokenizerFileIsNamed() throws Exception {
    TokenizerSetup setup = TokenizerSetup.apply(data);
    assertThatThrownBy(() -> setup.load(data.resolve("none"), false, 0))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("none");
  }
}
