package dev.weft.pipelines.models.catalog;

import java.nio.file.Path;

/** The result of checking one model file on disk against the catalog. */
public record FileCheck(String path, Path location, Outcome outcome, String detail) {

  /** What the check found. */
  public enum Outcome {
    OK,
    /** Present, but the catalog has no hash to compare with; the file's hash is in detail. */
    UNVERIFIABLE,
    MISSING,
    WRONG_SIZE,
    WRONG_HASH
  }

  public boolean ok() {
    return outcome == Outcome.OK || outcome == Outcome.UNVERIFIABLE;
  }
}
