package dev.weft.pipelines.backends;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;

/** The {@link BackendResolver}'s answer: a backend to use, or why none may be used. */
public sealed interface Resolution {

  /** The backend to use. */
  record Chosen(BackendChoice choice) implements Resolution {}

  /**
   * No backend may be used.
   *
   * @param param the node parameter to point at ({@code backend} or {@code endpoint})
   * @param offline whether the Offline switch is what stands in the way
   */
  record Unavailable(String param, String message, String hint, boolean offline)
      implements Resolution {

    /** The error to throw at a node, located at its parameter. */
    public WeftException toException(Location node) {
      return new WeftException(message, node.withParam(param), hint, null);
    }
  }

  /** The choice, or the unavailability as an error at {@code node}. */
  default BackendChoice orThrow(Location node) {
    return switch (this) {
      case Chosen c -> c.choice();
      case Unavailable u -> throw u.toException(node);
    };
  }
}
