package dev.weft.pipelines.engine;

/** How a run ended. */
public enum RunStatus {
  SUCCEEDED,
  /** At least one node failed; independent branches still finished. */
  FAILED,
  CANCELLED
}
