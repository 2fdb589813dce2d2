package dev.weft.pipelines.backends;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.audio.WavFormat;
import dev.weft.assets.audio.WavWriter;
import dev.weft.assets.image.ImageFiles;
import dev.weft.assets.image.ImageTransforms;
import dev.weft.pipelines.backends.dashscope.TemporaryUploadClient;
import dev.weft.pipelines.backends.http.CancelSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns media values into URLs a cloud or server request can carry: {@code data:} URLs, or, for
 * DashScope when a file is larger than a threshold, a temporary upload ({@code oss://}, which then
 * needs {@code X-DashScope-OssResourceResolve: enable} on the request). Files are made in a scratch
 * folder that {@link #close()} removes.
 */
public final class MediaUrls implements AutoCloseable {
  /** JPEG quality for opaque images: high enough that models see no artefacts. */
  static final float JPEG_QUALITY = 0.92f;

  private final Path scratch;
  private final TemporaryUploadClient uploads;
  private final String model;
  private final long uploadAboveBytes;
  private final CancelSignal cancel;
  private final AtomicInteger counter = new AtomicInteger();
  private volatile boolean uploaded;

  /** One media value as a URL. */
  public record MediaUrl(String url, String contentType, long bytes, boolean uploaded) {
    @Override
    public String toString() {
      // a data URL can be megabytes; logs need its kind and size only
      return (uploaded ? url : contentType + " data URL") + " (" + bytes + " bytes)";
    }
  }

  /**
   * @param uploads the temporary-upload client (DashScope), or null to always use data URLs
   * @param model the model the uploads are for (DashScope grants upload policies per model)
   * @param uploadAboveBytes files larger than this are uploaded when {@code uploads} is given
   */
  public MediaUrls(
      TemporaryUploadClient uploads, String model, long uploadAboveBytes, CancelSignal cancel) {
    try {
      this.scratch = Files.createTempDirectory("weft-media-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a scratch folder for media", e);
    }
    this.uploads = uploads;
    this.model = model;
    this.uploadAboveBytes = uploadAboveBytes;
    this.cancel = cancel;
  }

  /** Whether any URL made so far is a temporary upload. */
  public boolean usedUploads() {
    return uploaded;
  }

  /**
   * The largest size with the image's aspect ratio whose pixel count stays within {@code budget}
   * (the image itself when it already does).
   */
  public static ImageAsset fitToPixels(ImageAsset image, long budget) {
    long pixels = (long) image.width() * image.height();
    if (budget <= 0 || pixels <= budget) {
      return image;
    }
    double scale = Math.sqrt((double) budget / pixels);
    int w = Math.max(1, (int) Math.floor(image.width() * scale));
    int h = Math.max(1, (int) Math.floor(image.height() * scale));
    while ((long) w * h > budget && w > 1 && h > 1) {
      if (w >= h) {
        w--;
      } else {
        h--;
      }
    }
    return ImageTransforms.resize(image, w, h);
  }

  /** The image scaled so that its longer side is at most {@code maxSide}. */
  public static ImageAsset fitToSide(ImageAsset image, int maxSide) {
    int longer = Math.max(image.width(), image.height());
    if (maxSide <= 0 || longer <= maxSide) {
      return image;
    }
    double scale = (double) maxSide / longer;
    return ImageTransforms.resize(
        image,
        Math.max(1, (int) Math.round(image.width() * scale)),
        Math.max(1, (int) Math.round(image.height() * scale)));
  }

  /**
   * An image as JPEG (opaque images, or when {@code dropAlpha}) or PNG (with transparency).
   *
   * @param dropAlpha encode as JPEG even with transparency (services that refuse alpha)
   */
  public MediaUrl image(ImageAsset image, boolean dropAlpha) throws IOException {
    boolean jpeg = dropAlpha || image.isOpaque();
    Path file = next(jpeg ? "jpg" : "png");
    if (jpeg) {
      ImageFiles.writeJpeg(image, file, JPEG_QUALITY);
    } else {
      ImageFiles.writePng(image, file);
    }
    return url(file, jpeg ? "image/jpeg" : "image/png");
  }

  /** Audio as a 16-bit WAV file. */
  public MediaUrl audio(AudioAsset audio) throws IOException {
    return audio(audio, false);
  }

  /**
   * Audio as a 16-bit WAV file.
   *
   * @param alwaysUpload upload whatever the size (APIs that take URLs only, such as Wan's {@code
   *     audio_url}); without an upload client a data URL is made anyway
   */
  public MediaUrl audio(AudioAsset audio, boolean alwaysUpload) throws IOException {
    Path file = next("wav");
    WavWriter.write(audio, file, WavFormat.PCM_S16);
    return alwaysUpload ? upload(file, "audio/wav") : url(file, "audio/wav");
  }

  /** A file as it is (a video in the store, say). */
  public MediaUrl file(Path file, String contentType) throws IOException {
    return url(file, contentType);
  }

  private Path next(String extension) {
    return scratch.resolve("media-" + counter.incrementAndGet() + "." + extension);
  }

  private MediaUrl url(Path file, String contentType) throws IOException {
    long size = Files.size(file);
    if (uploads != null && size > uploadAboveBytes) {
      return upload(file, contentType);
    }
    String data =
        "data:"
            + contentType
            + ";base64,"
            + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    return new MediaUrl(data, contentType, size, false);
  }

  private MediaUrl upload(Path file, String contentType) throws IOException {
    if (uploads == null) {
      return url(file, contentType);
    }
    long size = Files.size(file);
    String oss = uploads.upload(file, model, contentType, cancel);
    uploaded = true;
    return new MediaUrl(oss, contentType, size, true);
  }

  @Override
  public void close() {
    try (var files = Files.list(scratch)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(scratch);
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(MediaUrls.class)
          .warn("could not remove the scratch folder {}: {}", scratch, e.getMessage());
    }
  }
}
