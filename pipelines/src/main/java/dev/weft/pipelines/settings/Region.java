package dev.weft.pipelines.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The DashScope (Model Studio) regions with public hosts. A key, a model and an endpoint must all
 * belong to the same region; cross-region calls fail with an invalid-key error.
 */
public enum Region {
  BEIJING("beijing", "China (Beijing)", "https://dashscope.aliyuncs.com"),
  SINGAPORE("singapore", "Singapore (international)", "https://dashscope-intl.aliyuncs.com"),
  US("us", "US (Virginia)", "https://dashscope-us.aliyuncs.com");

  private final String id;
  private final String label;
  private final String host;

  Region(String id, String label, String host) {
    this.id = id;
    this.label = label;
    this.host = host;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /** The region's public host, scheme included, without a path. */
  public String host() {
    return host;
  }

  /** The region for an id ("beijing", "singapore", "us"; case-insensitive). */
  @JsonCreator
  public static Region of(String id) {
    for (Region r : values()) {
      if (r.id.equalsIgnoreCase(id) || r.name().equalsIgnoreCase(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown region \""
            + id
            + "\"; known: "
            + Arrays.stream(values()).map(Region::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
