package dev.weft.pipelines.backends.dashscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CancelledException;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.backends.http.Sleeper;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.Fault;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer.Route;
import dev.weft.pipelines.testing.protocol.TaskScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncTaskClientTest {
  private static final Duration LONG = Duration.ofMinutes(5);
  private final CloudTestKit kit = new CloudTestKit();
  private final AsyncTaskClient tasks = kit.tasks();

  @AfterEach
  void close() {
    kit.close();
  }

  private static ObjectNode body() {
    ObjectNode b = new ObjectMapper().createObjectNode();
    b.put("model", "wan2.5-t2v-preview");
    b.putObject("input").put("prompt", "a fox in the snow");
    return b;
  }

  private String create() {
    return tasks.create("video task", WanVideoClient.PATH, body(), false, CancelSignal.none());
  }

  @Test
  void createSendsTheAsyncHeaderAndReturnsTheTaskId() {
    String id = create();
    assertThat(id).isNotBlank();
    var sent = kit.server.requests("POST", "/api/v1/services/").getFirst();
    assertThat(sent.header("X-DashScope-Async")).contains("enable");
    assertThat(sent.header("Authorization")).get().asString().startsWith("Bearer ");
    assertThat(sent.header("X-DashScope-OssResourceResolve")).isEmpty();
  }

  @Test
  void awaitReportsPendingRunningThenSucceeded() {
    kit.server.nextTask(TaskScript.succeedsAfterPolls(2, 2));
    String id = create();
    List<TaskStatus> seen = new ArrayList<>();
    TaskSnapshot done =
        tasks.await("video task", id, LONG, (s, e) -> seen.add(s.status()), CancelSignal.none());
    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(seen)
        .containsExactly(
            TaskStatus.PENDING,
            TaskStatus.PENDING,
            TaskStatus.RUNNING,
            TaskStatus.RUNNING,
            TaskStatus.SUCCEEDED);
  }

  @Test
  void pollsWaitAtTheConfiguredCadence() {
    kit.server.nextTask(TaskScript.succeedsAfterPolls(0, 4));
    tasks.await("video task", create(), LONG, TaskListener.none(), CancelSignal.none());
    assertThat(kit.sleeper.waits())
        .containsExactly(
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            Duration.ofMillis(20));
  }

  @Test
  void gatewayErrorsWhilePollingDoNotStopTheWait() {
    kit.server.nextTask(TaskScript.succeedsAfterPolls(0, 1));
    String id = create();
    kit.server.failNext(
        Route.TASK_POLL,
        Fault.unavailable(),
        Fault.gatewayTimeout(),
        Fault.unavailable(),
        Fault.unavailable());
    assertThat(
            tasks.await("video task", id, LONG, TaskListener.none(), CancelSignal.none()).status())
        .isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void droppedPollConnectionsKeepPollingTheSameTaskAndNeverCreateAnother() {
    kit.server.nextTask(TaskScript.succeedsAfterPolls(0, 1));
    String id = create();
    kit.server.failNext(Route.TASK_POLL, Fault.drop(), Fault.drop());
    tasks.await("video task", id, LONG, TaskListener.none(), CancelSignal.none());
    assertThat(kit.server.tasksCreated()).isEqualTo(1);
    assertThat(kit.server.requests("POST", "/api/v1/services/")).hasSize(1);
  }

  @Test
  void aCreateWhoseConnectionDroppedIsNotSentAgain() {
    kit.server.failNext(Route.VIDEO_CREATE, Fault.drop());
    assertThatThrownBy(this::create)
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.TRANSPORT));
    assertThat(kit.server.requests("POST", "/api/v1/services/")).hasSize(1);
  }

  @Test
  void aThrottledCreateIsRetriedBecauseNoTaskWasMade() {
    kit.server.failNext(Route.VIDEO_CREATE, Fault.throttled(1));
    assertThat(create()).isNotBlank();
    assertThat(kit.server.tasksCreated()).isEqualTo(1);
  }

  @Test
  void aFailedTaskReportsItsCodeAndMessage() {
    kit.server.nextTask(
        TaskScript.failsAfterPolls(1, "InvalidParameter.Duration", "duration must be 5 or 10"));
    String id = create();
    assertThatThrownBy(
            () -> tasks.await("video task", id, LONG, TaskListener.none(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CloudException.Kind.TASK_FAILED);
              assertThat(e.code()).isEqualTo("InvalidParameter.Duration");
              assertThat(e.getMessage()).contains(id).contains("duration must be 5 or 10");
            });
  }

  @Test
  void aTaskFailedByModerationSaysSo() {
    kit.server.nextTask(
        TaskScript.failsAfterPolls(
            0, "DataInspectionFailed", "Output data may contain inappropriate content."));
    String id = create();
    assertThatThrownBy(
            () -> tasks.await("video task", id, LONG, TaskListener.none(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.MODERATED));
  }

  @Test
  void anUnknownTaskIsTerminal() {
    kit.server.nextTask(TaskScript.unknownAfterPolls(1));
    String id = create();
    assertThatThrownBy(
            () -> tasks.await("video task", id, LONG, TaskListener.none(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.TASK_UNKNOWN));
  }

  @Test
  void aTaskIdTheServiceNeverIssuedIsUnknown() {
    assertThatThrownBy(() ->
            tasks.await(
                "video task", "no-such-task", LONG, TaskListener.none(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.TASK_UNKNOWN));
  }

  @Test
  void aSavedTaskIdIsResumedByAnotherClient() {
    kit.server.nextTask(TaskScript.succeedsAfterPolls(0, 3));
    String id = create();
    tasks.poll(id, CancelSignal.none());
    AsyncTaskClient afterRestart = kit.tasks();
    assertThat(
            afterRestart
                .await("video task", id, LONG, TaskListener.none(), CancelSignal.none())
                .status())
        .isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(kit.server.tasksCreated()).isEqualTo(1);
  }

  @Test
  void aBadKeyWhilePollingStopsTheWait() {
    String id = create();
    AsyncTaskClient wrongKey =
        new AsyncTaskClient(
            kit.dashScope("sk-revoked-000000000000"),
            kit.sleeper,
            new PollCadence(Duration.ofMillis(1), 3, Duration.ofMillis(1)),
            dev.weft.pipelines.backends.http.RetryPolicy.standard(),
            new java.util.SplittableRandom(1));
    assertThatThrownBy(
            () -> wrongKey.await("video task", id, LONG, TaskListener.none(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class, e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.AUTH));
  }

  @Test
  void cancellingStopsTheWaitAndCancelsTheRemoteTask() throws Exception {
    kit.server.nextTask(TaskScript.succeedsAfterPolls(0, 1_000_000));
    String id = create();
    CancelSignal cancel = new CancelSignal();
    AsyncTaskClient realWaits = kit.tasks(Sleeper.real());
    Thread t =
        Thread.ofVirtual()
            .start(() -> {
              while (kit.server.polls(id) < 3) {
                Thread.onSpinWait();
              }
              cancel.cancel();
            });
    assertThatThrownBy(() -> realWaits.await("video task", id, LONG, TaskListener.none(), cancel))
        .isInstanceOf(CancelledException.class);
    t.join();
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!kit.server.wasCancelled(id) && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(kit.server.wasCancelled(id)).isTrue();
  }

  @Test
  void waitingLongerThanTheTimeoutLeavesTheTaskRunning() {
    kit.server.nextTask(TaskScript.succeedsAfterPolls(0, 1_000_000));
    String id = create();
    AsyncTaskClient realWaits = kit.tasks(Sleeper.real());
    assertThatThrownBy(() ->
            realWaits.await(
                "video task", id, Duration.ofMillis(100), TaskListener.none(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CloudException.Kind.TIMEOUT);
              assertThat(e.getMessage()).contains(id);
            });
    assertThat(kit.server.wasCancelled(id)).isFalse();
  }

  @Test
  void creatingWithoutAKeyIsRejectedAsAuth() {
    AsyncTaskClient noKey = new AsyncTaskClient(kit.dashScope(null));
    assertThatThrownBy(() ->
            noKey.create("video task", WanVideoClient.PATH, body(), false, CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class, e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.AUTH));
  }
}
