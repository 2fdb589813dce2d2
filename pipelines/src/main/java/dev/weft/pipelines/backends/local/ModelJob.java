package dev.weft.pipelines.backends.local;

import dev.weft.assets.Provenance;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One request for a local model, as it crosses to the worker: which runner and model, the task,
 * inputs as asset-store hashes (never tensors), options, the store's folder, and the provenance the
 * outputs get.
 */
public record ModelJob(
    ModelRef model,
    String task,
    Map<String, String> inputs,
    Map<String, Object> options,
    Path storeRoot,
    Provenance provenance) {

  public ModelJob {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(storeRoot, "storeRoot");
    inputs = Map.copyOf(inputs);
    options = Map.copyOf(options);
  }

  /** A model on disk: the runner that loads it, its catalog id, folder and files. */
  public record ModelRef(String runner, String modelId, Path folder, Map<String, Path> files) {
    public ModelRef {
      Objects.requireNonNull(runner, "runner");
      Objects.requireNonNull(modelId, "modelId");
      files = Map.copyOf(files);
    }

    /** Identifies a loaded model in the host: the same files load once. */
    public String key() {
      return runner + ":" + modelId + ":" + folder + ":" + new java.util.TreeMap<>(files);
    }
  }

  public String input(String name) {
    String h = inputs.get(name);
    if (h == null) {
      throw new IllegalArgumentException(
          "the job has no input '" + name + "' (it has " + inputs.keySet() + ")");
    }
    return h;
  }

  public double doubleOption(String name, double fallback) {
    Object v = options.get(name);
    return v instanceof Number n ? n.doubleValue() : fallback;
  }

  public int intOption(String name, int fallback) {
    Object v = options.get(name);
    return v instanceof Number n ? n.intValue() : fallback;
  }
}
