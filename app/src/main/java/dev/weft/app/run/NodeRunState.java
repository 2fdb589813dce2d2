package dev.weft.app.run;

/**
 * How far a node is in the current (or last) run: its phase, progress in [0, 1] (negative when the
 * node cannot tell), the latest progress message, for a failed node the error and hint, and where
 * it ran (the backend and model it reported; empty for nodes that do not say).
 */
public record NodeRunState(
    Phase phase, double progress, String message, String error, String hint, String backend) {

  /** The states a node shows on the canvas. */
  public enum Phase {
    IDLE,
    QUEUED,
    RUNNING,
    CACHED,
    DONE,
    FAILED,
    CANCELLED,
    BLOCKED;

    /** Whether the node is finished for this run, one way or another. */
    public boolean isFinal() {
      return this == CACHED
          || this == DONE
          || this == FAILED
          || this == CANCELLED
          || this == BLOCKED;
    }
  }

  public static final NodeRunState IDLE = new NodeRunState(Phase.IDLE, 0, "", "", "");

  public NodeRunState {
    message = message == null ? "" : message;
    error = error == null ? "" : error;
    hint = hint == null ? "" : hint;
    backend = backend == null ? "" : backend;
  }

  public NodeRunState(Phase phase, double progress, String message, String error, String hint) {
    this(phase, progress, message, error, hint, "");
  }

  public static NodeRunState of(Phase phase) {
    return new NodeRunState(
        phase, phase == Phase.DONE || phase == Phase.CACHED ? 1 : 0, "", "", "");
  }

  public NodeRunState withProgress(double fraction, String newMessage) {
    return new NodeRunState(Phase.RUNNING, fraction, newMessage, error, hint, backend);
  }

  /** The same state, saying where the node runs (as "cloud:dashscope · qwen3-vl-plus"). */
  public NodeRunState withBackend(String where) {
    return new NodeRunState(phase, progress, message, error, hint, where);
  }
}
