package dev.weft.pipelines.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The DashScope services Weft calls, each of which may be sent to its own workspace host. */
public enum DashScopeService {
  VISION("vision"),
  VIDEO("video"),
  OMNI("omni"),
  ASR("asr");

  private final String id;

  DashScopeService(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static DashScopeService of(String id) {
    for (DashScopeService s : values()) {
      if (s.id.equalsIgnoreCase(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown DashScope service \"" + id + "\"; known: vision, video, omni, asr");
  }
}
