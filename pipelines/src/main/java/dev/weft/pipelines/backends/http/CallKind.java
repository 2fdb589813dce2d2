package dev.weft.pipelines.backends.http;

/** What a call does on the server, which decides whether it may be sent twice. */
public enum CallKind {
  /** Reads only (poll, list, download): any failure may be retried. */
  READ,
  /** Generates an answer but leaves nothing behind (chat): retried after transport failures. */
  GENERATE,
  /**
   * Creates a remote task: once the request may have reached the server it is never sent again, so
   * a dropped connection cannot start (and bill) a second task.
   */
  CREATE_TASK
}
