package dev.weft.assets;

import java.util.Objects;

/** A piece of UTF-8 text. */
public final class TextAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "text/plain";
  private final String text;

  private TextAsset(String text) {
    super(ContentHash.of("text").update(text).hex());
    this.text = text;
  }

  public static TextAsset of(String text) {
    return new TextAsset(Objects.requireNonNull(text, "text"));
  }

  public String text() {
    return text;
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public String describe() {
    String oneLine = text.replace('\n', ' ');
    return "text \"" + (oneLine.length() > 40 ? oneLine.substring(0, 39) + "…" : oneLine) + "\"";
  }
}
