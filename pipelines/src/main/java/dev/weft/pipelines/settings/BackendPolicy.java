package dev.weft.pipelines.settings;

/** Which kind of backend a node may use. */
public enum BackendPolicy {
  /** Local when a runner exists and its model is installed, else the cloud when configured. */
  AUTO("auto"),
  /** Only a local runner. */
  LOCAL("local"),
  /** Only a cloud or server endpoint. */
  CLOUD("cloud");

  private final String id;

  BackendPolicy(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static BackendPolicy of(String id) {
    for (BackendPolicy p : values()) {
      if (p.id.equalsIgnoreCase(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown backend policy \"" + id + "\"; known: auto, local, cloud");
  }
}
