package dev.weft.pipelines.graph;

import java.util.Locale;

/**
 * Where model nodes run: on this machine when the model is installed and fits, else in the cloud
 * when configured (AUTO); only locally; or only in the cloud. The global Offline switch is a run
 * option on top of this.
 */
public enum BackendPolicy {
  AUTO,
  LOCAL,
  CLOUD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BackendPolicy parse(String text) {
    for (BackendPolicy p : values()) {
      if (p.id().equalsIgnoreCase(text.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown backend policy '" + text + "' (known: auto, local, cloud)");
  }
}
