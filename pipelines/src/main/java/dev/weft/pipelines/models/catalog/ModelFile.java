package dev.weft.pipelines.models.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * One file of a model, by its path inside the model's repository, with its size in bytes and
 * SHA-256 when known. {@code verified} says whether those two were checked against the real file.
 */
public record ModelFile(String path, long size, String sha256, boolean verified) {

  public ModelFile {
    Objects.requireNonNull(path, "path");
    if (path.isBlank() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
      throw new IllegalArgumentException(
          "a model file path must be relative and stay inside the model folder, got '"
              + path
              + "'");
    }
    if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sha256 of " + path + " must be 64 lowercase hex digits, got '" + sha256 + "'");
    }
  }

  public boolean sizeKnown() {
    return size >= 0;
  }

  public Optional<String> hash() {
    return Optional.ofNullable(sha256);
  }

  /** The last part of the path. */
  public String fileName() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
