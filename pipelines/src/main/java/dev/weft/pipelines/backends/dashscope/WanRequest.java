package dev.weft.pipelines.backends.dashscope;

/**
 * One Wan video request as a node or command gives it; {@link WanVideoClient} turns it into the
 * body its model wants. Null means "not given" (the model's default). URLs may be {@code https://},
 * {@code data:} (images) or {@code oss://} temporary uploads.
 *
 * @param imageUrl the first frame; given means image-to-video
 * @param size {@code "W*H"} for models that take a size
 * @param resolution a tier such as {@code "720P"} for models that take one
 * @param ratio an aspect ratio such as {@code "16:9"} for models that take one with the tier
 * @param audio whether to generate audio, for models with an audio switch
 */
public record WanRequest(
    String model,
    String prompt,
    String negativePrompt,
    String imageUrl,
    String audioUrl,
    String size,
    String resolution,
    String ratio,
    Integer duration,
    Long seed,
    Boolean promptExtend,
    Boolean watermark,
    String shotType,
    Boolean audio) {

  /** A text-to-video request with everything else at the model's defaults. */
  public static WanRequest textToVideo(String model, String prompt) {
    return new WanRequest(
        model, prompt, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public String mode() {
    return imageUrl != null ? "i2v" : "t2v";
  }

  public WanRequest withImage(String url) {
    return new WanRequest(
        model,
        prompt,
        negativePrompt,
        url,
        audioUrl,
        size,
        resolution,
        ratio,
        duration,
        seed,
        promptExtend,
        watermark,
        shotType,
        audio);
  }

  public WanRequest withModel(String m) {
    return new WanRequest(
        m,
        prompt,
        negativePrompt,
        imageUrl,
        audioUrl,
        size,
        resolution,
        ratio,
        duration,
        seed,
        promptExtend,
        watermark,
        shotType,
        audio);
  }
}
