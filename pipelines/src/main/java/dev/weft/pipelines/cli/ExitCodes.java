package dev.weft.pipelines.cli;

/** What `weft` exits with. */
public final class ExitCodes {
  /** Everything succeeded. */
  public static final int OK = 0;

  /** A node failed (independent branches still ran). */
  public static final int NODE_FAILED = 1;

  /** The pipeline is invalid or the arguments are wrong. */
  public static final int INVALID = 2;

  /** The run was cancelled (Ctrl-C). */
  public static final int CANCELLED = 130;

  private ExitCodes() {}
}
