package dev.weft.pipelines.models.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model Weft knows: its id, family and task, precision variant, licence, the runner that loads
 * it, its files, where to download them, and what it needs to run.
 */
public record CatalogEntry(
    String id,
    String name,
    String family,
    String task,
    String variant,
    String licence,
    String runner,
    List<ModelFile> files,
    List<ModelSource> sources,
    Requirements requirements,
    String notes) {

  public CatalogEntry {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "a model id is lowercase letters, digits, '.', '_' and '-', got '" + id + "'");
    }
    files = List.copyOf(files);
    sources = List.copyOf(sources);
    requirements = requirements == null ? Requirements.NONE : requirements;
  }

  /** The total download size, counting files of unknown size as 0. */
  public long totalSize() {
    return files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
  }

  /** True when every file's size and hash were checked against the real file. */
  public boolean fullyVerified() {
    return files.stream().allMatch(f -> f.verified() && f.sha256() != null && f.sizeKnown());
  }

  /** The Hugging Face source, which also decides where files land in the hub cache. */
  public Optional<ModelSource.HuggingFace> huggingFace() {
    return sources.stream()
        .filter(ModelSource.HuggingFace.class::isInstance)
        .map(ModelSource.HuggingFace.class::cast)
        .findFirst();
  }

  public Optional<ModelFile> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }
}
