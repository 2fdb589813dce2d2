package dev.weft.pipelines.backends.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor();

  @Test
  void credentialHeadersAreMasked() {
    var h =
        redactor.redactHeaders(
            Map.of("Authorization", List.of("Bearer abc123"), "Accept", List.of("*/*")));
    assertThat(h).containsEntry("Authorization", Redactor.MASK).containsEntry("Accept", "*/*");
  }

  @Test
  void aKnownSecretIsMaskedWherever_itAppears() {
    redactor.addSecret("my-own-key-value");
    assertThat(redactor.redact("error: key my-own-key-value is bad"))
        .isEqualTo("error: key [redacted] is bad");
  }

  @Test
  void bearerTokensAndKeyShapedStringsAreMasked() {
    assertThat(redactor.redact("Authorization: Bearer xyz.secret")).doesNotContain("xyz.secret");
    assertThat(redactor.redact("key sk-abcdefghijklmnop leaked"))
        .doesNotContain("sk-abcdefghijklmnop");
  }

  @Test
  void signedUrlSignaturesAreMasked() {
    String s =
        redactor.redact(
            URI.create(
                "https://b.oss.example/v.mp4?Expires=1&OSSAccessKeyId=LTAI&Signature=zz%3D"));
    assertThat(s).doesNotContain("zz%3D").doesNotContain("LTAI").contains("Expires=1");
  }

  @Test
  void secretFieldsInJsonAreMasked() {
    assertThat(redactor.redact("{\"api_key\":\"hunter2\",\"model\":\"m\"}"))
        .isEqualTo("{\"api_key\":\"[redacted]\",\"model\":\"m\"}");
  }
}
