package dev.weft.pipelines.cli;

import dev.weft.assets.Asset;
import dev.weft.assets.TextAsset;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.graph.Graph;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints a run for a person: a line when each node starts and ends, throttled progress lines,
 * warnings, and the results of the nodes at the end of the graph.
 */
final class EventPrinter {
  private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

  private final PrintStream out;
  private final Graph graph;
  private final boolean verbose;
  private final Map<String, long[]> lastProgress = new ConcurrentHashMap<>();

  EventPrinter(PrintStream out, Graph graph, boolean verbose) {
    this.out = out;
    this.graph = graph;
    this.verbose = verbose;
  }

  private String label(String nodeId) {
    return graph
        .node(nodeId)
        .map(n ->
            n.title().isBlank() || n.title().equals(n.id())
                ? n.id()
                : n.id() + " (" + n.title() + ")")
        .orElse(nodeId);
  }

  void event(RunEvent e) {
    switch (e) {
      case RunEvent.RunStarted x ->
          out.println(
              "Running "
                  + x.pipeline()
                  + ": "
                  + x.nodes().size()
                  + " node"
                  + (x.nodes().size() == 1 ? "" : "s"));
      case RunEvent.NodeStarted x ->
          out.println("  started   " + label(x.nodeId()) + " on " + x.lane());
      case RunEvent.NodeProgress x -> progress(x);
      case RunEvent.NodeLog x -> {
        if (x.level() == RunEvent.NodeLog.Level.WARNING) {
          out.println("  warning   " + label(x.nodeId()) + ": " + x.message());
        } else if (verbose) {
          out.println("  log       " + label(x.nodeId()) + ": " + x.message());
        }
      }
      case RunEvent.NodeBackend x ->
          out.println(
              "  backend   "
                  + label(x.nodeId())
                  + ": "
                  + x.backend()
                  + (x.model() == null ? "" : " (" + x.model() + ")"));
      case RunEvent.NodeCached x -> out.println("  cached    " + label(x.nodeId()));
      case RunEvent.NodeFinished x -> {
        out.println("  done      " + label(x.nodeId()) + " in " + millis(x.durationMillis()));
        if (graph.outgoing(x.nodeId()).isEmpty()) {
          x.outputs()
              .forEach((port, value) -> out.println("            " + port + ": " + show(value)));
        }
      }
      case RunEvent.NodeFailed x -> {
        out.println(
            "  FAILED    "
                + label(x.nodeId())
                + ": "
                + x.message()
                + (x.hint() == null
                    ? ""
                    : (x.message().endsWith(".") ? " " : ". ") + "Fix: " + x.hint()));
      }
      case RunEvent.NodeBlocked x ->
          out.println(
              "  blocked   " + label(x.nodeId()) + ": \"" + x.failedUpstream() + "\" failed");
      case RunEvent.NodeCancelled x -> out.println("  cancelled " + label(x.nodeId()));
      case RunEvent.RunFinished x ->
          out.println(
              switch (x.status()) {
                    case SUCCEEDED -> "Finished";
                    case FAILED -> "Finished with failures";
                    case CANCELLED -> "Cancelled";
                  }
                  + " in "
                  + millis(x.durationMillis())
                  + ": "
                  + x.executed()
                  + " ran, "
                  + x.cached()
                  + " cached, "
                  + x.failed()
                  + " failed");
      default -> {}
    }
    out.flush();
  }

  private void progress(RunEvent.NodeProgress x) {
    long now = System.nanoTime();
    long[] last = lastProgress.computeIfAbsent(x.nodeId(), k -> new long[] {0, -100});
    int percent = x.fraction() < 0 ? -1 : (int) Math.round(x.fraction() * 100);
    boolean due =
        now - last[0] >= PROGRESS_EVERY_NANOS
            || (percent >= 0 && percent - last[1] >= 25)
            || percent == 100;
    if (!due) {
      return;
    }
    last[0] = now;
    last[1] = percent;
    String pct = percent < 0 ? "   …" : String.format(Locale.ROOT, "%3d%%", percent);
    out.println(
        "  "
            + pct
            + "      "
            + label(x.nodeId())
            + (x.message().isBlank() ? "" : ": " + x.message()));
  }

  static String show(Asset value) {
    if (value instanceof TextAsset t) {
      String s = t.text();
      return s.length() <= 200 && s.indexOf('\n') < 0 ? s : value.describe();
    }
    return value.describe();
  }

  static String millis(long ms) {
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
