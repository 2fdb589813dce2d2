package dev.weft.app.edit;

import dev.weft.pipelines.graph.Graph;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An undoable edit of an immutable graph: it computes the new graph once from the current one, and
 * undo and redo put the old or new graph back. Edits with the same merge key that follow each other
 * (typing in one field, nudging the same nodes) fold into one step.
 */
public final class GraphEditJob extends Job {
  private final GraphTarget target;
  private final String description;
  private final UnaryOperator<Graph> change;
  private final String mergeKey;
  private Graph before;
  private Graph after;

  public GraphEditJob(GraphTarget target, String description, UnaryOperator<Graph> change) {
    this(target, description, change, null);
  }

  public GraphEditJob(
      GraphTarget target, String description, UnaryOperator<Graph> change, String mergeKey) {
    this.target = Objects.requireNonNull(target, "target");
    this.description = Objects.requireNonNull(description, "description");
    this.change = Objects.requireNonNull(change, "change");
    this.mergeKey = mergeKey;
  }

  @Override
  public boolean isExecutable() {
    if (after == null) {
      before = target.graph();
      after = change.apply(before);
    }
    return !after.equals(before);
  }

  @Override
  public void execute() {
    if (!isExecutable()) {
      return;
    }
    target.replaceGraph(after);
  }

  @Override
  public void undo() {
    target.replaceGraph(before);
  }

  @Override
  public void redo() {
    target.replaceGraph(after);
  }

  @Override
  public String description() {
    return description;
  }

  /** The graph after this edit (after it was executed or checked). */
  public Graph after() {
    return after;
  }

  @Override
  public boolean absorb(Job next) {
    if (mergeKey == null
        || !(next instanceof GraphEditJob g)
        || !mergeKey.equals(g.mergeKey)
        || g.target != target
        || g.before != after) {
      return false;
    }
    after = g.after;
    return true;
  }
}
