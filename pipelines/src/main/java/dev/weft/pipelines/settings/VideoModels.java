package dev.weft.pipelines.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Wan models offered, each with its request shape, plus the defaults per mode.
 *
 * @param idSuffixes regional suffixes (e.g. {@code -us}) a model id may carry; a suffixed id uses
 *     the shape of the id without it
 * @param taskTimeout how long a video task may take before the node gives up waiting
 */
public record VideoModels(
    String defaultTextToVideo,
    String defaultImageToVideo,
    Map<String, WanModelShape> shapes,
    List<String> idSuffixes,
    Duration taskTimeout) {
  public VideoModels {
    shapes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
    idSuffixes = idSuffixes == null ? List.of() : List.copyOf(idSuffixes);
    taskTimeout = taskTimeout == null ? Duration.ofMinutes(15) : taskTimeout;
  }

  /** The shape for a model id, also for a regional variant of a known id. */
  public Optional<WanModelShape> shape(String model) {
    WanModelShape s = shapes.get(model);
    if (s != null) {
      return Optional.of(s);
    }
    for (String suffix : idSuffixes) {
      if (model.endsWith(suffix)) {
        WanModelShape base = shapes.get(model.substring(0, model.length() - suffix.length()));
        if (base != null) {
          return Optional.of(base);
        }
      }
    }
    return Optional.empty();
  }

  /** The default model for a mode ("t2v" or "i2v"). */
  public String defaultFor(String mode) {
    return WanModelShape.I2V.equals(mode) ? defaultImageToVideo : defaultTextToVideo;
  }
}
