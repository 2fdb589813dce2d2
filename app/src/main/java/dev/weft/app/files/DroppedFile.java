package dev.weft.app.files;

import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.ParamSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file dropped on the canvas becomes: a pipeline to open, a media file for a Load node
 * (whichever load node type lists its extension), or nothing Weft can use.
 */
public sealed interface DroppedFile {
  /** A {@code *.weft.json} file. */
  record Pipeline(Path file) implements DroppedFile {}

  /** Media that a Load node reads; a PNG or MP4 may still carry an embedded pipeline. */
  record Media(Path file, String loadType, String param) implements DroppedFile {}

  record Unsupported(Path file, String reason) implements DroppedFile {}

  /** The node types that turn a dropped file into a node, checked in this order. */
  List<String> LOAD_TYPES = List.of("image.load", "audio.load", "video.load");

  static DroppedFile classify(Path file, NodeCatalog catalog) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(PipelineFormat.EXTENSION)) {
      return new Pipeline(file);
    }
    String ext = EmbeddedPipelines.extension(file);
    for (String type : LOAD_TYPES) {
      Optional<ParamSpec.FileParam> param =
          catalog
              .find(type)
              .flatMap(t ->
                  t.spec().params().stream()
                      .filter(p -> p instanceof ParamSpec.FileParam)
                      .map(p -> (ParamSpec.FileParam) p)
                      .findFirst());
      if (param.isPresent() && param.get().extensions().contains(ext)) {
        return new Media(file, type, param.get().name());
      }
    }
    return new Unsupported(
        file,
        "Weft opens *.weft.json pipelines and loads images, audio and video; "
            + file.getFileName()
            + " is none of these");
  }
}
