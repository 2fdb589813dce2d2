package dev.weft.pipelines.nodes;

import dev.weft.pipelines.graph.Port;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a node type declares about itself: id and version, how it is shown (name, category,
 * description, search keywords), its ports and parameters, the lane it runs on, and whether its
 * results may be cached.
 */
public record NodeSpec(
    String id,
    int version,
    String displayName,
    String category,
    String description,
    List<Port> inputs,
    List<Port> outputs,
    List<ParamSpec> params,
    Lane lane,
    boolean alwaysRun,
    List<String> keywords) {

  public NodeSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(lane, "lane");
    if (version < 1) {
      throw new IllegalArgumentException("node type " + id + ": version must be >= 1");
    }
    category = category == null ? "Other" : category;
    description = description == null ? "" : description;
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    params = List.copyOf(params);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    requireUnique(id, "input", inputs.stream().map(Port::name).toList());
    requireUnique(id, "output", outputs.stream().map(Port::name).toList());
    requireUnique(id, "parameter", params.stream().map(ParamSpec::name).toList());
  }

  private static void requireUnique(String id, String what, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException(
            "node type " + id + " declares " + what + " " + n + " twice");
      }
    }
  }

  public static Builder builder(String id, String displayName) {
    return new Builder(id, displayName);
  }

  public Optional<Port> input(String name) {
    return inputs.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<Port> output(String name) {
    return outputs.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<ParamSpec> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Builds a spec step by step; version 1, the CPU lane and caching unless told otherwise. */
  public static final class Builder {
    private final String id;
    private final String displayName;
    private int version = 1;
    private String category = "Other";
    private String description = "";
    private final java.util.ArrayList<Port> inputs = new java.util.ArrayList<>();
    private final java.util.ArrayList<Port> outputs = new java.util.ArrayList<>();
    private final java.util.ArrayList<ParamSpec> params = new java.util.ArrayList<>();
    private Lane lane = Lane.CPU;
    private boolean alwaysRun;
    private List<String> keywords = List.of();

    private Builder(String id, String displayName) {
      this.id = id;
      this.displayName = displayName;
    }

    public Builder version(int v) {
      this.version = v;
      return this;
    }

    public Builder category(String c) {
      this.category = c;
      return this;
    }

    public Builder description(String d) {
      this.description = d;
      return this;
    }

    public Builder input(Port p) {
      inputs.add(p);
      return this;
    }

    public Builder output(Port p) {
      outputs.add(p);
      return this;
    }

    public Builder param(ParamSpec p) {
      params.add(p);
      return this;
    }

    public Builder lane(Lane l) {
      this.lane = l;
      return this;
    }

    /** The node runs on every run, even when nothing it depends on changed. */
    public Builder alwaysRun() {
      this.alwaysRun = true;
      return this;
    }

    public Builder keywords(String... words) {
      this.keywords = List.of(words);
      return this;
    }

    public NodeSpec build() {
      return new NodeSpec(
          id,
          version,
          displayName,
          category,
          description,
          inputs,
          outputs,
          params,
          lane,
          alwaysRun,
          keywords);
    }
  }
}
