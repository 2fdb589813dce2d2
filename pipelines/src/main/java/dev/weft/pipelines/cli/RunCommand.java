package dev.weft.pipelines.cli;

import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunListener;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunRequest;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.graph.BackendPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft run}: runs a pipeline and reports each node. */
@Command(
    name = "run",
    description =
        "Runs a pipeline. Exit status: 0 done, 1 a node failed, 2 invalid pipeline or arguments, 130 cancelled.",
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The *.weft.json file to run.")
  Path pipeline;

  @Option(
      names = "--set",
      paramLabel = "NODE.PARAM=VALUE",
      description = "Sets a parameter for this run (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where save nodes write (default: outputs/ beside the pipeline).")
  Path out;

  @Option(names = "--offline", description = "Make no network call at all.")
  boolean offline;

  @Option(names = "--json", description = "Print one JSON event per line instead of text.")
  boolean json;

  @Option(names = "--no-cache", description = "Run every node, ignoring cached results.")
  boolean noCache;

  @Option(
      names = "--backend",
      paramLabel = "auto|local|cloud",
      description = "Where model nodes run (overrides the pipeline's setting).")
  String backend;

  @Option(
      names = "--up-to",
      paramLabel = "NODE",
      description = "Run only this node and what it depends on (repeatable).")
  List<String> upTo = new ArrayList<>();

  RunCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    WeftContext context = env.context();
    ParsedPipeline parsed = PipelineArgs.load(context, pipeline, sets);
    RunOptions options = RunOptions.DEFAULT.withOffline(offline);
    if (noCache) {
      options = options.withoutCache();
    }
    if (backend != null) {
      try {
        options = options.withBackend(BackendPolicy.parse(backend));
      } catch (IllegalArgumentException e) {
        throw InvalidPipelineException.of(
            Problem.error(
                "args.backend",
                e.getMessage(),
                dev.weft.pipelines.Location.of("--backend"),
                "use auto, local or cloud"));
      }
    }
    if (!upTo.isEmpty()) {
      options = options.upTo(new HashSet<>(upTo));
    }
    Project project = context.engine().project(parsed.baseDir());
    String pipelineJson = Files.readString(pipeline);
    RunRequest request =
        new RunRequest(
            parsed,
            project,
            out == null ? project.defaultOutputDir() : out,
            options,
            Optional.of(pipelineJson));

    JsonEvents jsonOut = new JsonEvents(env.out());
    for (Problem p : context.engine().validate(parsed, offline)) {
      if (!p.isError()) {
        if (json) {
          jsonOut.problem(p);
        } else {
          env.err().println(p.describe());
        }
      }
    }
    EventPrinter printer = new EventPrinter(env.out(), parsed.graph(), env.verbose());
    RunListener listener = json ? jsonOut::event : printer::event;
    RunHandle handle;
    try {
      handle = context.engine().start(request, listener);
    } catch (InvalidPipelineException e) {
      if (json) {
        e.problems().forEach(jsonOut::problem);
        return ExitCodes.INVALID;
      }
      throw e;
    }
    Optional<RunResult> ended = CtrlC.await(env, handle, new AtomicBoolean());
    if (ended.isEmpty()) {
      return ExitCodes.CANCELLED;
    }
    RunResult result = ended.get();
    if (result.status() == RunStatus.CANCELLED) {
      return ExitCodes.CANCELLED;
    }
    return result.status() == RunStatus.SUCCEEDED ? ExitCodes.OK : ExitCodes.NODE_FAILED;
  }
}
