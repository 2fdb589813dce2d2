package dev.weft.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.TextAsset;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.engine.Engine;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunListener;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunRequest;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.format.SourceMap;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.nodes.Services;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Runs the small pipeline a one-shot command ({@code weft look}, {@code weft video}, {@code weft
 * talk}, ...) builds, through the engine like any other run: validation first, Ctrl-C cancels (a
 * second one quits at once), and the result is reported for a person or as JSON lines.
 *
 * <p>For a person, the main node's answer streams to standard output as its previews arrive and
 * everything else (backend, progress, warnings, errors) goes to standard error, so the output can
 * be piped. With {@code --json}, every run event is one JSON object per line on standard output, as
 * with {@code weft run --json}.
 */
public final class OneShot {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

  private final CliEnvironment env;
  private final boolean json;
  private final String mainNode;
  private final boolean streamText;

  /**
   * @param mainNode the node the command is about (its errors need no node name)
   * @param streamText whether the main node's text previews and its {@code text} output are the
   *     command's answer, printed to standard output as they stream
   */
  public OneShot(CliEnvironment env, boolean json, String mainNode, boolean streamText) {
    this.env = env;
    this.json = json;
    this.mainNode = mainNode;
    this.streamText = streamText;
  }

  /** How a one-shot run ended: the exit code, and the run when there was one. */
  public record Outcome(int exitCode, Optional<RunResult> result) {
    /** The main node's outcome when the run succeeded. */
    public Optional<NodeOutcome> node(String id) {
      return result.flatMap(r -> r.node(id)).filter(NodeOutcome::succeeded);
    }
  }

  /**
   * Validates and runs {@code graph} in the project at {@code projectDir}, with the context's
   * services changed by {@code services} (an endpoint given on the command line, say).
   */
  public Outcome run(
      Graph graph, Path projectDir, RunOptions options, UnaryOperator<Services> services)
      throws InterruptedException {
    WeftContext context = env.context();
    // an engine of its own over the context's lanes: the command's services without changing
    // the context's (it is not closed, which would close the shared lanes)
    Engine engine =
        new Engine(
            context.catalog(),
            services.apply(context.services()),
            context.engine().lanes(),
            dev.weft.pipelines.WeftVersion.get());
    ParsedPipeline parsed =
        new ParsedPipeline(
            graph, "the command line", Optional.empty(), SourceMap.EMPTY, Map.of(), List.of());
    Project project = Project.at(projectDir);
    RunRequest request =
        new RunRequest(parsed, project, project.defaultOutputDir(), options, Optional.empty());
    JsonEvents jsonOut = new JsonEvents(env.out());
    for (Problem p : engine.validate(parsed, options.offline())) {
      if (!p.isError()) {
        if (json) {
          jsonOut.problem(p);
        } else {
          env.err().println("warning: " + p.describe());
        }
      }
    }
    Printer printer = new Printer();
    RunListener listener = json ? jsonOut::event : printer::event;
    RunHandle handle;
    try {
      handle = engine.start(request, listener);
    } catch (InvalidPipelineException e) {
      if (json) {
        e.problems().forEach(jsonOut::problem);
      } else {
        for (Problem p : e.problems()) {
          if (p.isError()) {
            env.err().println("error: " + p.describe());
          }
        }
      }
      return new Outcome(ExitCodes.INVALID, Optional.empty());
    }
    Optional<RunResult> ended = CtrlC.await(env, handle, new AtomicBoolean());
    if (ended.isEmpty()) {
      return new Outcome(ExitCodes.CANCELLED, Optional.empty());
    }
    RunResult result = ended.get();
    if (!json) {
      printer.finish(result);
    }
    int code =
        result.status() == RunStatus.SUCCEEDED
            ? ExitCodes.OK
            : result.status() == RunStatus.CANCELLED ? ExitCodes.CANCELLED : ExitCodes.NODE_FAILED;
    return new Outcome(code, Optional.of(result));
  }

