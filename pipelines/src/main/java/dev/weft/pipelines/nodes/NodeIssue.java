package dev.weft.pipelines.nodes;

/**
 * A problem a node type finds with one of its nodes before a run: which parameter or port (may be
 * null), what is wrong, how to fix it, and whether it only warrants a warning.
 */
public record NodeIssue(String param, String port, String message, String hint, boolean warning) {

  public static NodeIssue error(String param, String message, String hint) {
    return new NodeIssue(param, null, message, hint, false);
  }

  public static NodeIssue warning(String param, String message, String hint) {
    return new NodeIssue(param, null, message, hint, true);
  }
}
