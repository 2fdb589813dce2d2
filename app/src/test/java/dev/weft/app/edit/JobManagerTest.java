package dev.weft.app.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobManagerTest {

  /** A job over a list of strings, optionally merging with the next one of the same key. */
  static final class AppendJob extends Job {
    final List<String> doc;
    final String key;
    final List<String> added = new ArrayList<>();
    Runnable duringExecute = () -> {};

    AppendJob(List<String> doc, String text, String key) {
      this.doc = doc;
      this.key = key;
      added.add(text);
    }

    @Override
    public boolean isExecutable() {
      return !added.getFirst().isEmpty();
    }

    @Override
    public void execute() {
      duringExecute.run();
      doc.addAll(added);
    }

    @Override
    public void undo() {
      for (int i = 0; i < added.size(); i++) {
        doc.removeLast();
      }
    }

    @Override
    public void redo() {
      doc.addAll(added);
    }

    @Override
    public String description() {
      return "Append " + added;
    }

    @Override
    public boolean absorb(Job next) {
      if (key != null && next instanceof AppendJob a && key.equals(a.key)) {
        added.addAll(a.added);
        return true;
      }
      return false;
    }
  }

  private final List<String> doc = new ArrayList<>();
  private final JobManager jobs = new JobManager();

  @Test
  void undoRestoresAndRedoReapplies() {
    jobs.push(new AppendJob(doc, "a", null));
    jobs.push(new AppendJob(doc, "b", null));
    jobs.undo();
    assertThat(doc).containsExactly("a");
    jobs.redo();
    assertThat(doc).containsExactly("a", "b");
  }

  @Test
  void aNewJobClearsTheRedoStack() {
    jobs.push(new AppendJob(doc, "a", null));
    jobs.undo();
    jobs.push(new AppendJob(doc, "b", null));
    assertThat(jobs.canRedoProperty().get()).isFalse();
    jobs.redo();
    assertThat(doc).containsExactly("b");
  }

  @Test
  void keepsAtLeastTwoHundredSteps() {
    for (int i = 0; i < 250; i++) {
      jobs.push(new AppendJob(doc, "x" + i, null));
    }
    for (int i = 0; i < 250; i++) {
      jobs.undo();
    }
    assertThat(doc).isEmpty();
  }

  @Test
  void dropsTheOldestStepBeyondItsDepth() {
    JobManager small = new JobManager(JobManager.MIN_DEPTH);
    for (int i = 0; i < JobManager.MIN_DEPTH + 5; i++) {
      small.push(new AppendJob(doc, "x" + i, null));
    }
    assertThat(small.undoDepth()).isEqualTo(JobManager.MIN_DEPTH);
  }

  @Test
  void refusesADepthBelowTwoHundred() {
    assertThatThrownBy(() -> new JobManager(50)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noOpJobsAreNotRecorded() {
    assertThat(jobs.push(new AppendJob(doc, "", null))).isFalse();
    assertThat(jobs.canUndoProperty().get()).isFalse();
  }

  @Test
  void refusesJobsPushedFromInsideAJob() {
    AppendJob outer = new AppendJob(doc, "a", null);
    outer.duringExecute = () -> jobs.push(new AppendJob(doc, "b", null));
    assertThatThrownBy(() -> jobs.push(outer)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void consecutiveJobsWithTheSameKeyMakeOneStep() {
    jobs.push(new AppendJob(doc, "h", "field"));
    jobs.push(new AppendJob(doc, "i", "field"));
    jobs.undo();
    assertThat(doc).isEmpty();
  }

  @Test
  void sealingStartsANewStep() {
    jobs.push(new AppendJob(doc, "h", "field"));
    jobs.seal();
    jobs.push(new AppendJob(doc, "i", "field"));
    jobs.undo();
    assertThat(doc).containsExactly("h");
  }

  @Test
  void dirtyFollowsTheSavedState() {
    jobs.push(new AppendJob(doc, "a", null));
    jobs.markSaved();
    assertThat(jobs.isDirty()).isFalse();
    jobs.push(new AppendJob(doc, "b", null));
    assertThat(jobs.isDirty()).isTrue();
    jobs.undo();
    assertThat(jobs.isDirty()).isFalse();
    jobs.undo();
    assertThat(jobs.isDirty()).isTrue();
  }

  @Test
  void anEditAfterSavingNeverMergesIntoTheSavedStep() {
    jobs.push(new AppendJob(doc, "a", "field"));
    jobs.markSaved();
    jobs.push(new AppendJob(doc, "b", "field"));
    assertThat(jobs.isDirty()).isTrue();
  }

  @Test
  void revisionMovesOnEveryChange() {
    int start = jobs.revision();
    jobs.push(new AppendJob(doc, "a", null));
    jobs.undo();
    jobs.redo();
    assertThat(jobs.revision()).isEqualTo(start + 3);
  }

  @Test
  void describesTheStepsToUndoAndRedo() {
    jobs.push(new AppendJob(doc, "a", null));
    assertThat(jobs.undoDescriptionProperty().get()).isEqualTo("Append [a]");
    jobs.undo();
    assertThat(jobs.redoDescriptionProperty().get()).isEqualTo("Append [a]");
  }
}