  /** Tells the user (or the JSON reader) that an output was written to a file. */
  public void saved(String port, Path file) {
    if (json) {
      ObjectNode o = JSON.createObjectNode();
      o.put("event", "output.saved");
      o.put("node", mainNode);
      o.put("port", port);
      o.put("file", file.toAbsolutePath().toString());
      env.out().println(o);
      env.out().flush();
    } else {
      env.err().println(port + " saved to " + file);
    }
  }

  /** A problem with the command's arguments: printed, and the exit code to return. */
  public int invalid(String message, String hint) {
    if (json) {
      ObjectNode o = JSON.createObjectNode();
      o.put("event", "problem");
      o.put("severity", "error");
      o.put("code", "args");
      o.put("message", message);
      o.put("hint", hint);
      env.out().println(o);
      env.out().flush();
    } else {
      env.err().println("error: " + message + (hint == null ? "" : ". Fix: " + hint));
    }
    return ExitCodes.INVALID;
  }

  /** A file named on the command line, required to exist. */
  public static Optional<String> missing(Path file) {
    return Files.isRegularFile(file)
        ? Optional.empty()
        : Optional.of(file + (Files.exists(file) ? " is not a file" : ": no such file"));
  }

  /** Prints a run for a person: the answer on standard output, the rest on standard error. */
  private final class Printer {
    private final PrintStream out = env.out();
    private final PrintStream err = env.err();
    private String printed = "";
    private long lastProgress;

    synchronized void event(RunEvent e) {
      switch (e) {
        case RunEvent.NodeBackend x ->
            err.println(
                "backend: " + x.backend() + (x.model() == null ? "" : " (" + x.model() + ")"));
        case RunEvent.NodeProgress x -> {
          long now = System.nanoTime();
          if (now - lastProgress >= PROGRESS_EVERY_NANOS && !x.message().isBlank()) {
            lastProgress = now;
            err.println(
                (x.fraction() < 0
                        ? "   …  "
                        : String.format(Locale.ROOT, "%3d%%  ", Math.round(x.fraction() * 100)))
                    + x.message());
          }
        }
        case RunEvent.NodePreview x -> {
          if (streamText && mainNode.equals(x.nodeId()) && x.value() instanceof TextAsset t) {
            stream(t.text());
          }
        }
        case RunEvent.NodeLog x -> {
          if (x.level() == RunEvent.NodeLog.Level.WARNING) {
            err.println("warning: " + x.message());
          } else if (env.verbose()) {
            err.println("log: " + x.message());
          }
        }
        case RunEvent.NodeFailed x ->
            err.println(
                "error: "
                    + (mainNode.equals(x.nodeId()) ? "" : x.nodeId() + ": ")
                    + x.message()
                    + (x.hint() == null
                        ? ""
                        : (x.message().endsWith(".") ? " " : ". ") + "Fix: " + x.hint()));
        case RunEvent.NodeCancelled x -> {
          if (mainNode.equals(x.nodeId())) {
            err.println("cancelled");
          }
        }
        default -> {}
      }
      out.flush();
      err.flush();
    }

    /** Prints what a preview adds to the text printed so far. */
    private void stream(String text) {
      if (text.startsWith(printed)) {
        out.print(text.substring(printed.length()));
        printed = text;
      }
    }

    synchronized void finish(RunResult result) {
      Optional<NodeOutcome> main = result.node(mainNode).filter(NodeOutcome::succeeded);
      if (streamText && main.isPresent() && main.get().outputs().containsKey("text")) {
        String text = ((TextAsset) main.get().output("text")).text();
        if (text.startsWith(printed)) {
          out.print(text.substring(printed.length()));
        } else {
          out.print((printed.isEmpty() ? "" : System.lineSeparator()) + text);
        }
        printed = text;
      }
      if (!printed.isEmpty() && !printed.endsWith("\n")) {
        out.println();
      }
      out.flush();
    }
  }
}
