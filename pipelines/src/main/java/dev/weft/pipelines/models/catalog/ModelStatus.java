package dev.weft.pipelines.models.catalog;

import java.util.List;
import java.util.Optional;

/** Whether a catalog model is on disk, which of its files are missing, and where it is. */
public record ModelStatus(
    CatalogEntry entry,
    Optional<InstalledModel> installed,
    List<String> missingFiles,
    long bytesOnDisk) {
  public ModelStatus {
    missingFiles = List.copyOf(missingFiles);
  }

  public boolean isInstalled() {
    return installed.isPresent();
  }
}
