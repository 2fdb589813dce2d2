package dev.weft.app.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one undo history of a document: bounded undo and redo stacks, a revision counter that moves
 * on every change (views refresh on it), and the dirty flag, which is false exactly when the
 * document is in the state it was last saved in. Jobs pushed from inside a job are refused.
 */
public final class JobManager {
  /** The fewest undo steps a document keeps. */
  public static final int MIN_DEPTH = 200;

  private final int maxDepth;
  private final Deque<Job> undo = new ArrayDeque<>();
  private final Deque<Job> redo = new ArrayDeque<>();
  private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
  private final ReadOnlyStringWrapper undoDescription = new ReadOnlyStringWrapper(this, "undo", "");
  private final ReadOnlyStringWrapper redoDescription = new ReadOnlyStringWrapper(this, "redo", "");
  private boolean busy;
  private boolean sealed = true;
  // The job on top of the undo stack when the document was saved (null: the empty history).
  private Job savedAt;
  // True when the saved state can no longer be reached (its job fell off the bounded stack).
  private boolean savedLost;

  public JobManager() {
    this(500);
  }

  public JobManager(int maxDepth) {
    if (maxDepth < MIN_DEPTH) {
      throw new IllegalArgumentException(
          "the undo history keeps at least " + MIN_DEPTH + " steps, asked for " + maxDepth);
    }
    this.maxDepth = maxDepth;
  }

  /** Executes the job and records it; returns false (and records nothing) for a no-op. */
  public boolean push(Job job) {
    if (busy) {
      throw new IllegalStateException(
          "pushing a job from inside another job or a history listener is forbidden: "
              + job.description());
    }
    if (!job.isExecutable()) {
      return false;
    }
    busy = true;
    try {
      job.execute();
      Job top = undo.peek();
      boolean merged = !sealed && top != null && top != savedAt && top.absorb(job);
      if (!merged) {
        undo.push(job);
        if (undo.size() > maxDepth) {
          Job dropped = undo.removeLast();
          if (dropped == savedAt) {
            savedLost = true;
          }
        }
      }
      redo.clear();
      sealed = false;
    } finally {
      busy = false;
    }
    changed();
    return true;
  }

  /**
   * Ends the current run of mergeable edits: the next job starts a new undo step even if it would
   * fold into the last one (a field lost focus, Enter was pressed).
   */
  public void seal() {
    sealed = true;
  }

  public void undo() {
    if (busy || undo.isEmpty()) {
      return;
    }
    busy = true;
    try {
      Job job = undo.pop();
      job.undo();
      redo.push(job);
    } finally {
      busy = false;
    }
    sealed = true;
    changed();
  }

  public void redo() {
    if (busy || redo.isEmpty()) {
      return;
    }
    busy = true;
    try {
      Job job = redo.pop();
      job.redo();
      undo.push(job);
    } finally {
      busy = false;
    }
    sealed = true;
    changed();
  }

  /** Forgets the history (a new or newly opened document); the current state counts as saved. */
  public void clear() {
    undo.clear();
    redo.clear();
    savedAt = null;
    savedLost = false;
    sealed = true;
    changed();
  }

  /** The current state is what is on disk now. */
  public void markSaved() {
    savedAt = undo.peek();
    savedLost = false;
    sealed = true;
    changed();
  }

  /** The current state differs from the saved one (an unsaved document made from a recovery). */
  public void markUnsaved() {
    savedLost = true;
    changed();
  }

  public int undoDepth() {
    return undo.size();
  }

  public int redoDepth() {
    return redo.size();
  }

  public int maxDepth() {
    return maxDepth;
  }

  public Optional<Job> lastJob() {
    return Optional.ofNullable(undo.peek());
  }

  public ReadOnlyIntegerProperty revisionProperty() {
    return revision.getReadOnlyProperty();
  }

  public int revision() {
    return revision.get();
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return canRedo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  public boolean isDirty() {
    return dirty.get();
  }

  public ReadOnlyStringProperty undoDescriptionProperty() {
    return undoDescription.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty redoDescriptionProperty() {
    return redoDescription.getReadOnlyProperty();
  }

  private void changed() {
    busy = true;
    try {
      canUndo.set(!undo.isEmpty());
      canRedo.set(!redo.isEmpty());
      undoDescription.set(undo.isEmpty() ? "" : undo.peek().description());
      redoDescription.set(redo.isEmpty() ? "" : redo.peek().description());
      dirty.set(savedLost || undo.peek() != savedAt);
      revision.set(revision.get() + 1);
    } finally {
      busy = false;
    }
  }
}
