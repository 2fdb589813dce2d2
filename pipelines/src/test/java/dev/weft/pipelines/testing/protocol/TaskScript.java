package dev.weft.pipelines.testing.protocol;

import java.time.Duration;

/**
 * How a task the protocol test server creates behaves: how long it stays PENDING and RUNNING
 * (counted in polls, or in time for runs by hand and benchmarks), and how it ends.
 *
 * @param pendingPolls polls answered PENDING (when {@code pendingTime} is null)
 * @param runningPolls polls answered RUNNING after those (when {@code runningTime} is null)
 * @param outcome SUCCEEDED, FAILED or UNKNOWN
 * @param code the error code of a FAILED task
 */
public record TaskScript(
    int pendingPolls,
    int runningPolls,
    Duration pendingTime,
    Duration runningTime,
    String outcome,
    String code,
    String message) {

  public static TaskScript succeedsAfterPolls(int pending, int running) {
    return new TaskScript(pending, running, null, null, "SUCCEEDED", null, null);
  }

  public static TaskScript succeedsAfter(Duration pending, Duration running) {
    return new TaskScript(0, 0, pending, running, "SUCCEEDED", null, null);
  }

  public static TaskScript failsAfterPolls(int running, String code, String message) {
    return new TaskScript(0, running, null, null, "FAILED", code, message);
  }

  public static TaskScript unknownAfterPolls(int running) {
    return new TaskScript(0, running, null, null, "UNKNOWN", null, null);
  }

  boolean timed() {
    return pendingTime != null || runningTime != null;
  }
}
