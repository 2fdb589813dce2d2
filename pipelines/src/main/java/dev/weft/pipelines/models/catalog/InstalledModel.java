package dev.weft.pipelines.models.catalog;

import java.nio.file.Path;
import java.util.Map;

/**
 * A model whose files are all on disk: the folder that holds them (a hub snapshot, Weft's own
 * models folder, or a folder the user registered) and each file's path.
 */
public record InstalledModel(
    CatalogEntry entry, Path folder, Map<String, Path> files, String where) {
  public InstalledModel {
    files = Map.copyOf(files);
  }

  /** The path of one of the model's files. */
  public Path file(String path) {
    Path p = files.get(path);
    if (p == null) {
      throw new IllegalArgumentException(entry.id() + " has no file '" + path + "'");
    }
    return p;
  }
}
