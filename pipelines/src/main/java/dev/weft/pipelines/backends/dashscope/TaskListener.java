package dev.weft.pipelines.backends.dashscope;

import java.time.Duration;

/** Hears about a task while it is awaited. */
@FunctionalInterface
public interface TaskListener {
  /** After every successful poll: the task's state and how long it has been awaited. */
  void onPoll(TaskSnapshot snapshot, Duration elapsed);

  static TaskListener none() {
    return (s, e) -> {};
  }
}
