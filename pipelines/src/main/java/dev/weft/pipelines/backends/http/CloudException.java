package dev.weft.pipelines.backends.http;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;

/**
 * A cloud or server call that failed in a way a person can act on: what the service said (status,
 * code, request id) and a hint per kind of failure. Its message never holds a secret.
 */
public class CloudException extends WeftException {

  /** What kind of failure it was; decides retries and the hint. */
  public enum Kind {
    /** The key is wrong, missing, or from another region. */
    AUTH,
    /** Too many requests for now. */
    THROTTLED,
    /** A quota is used up. */
    QUOTA,
    /** The account is overdue. */
    BILLING,
    /** Content moderation blocked the input or the output. */
    MODERATED,
    /** The request was refused as malformed or with a bad parameter. */
    BAD_REQUEST,
    /** The server failed internally. */
    SERVER,
    /** The server was unavailable or a gateway timed out. */
    UNAVAILABLE,
    /** The connection failed, dropped or timed out. */
    TRANSPORT,
    /** The server answered with something the client cannot read. */
    PROTOCOL,
    /** A remote task ended as FAILED. */
    TASK_FAILED,
    /** A remote task is unknown to the service (expired or never existed). */
    TASK_UNKNOWN,
    /** A remote task was cancelled on the service's side. */
    TASK_CANCELED,
    /** Waiting for a remote task took longer than allowed. */
    TIMEOUT,
    /** The network is forbidden by the offline switch. */
    OFFLINE
  }

  private final Kind kind;
  private final String service;
  private final int status;
  private final String code;
  private final String requestId;

  public CloudException(
      Kind kind,
      String service,
      int status,
      String code,
      String requestId,
      String message,
      String hint,
      Throwable cause) {
    super(message, Location.of(service), hint, cause);
    this.kind = kind;
    this.service = service;
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }

  public Kind kind() {
    return kind;
  }

  public String service() {
    return service;
  }

  /** The HTTP status, or 0 when there was no response. */
  public int status() {
    return status;
  }

  /** The service's error code (e.g. {@code Throttling.RateQuota}), or null. */
  public String code() {
    return code;
  }

  /** The service's request id, for support tickets, or null. */
  public String requestId() {
    return requestId;
  }

  /** The standard hint for a kind of failure. */
  public static String hintFor(Kind kind) {
    return switch (kind) {
      case AUTH ->
          "check the API key in Settings > Cloud; a DashScope key works only in the region it was"
              + " made for, so check the region too";
      case THROTTLED -> "wait a little and run again, or lower how many calls run at once";
      case QUOTA ->
          "the free or paid quota for this model is used up; check the console or pick"
              + " another model";
      case BILLING -> "the cloud account is overdue; top it up in the provider's console";
      case MODERATED ->
          "the content was blocked by the provider's moderation; change the prompt"
              + " or the input media";
      case BAD_REQUEST -> "check the node's parameters against what the model accepts";
      case SERVER, UNAVAILABLE -> "the service had a problem; run again later";
      case TRANSPORT -> "check the network connection and the endpoint URL";
      case PROTOCOL -> "check that the endpoint URL points at the right kind of server";
      case TASK_FAILED -> "read the service's message; change the inputs and run again";
      case TASK_UNKNOWN ->
          "the task id is unknown to the service (task ids expire after 24 hours); run again";
      case TASK_CANCELED -> "the task was cancelled; run again to start a new one";
      case TIMEOUT -> "the task is still running on the service; run again later to resume it";
      case OFFLINE ->
          "turn Offline off, or use a local model or a server on this machine (localhost)";
    };
  }
}
