package dev.weft.pipelines.settings;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one Wan video model wants its request (protocol spec A.2 and D): which modes it serves,
 * whether the frame is given as {@code size} ("W*H") or as a {@code resolution} tier (plus an
 * optional {@code ratio}), the durations it allows, and which optional inputs and switches it
 * takes. Kept as data so that a new model id needs a settings entry, not a code change.
 *
 * @param modes "t2v" and/or "i2v"
 * @param frameParam "size" or "resolution"
 * @param durations allowed seconds; -1 means "let the model choose" where allowed
 * @param audioInput whether {@code input.audio_url} is accepted
 * @param audioSwitch the name of a boolean parameter that turns generated audio on, or null
 * @param shotTypes allowed {@code shot_type} values (empty: the parameter is not sent)
 * @param imageField the input field that carries the first-frame image
 * @param maxPromptChars the longest prompt accepted (0: unknown)
 * @param fps the documented frame rate of the output
 * @param typicalSeconds how long a task usually takes, shown as progress
 */
public record WanModelShape(
    String id,
    Set<String> modes,
    String frameParam,
    List<String> sizes,
    String defaultSize,
    List<String> resolutions,
    String defaultResolution,
    List<String> ratios,
    String defaultRatio,
    List<Integer> durations,
    int defaultDuration,
    boolean audioInput,
    String audioSwitch,
    List<String> shotTypes,
    String imageField,
    boolean negativePrompt,
    boolean promptExtend,
    boolean watermark,
    boolean seed,
    int maxPromptChars,
    double fps,
    int typicalSeconds) {
  public static final String T2V = "t2v";
  public static final String I2V = "i2v";

  public WanModelShape {
    Objects.requireNonNull(id, "id");
    modes = Set.copyOf(modes);
    if (modes.isEmpty() || !Set.of(T2V, I2V).containsAll(modes)) {
      throw new IllegalArgumentException(
          "model " + id + ": modes must be \"t2v\" and/or \"i2v\", got " + modes);
    }
    if (!"size".equals(frameParam) && !"resolution".equals(frameParam)) {
      throw new IllegalArgumentException(
          "model " + id + ": frameParam must be \"size\" or \"resolution\", got " + frameParam);
    }
    sizes = sizes == null ? List.of() : List.copyOf(sizes);
    resolutions = resolutions == null ? List.of() : List.copyOf(resolutions);
    ratios = ratios == null ? List.of() : List.copyOf(ratios);
    durations = durations == null ? List.of() : List.copyOf(durations);
    shotTypes = shotTypes == null ? List.of() : List.copyOf(shotTypes);
    imageField = imageField == null ? "img_url" : imageField;
  }

  public boolean serves(String mode) {
    return modes.contains(mode);
  }

  public boolean usesSize() {
    return "size".equals(frameParam);
  }
}
