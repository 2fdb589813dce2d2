package dev.weft.pipelines.backends;

import dev.weft.pipelines.nodes.ParamSpec;

/** The parameters every chat node (Look, Talk) offers the same way. */
public final class ChatParams {
  /** The most pixels sent per image unless a node says otherwise (about one megapixel). */
  public static final long DEFAULT_PIXEL_BUDGET = 1024L * 1024;

  private ChatParams() {}

  /** The model id; blank takes the default from the settings, or the endpoint's first model. */
  public static ParamSpec.ModelParam model(String family, String task) {
    return new ParamSpec.ModelParam(
        "model",
        "Model",
        "The model id; empty: the default from Settings (DashScope) or the endpoint's first"
            + " model.",
        "",
        family,
        task,
        true);
  }

  public static ParamSpec.IntParam maxTokens() {
    return new ParamSpec.IntParam(
        "max_tokens",
        "Max tokens",
        "The longest answer in tokens; 0: the model's default.",
        0,
        0,
        131_072,
        64,
        false);
  }

  public static ParamSpec.FloatParam temperature() {
    return new ParamSpec.FloatParam(
        "temperature",
        "Temperature",
        "Higher is more varied, lower more focused.",
        0.7,
        0,
        2,
        0.05,
        false);
  }

  /** The pixel budget per image; larger images are scaled down, keeping their aspect ratio. */
  public static ParamSpec.IntParam pixelBudget() {
    return new ParamSpec.IntParam(
        "pixel_budget",
        "Pixel budget",
        "The most pixels sent per image; larger images are scaled down, keeping their aspect"
            + " ratio.",
        DEFAULT_PIXEL_BUDGET,
        56L * 56,
        16_777_216,
        65_536,
        false);
  }
}
