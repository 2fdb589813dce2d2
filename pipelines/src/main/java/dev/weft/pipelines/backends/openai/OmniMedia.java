package dev.weft.pipelines.backends.openai;

import java.util.Objects;

/**
 * The one non-text input an Omni request may carry (spec A.5: text plus at most one image, audio or
 * video).
 *
 * @param url an {@code https://} or {@code data:} URL
 * @param format the audio format ({@code wav}, {@code mp3}) for audio, else null
 */
public record OmniMedia(Kind kind, String url, String format) {
  /** The modality of the input. */
  public enum Kind {
    IMAGE,
    AUDIO,
    VIDEO
  }

  public OmniMedia {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(url, "url");
  }
}
