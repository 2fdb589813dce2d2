package dev.weft.app.edit;

/**
 * One undoable change to a document. The {@link JobManager} executes it once, then undoes and
 * redoes it as the person asks; a job never pushes other jobs.
 */
public abstract class Job {

  /** Whether executing would change anything (a no-op edit is not recorded). */
  public abstract boolean isExecutable();

  public abstract void execute();

  public abstract void undo();

  public abstract void redo();

  /** What the job did, for the Edit menu ("Undo Move 3 nodes"). */
  public abstract String description();

  /**
   * Folds {@code next} (already executed) into this job, so that typing in one field or nudging
   * with the arrow keys is one undo step; returns false when the two stay separate.
   */
  public boolean absorb(Job next) {
    return false;
  }
}
