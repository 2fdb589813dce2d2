package dev.weft.pipelines.backends.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.pipelines.backends.http.CallKind;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CancelledException;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.backends.http.HttpCall;
import dev.weft.pipelines.backends.http.RetryPolicy;
import dev.weft.pipelines.backends.http.Sleeper;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic DashScope async-task protocol (spec A.1): create a task with {@code
 * X-DashScope-Async: enable}, poll {@code /tasks/{id}} at the SDK's cadence until a terminal state,
 * cancel it. A created task is never created again: every later failure keeps polling its id, and a
 * caller that saved the id can resume waiting after a restart. Wan video and Fun-ASR file
 * transcription both use it.
 */
public final class AsyncTaskClient {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncTaskClient.class);
  private static final int SERVER_ERROR_POLL_RETRIES = 2;

  private final DashScopeClient client;
  private final Sleeper sleeper;
  private final PollCadence cadence;
  private final RetryPolicy backoff;
  private final RandomGenerator random;

  public AsyncTaskClient(
      DashScopeClient client,
      Sleeper sleeper,
      PollCadence cadence,
      RetryPolicy backoff,
      RandomGenerator random) {
    this.client = client;
    this.sleeper = sleeper;
    this.cadence = cadence;
    this.backoff = backoff;
    this.random = random;
  }

  public AsyncTaskClient(DashScopeClient client) {
    this(
        client,
        Sleeper.real(),
        PollCadence.sdk(),
        RetryPolicy.standard(),
        RandomGenerator.getDefault());
  }

  public DashScopeClient dashScope() {
    return client;
  }

  /**
   * Creates a task.
   *
   * @param path the service path, e.g. {@code /services/aigc/video-generation/video-synthesis}
   * @param ossResources whether an input URL is an {@code oss://} temporary upload
   * @return the new task's id
   */
  public String create(
      String what, String path, JsonNode body, boolean ossResources, CancelSignal cancel) {
    HttpCall call =
        client
            .postJson(what + " create", path, body)
            .header("X-DashScope-Async", "enable")
            .kind(CallKind.CREATE_TASK)
            .retry(backoff);
    if (ossResources) {
      call = call.header("X-DashScope-OssResourceResolve", "enable");
    }
    TaskSnapshot created = TaskSnapshot.of(client.send(call, cancel).json());
    if (created.taskId() == null || created.taskId().isBlank()) {
      throw new CloudException(
          CloudException.Kind.PROTOCOL,
          DashScopeClient.SERVICE,
          200,
          created.code(),
          created.requestId(),
          what
              + " create answered without output.task_id"
              + (created.message() != null ? ": " + created.message() : ""),
          CloudException.hintFor(CloudException.Kind.PROTOCOL),
          null);
    }
    LOG.info("{}: created task {} ({})", what, created.taskId(), created.status());
    return created.taskId();
  }

  /** One poll. Errors are thrown as they come; {@link #await} decides which to ride out. */
  public TaskSnapshot poll(String taskId, CancelSignal cancel) {
    HttpCall call = client.get("task " + taskId + " poll", "/tasks/" + taskId).kind(CallKind.READ);
    return TaskSnapshot.of(client.send(call.retry(RetryPolicy.none()), cancel).json());
  }

  /**
   * Polls until the task ends and returns its SUCCEEDED snapshot. Cancelling also asks the service
   * to cancel the task.
   *
   * @throws CloudException for FAILED, CANCELED and UNKNOWN tasks, for a wrong key, and when {@code
   *     timeout} passes (the task is left running, so a later call can resume it)
   */
  public TaskSnapshot await(
      String what, String taskId, Duration timeout, TaskListener listener, CancelSignal cancel) {
    long start = System.nanoTime();
    try (CancelSignal.Registration ignored =
        cancel.onCancel(() -> Thread.ofVirtual().start(() -> cancelQuietly(taskId)))) {
      int polls = 0;
      int serverErrors = 0;
      int throttled = 0;
      while (true) {
        cancel.throwIfCancelled(what);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (elapsed.compareTo(timeout) > 0) {
          throw new CloudException(
              CloudException.Kind.TIMEOUT,
              DashScopeClient.SERVICE,
              0,
              null,
              null,
              what + ": task " + taskId + " did not finish within " + timeout.toMinutes() + " min",
              CloudException.hintFor(CloudException.Kind.TIMEOUT),
              null);
        }
        polls++;
        Duration wait = cadence.waitAfter(polls);
        try {
          TaskSnapshot s = poll(taskId, cancel);
          serverErrors = 0;
          throttled = 0;
          listener.onPoll(s, Duration.ofNanos(System.nanoTime() - start));
          if (s.status().terminal()) {
            return finished(what, taskId, s);
          }
        } catch (CloudException e) {
          Optional<Duration> keepGoing =
              switch (e.kind()) {
                // a gateway hiccup or a dropped connection says nothing about the task
                case UNAVAILABLE, TRANSPORT -> Optional.of(wait);
                case THROTTLED -> {
                  throttled++;
                  yield backoff.delayBefore(
                      Math.min(throttled, backoff.throttleRetries()),
                      new RetryPolicy.ErrorStatus(e.status(), e.code(), null),
                      CallKind.READ,
                      random);
                }
                case SERVER ->
                    ++serverErrors <= SERVER_ERROR_POLL_RETRIES
                        ? Optional.of(wait)
                        : Optional.empty();
                default -> Optional.empty();
              };
          if (keepGoing.isEmpty()) {
            throw e;
          }
          LOG.warn("{}: poll of task {} failed ({}); still polling", what, taskId, e.getMessage());
          wait = keepGoing.get();
        }
        sleeper.sleep(wait, cancel);
      }
    }
  }

  /** Asks the service to cancel a task. Which states can be cancelled is not documented. */
  public void cancel(String taskId) {
    HttpCall call =
        client
            .postJson("task " + taskId + " cancel", "/tasks/" + taskId + "/cancel", null)
            .kind(CallKind.READ)
            .retry(RetryPolicy.none());
    client.send(call, CancelSignal.none());
  }

  private void cancelQuietly(String taskId) {
    try {
      cancel(taskId);
      LOG.info("asked the service to cancel task {}", taskId);
    } catch (CloudException | CancelledException e) {
      // a task that has started may not be cancellable; the local wait stops either way
      LOG.warn("cancelling task {} on the service failed: {}", taskId, e.getMessage());
    }
  }

  private static TaskSnapshot finished(String what, String taskId, TaskSnapshot s) {
    return switch (s.status()) {
      case SUCCEEDED -> s;
      case FAILED -> {
        CloudException.Kind kind =
            s.code() != null
                    && s.code().toLowerCase(java.util.Locale.ROOT).contains("datainspection")
                ? CloudException.Kind.MODERATED
                : CloudException.Kind.TASK_FAILED;
        throw new CloudException(
            kind,
            DashScopeClient.SERVICE,
            200,
            s.code(),
            s.requestId(),
            what
                + ": task "
                + taskId
                + " failed"
                + (s.code() != null ? " with " + s.code() : "")
                + (s.message() != null ? ": " + s.message() : ""),
            CloudException.hintFor(kind),
            null);
      }
      case CANCELED ->
          throw new CloudException(
              CloudException.Kind.TASK_CANCELED,
              DashScopeClient.SERVICE,
              200,
              s.code(),
              s.requestId(),
              what + ": task " + taskId + " was cancelled on the service",
              CloudException.hintFor(CloudException.Kind.TASK_CANCELED),
              null);
      default ->
          throw new CloudException(
              CloudException.Kind.TASK_UNKNOWN,
              DashScopeClient.SERVICE,
              200,
              s.code(),
              s.requestId(),
              what
                  + ": the service does not know task "
                  + taskId
                  + (s.message() != null ? " (" + s.message() + ")" : ""),
              CloudException.hintFor(CloudException.Kind.TASK_UNKNOWN),
              null);
    };
  }
}
