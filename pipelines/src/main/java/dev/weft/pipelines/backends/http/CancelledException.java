package dev.weft.pipelines.backends.http;

/** Thrown when a cloud call stops because its {@link CancelSignal} fired. */
public class CancelledException extends RuntimeException {
  public CancelledException(String message) {
    super(message);
  }
}
