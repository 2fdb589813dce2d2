package dev.weft.app.files;

import dev.weft.assets.image.ImageFiles;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.video.VideoFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the pipeline that Weft embeds in the media it saves: PNG text chunks through the assets
 * module's image reader, and a reader per further extension (MP4 metadata: {@link #register} it
 * where the video codecs are available). The one hook for "drop a result, get the pipeline that
 * made it".
 */
public final class EmbeddedPipelines {
  /** Reads the embedded pipeline JSON of one kind of file, if the file carries one. */
  @FunctionalInterface
  public interface Reader {
    Optional<String> read(Path file) throws IOException;
  }

  private final Map<String, Reader> readers = new LinkedHashMap<>();

  /**
   * PNG through {@link ImageFiles#readEmbedded}, MP4 and MOV through {@link
   * VideoFiles#readEmbedded}.
   */
  public static EmbeddedPipelines standard() {
    EmbeddedPipelines e = new EmbeddedPipelines();
    e.register("png", f -> ImageFiles.readEmbedded(f).map(EmbeddedProvenance::pipelineJson));
    Reader video = f -> VideoFiles.readEmbedded(f).map(EmbeddedProvenance::pipelineJson);
    e.register("mp4", video);
    e.register("mov", video);
    return e;
  }

  public void register(String extension, Reader reader) {
    readers.put(extension.toLowerCase(Locale.ROOT), reader);
  }

  public boolean handles(Path file) {
    return readers.containsKey(extension(file));
  }

  /** The pipeline JSON inside the file, or empty when it carries none. */
  public Optional<String> read(Path file) throws IOException {
    Reader r = readers.get(extension(file));
    return r == null ? Optional.empty() : r.read(file).filter(s -> !s.isBlank());
  }

  static String extension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
