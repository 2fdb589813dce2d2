package dev.weft.pipelines;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline that cannot be read or run; carries every problem found, not just the first. */
public class InvalidPipelineException extends WeftException {
  private final List<Problem> problems;

  public InvalidPipelineException(List<Problem> problems) {
    super(summary(problems), first(problems).location(), first(problems).hint());
    this.problems = List.copyOf(problems);
  }

  public static InvalidPipelineException of(Problem problem) {
    return new InvalidPipelineException(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static Problem first(List<Problem> problems) {
    return problems.stream()
        .filter(Problem::isError)
        .findFirst()
        .orElseGet(() ->
            problems.isEmpty()
                ? Problem.error("unknown", "invalid pipeline", null, null)
                : problems.getFirst());
  }

  private static String summary(List<Problem> problems) {
    long errors = problems.stream().filter(Problem::isError).count();
    if (errors == 1) {
      return first(problems).message();
    }
    return errors
        + " problems: "
        + problems.stream()
            .filter(Problem::isError)
            .limit(3)
            .map(Problem::message)
            .collect(Collectors.joining("; "))
        + (errors > 3 ? "; ..." : "");
  }

  @Override
  public String userMessage() {
    return problems.stream().map(Problem::describe).collect(Collectors.joining("\n"));
  }
}
