package dev.weft.app.models;

import dev.weft.pipelines.models.catalog.CatalogEntry;
import dev.weft.pipelines.models.catalog.ModelStatus;

/** A model as the Models dialog lists it. */
public record ModelRow(
    String id,
    String name,
    String family,
    String task,
    String variant,
    String licence,
    long downloadBytes,
    boolean installed,
    long bytesOnDisk,
    int missingFiles,
    String location,
    String notes) {

  static ModelRow of(ModelStatus s) {
    CatalogEntry e = s.entry();
    return new ModelRow(
        e.id(),
        e.name() == null || e.name().isBlank() ? e.id() : e.name(),
        e.family() == null ? "" : e.family(),
        e.task() == null ? "" : e.task(),
        e.variant() == null ? "" : e.variant(),
        e.licence() == null ? "" : e.licence(),
        e.totalSize(),
        s.isInstalled(),
        s.bytesOnDisk(),
        s.missingFiles().size(),
        s.installed().map(m -> m.folder().toString()).orElse(""),
        e.notes() == null ? "" : e.notes());
  }

  /** "installed", "3 files missing", "not downloaded". */
  public String status() {
    if (installed) {
      return "installed";
    }
    return bytesOnDisk > 0 ? missingFiles + " files missing" : "not downloaded";
  }
}
