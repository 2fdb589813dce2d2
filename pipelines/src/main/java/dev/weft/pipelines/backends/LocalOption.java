package dev.weft.pipelines.backends;

/**
 * What {@link LocalModels} found for a family on this machine: a runner and an installed model, or
 * why there is none and how to get one.
 *
 * @param runner the catalog's {@code runner} id (null when there is none)
 * @param modelId the catalog id of the installed model (null when there is none)
 * @param reason why no local model can run, e.g. "the model qwen2.5-vl-3b is not installed"
 * @param hint how to fix it, e.g. "weft models pull qwen2.5-vl-3b" (may be null)
 */
public record LocalOption(String runner, String modelId, String reason, String hint) {

  public static LocalOption of(String runner, String modelId) {
    return new LocalOption(runner, modelId, null, null);
  }

  public static LocalOption none(String reason, String hint) {
    return new LocalOption(null, null, reason, hint);
  }

  public boolean available() {
    return runner != null && modelId != null;
  }
}
