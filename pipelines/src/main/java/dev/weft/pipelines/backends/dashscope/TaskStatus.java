package dev.weft.pipelines.backends.dashscope;

/** The states of a DashScope async task (the official SDK's enum, protocol spec A.1). */
public enum TaskStatus {
  PENDING(false),
  RUNNING(false),
  SUSPENDED(false),
  SUCCEEDED(true),
  FAILED(true),
  CANCELED(true),
  /** Terminal: the service does not know the task (probably an expired or wrong id). */
  UNKNOWN(true);

  private final boolean terminal;

  TaskStatus(boolean terminal) {
    this.terminal = terminal;
  }

  public boolean terminal() {
    return terminal;
  }

  /** Reads a status string; anything unrecognised counts as {@link #UNKNOWN}. */
  public static TaskStatus parse(String s) {
    if (s == null) {
      return UNKNOWN;
    }
    for (TaskStatus t : values()) {
      if (t.name().equalsIgnoreCase(s.strip())) {
        return t;
      }
    }
    return UNKNOWN;
  }
}
