package dev.weft.pipelines.engine;

import dev.weft.assets.Asset;
import dev.weft.pipelines.Location;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happens during a run, in order: the run starts; each node is queued, started, reports
 * progress, previews and log lines, and ends cached, finished, failed, cancelled or blocked (a node
 * upstream failed); the run finishes. Events of one node arrive in that order; {@code seq} orders
 * all events of a run.
 */
public sealed interface RunEvent {

  String runId();

  long seq();

  Instant time();

  /** The node the event is about, or null for run-level events. */
  String nodeId();

  /** The run begins; {@code nodes} are those that will be considered, in plan order. */
  record RunStarted(String runId, long seq, Instant time, String pipeline, List<String> nodes)
      implements RunEvent {
    @Override
    public String nodeId() {
      return null;
    }
  }

  /** The run is over. */
  record RunFinished(
      String runId,
      long seq,
      Instant time,
      RunStatus status,
      int executed,
      int cached,
      int failed,
      long durationMillis)
      implements RunEvent {
    @Override
    public String nodeId() {
      return null;
    }
  }

  /** The node waits for a free place on its lane. */
  record NodeQueued(String runId, long seq, Instant time, String nodeId, String lane)
      implements RunEvent {}

  record NodeStarted(String runId, long seq, Instant time, String nodeId, String lane)
      implements RunEvent {}

  /** Progress in [0, 1], or negative when the node cannot tell. */
  record NodeProgress(
      String runId, long seq, Instant time, String nodeId, double fraction, String message)
      implements RunEvent {}

  /** A partial result to show while the node runs. */
  record NodePreview(String runId, long seq, Instant time, String nodeId, Asset value)
      implements RunEvent {}

  record NodeLog(String runId, long seq, Instant time, String nodeId, Level level, String message)
      implements RunEvent {
    /** How much a log line matters. */
    public enum Level {
      INFO,
      WARNING
    }
  }

  /** Which backend a model node chose (local, cloud, a server) and which model it uses. */
  record NodeBackend(
      String runId, long seq, Instant time, String nodeId, String backend, String model)
      implements RunEvent {}

  /** Nothing the node depends on changed: its results came from the cache. */
  record NodeCached(
      String runId, long seq, Instant time, String nodeId, Map<String, String> outputs)
      implements RunEvent {}

  /** The node ran and produced these outputs (port to asset). */
  record NodeFinished(
      String runId,
      long seq,
      Instant time,
      String nodeId,
      Map<String, Asset> outputs,
      long durationMillis)
      implements RunEvent {}

  /** The node failed; {@code internal} marks an error in the node's code rather than its input. */
  record NodeFailed(
      String runId,
      long seq,
      Instant time,
      String nodeId,
      String message,
      Location location,
      String hint,
      boolean internal)
      implements RunEvent {}

  record NodeCancelled(String runId, long seq, Instant time, String nodeId) implements RunEvent {}

  /** The node did not run because a node it depends on failed. */
  record NodeBlocked(String runId, long seq, Instant time, String nodeId, String failedUpstream)
      implements RunEvent {}
}
