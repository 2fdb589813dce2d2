package dev.weft.pipelines.cli;

import dev.weft.pipelines.Problem;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.validate.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft validate}: lists every problem with a pipeline without running it. */
@Command(
    name = "validate",
    description =
        "Checks a pipeline and lists every problem. Exit status: 0 valid (warnings allowed), 2 invalid.",
    mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The *.weft.json file to check.")
  Path pipeline;

  @Option(
      names = "--offline",
      description = "Check as for an offline run (cloud nodes need local models).")
  boolean offline;

  @Option(names = "--json", description = "Print one JSON object per problem.")
  boolean json;

  ValidateCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    WeftContext context = env.context();
    ParsedPipeline parsed = context.format().read(pipeline);
    List<Problem> problems = context.engine().validate(parsed, offline);
    JsonEvents jsonOut = new JsonEvents(env.out());
    for (Problem p : problems) {
      if (json) {
        jsonOut.problem(p);
      } else {
        env.out().println(p.describe());
      }
    }
    boolean invalid = Validator.hasErrors(problems);
    if (!json) {
      long errors = problems.stream().filter(Problem::isError).count();
      long warnings = problems.size() - errors;
      env.out()
          .println(
              invalid
                  ? pipeline
                      + ": "
                      + errors
                      + " error"
                      + (errors == 1 ? "" : "s")
                      + ", "
                      + warnings
                      + " warning"
                      + (warnings == 1 ? "" : "s")
                  : pipeline
                      + ": valid ("
                      + parsed.graph().nodes().size()
                      + " nodes"
                      + (warnings > 0
                          ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                          : "")
                      + ")");
    }
    return invalid ? ExitCodes.INVALID : ExitCodes.OK;
  }
}
