package dev.weft.app.settings;

import dev.weft.pipelines.graph.BackendPolicy;
import java.util.Locale;

/**
 * The toolbar's backend switch: Auto, Local and Cloud set the pipeline's backend policy; Offline
 * runs with the network off limits (local models only).
 */
public enum RunMode {
  AUTO("Auto", "Local when the model is installed and fits, else the cloud"),
  LOCAL("Local", "Only on this machine"),
  CLOUD("Cloud", "Only on the configured cloud endpoints"),
  OFFLINE("Offline", "Never touch the network");

  private final String label;
  private final String help;

  RunMode(String label, String help) {
    this.label = label;
    this.help = help;
  }

  public String label() {
    return label;
  }

  public String help() {
    return help;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean offline() {
    return this == OFFLINE;
  }

  /** The pipeline policy this mode stands for (Offline runs local). */
  public BackendPolicy policy() {
    return switch (this) {
      case AUTO -> BackendPolicy.AUTO;
      case LOCAL, OFFLINE -> BackendPolicy.LOCAL;
      case CLOUD -> BackendPolicy.CLOUD;
    };
  }

  public static RunMode of(BackendPolicy p) {
    return switch (p) {
      case AUTO -> AUTO;
      case LOCAL -> LOCAL;
      case CLOUD -> CLOUD;
    };
  }

  public static RunMode parse(String s) {
    for (RunMode m : values()) {
      if (m.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
        return m;
      }
    }
    return AUTO;
  }

  @Override
  public String toString() {
    return label;
  }
}
