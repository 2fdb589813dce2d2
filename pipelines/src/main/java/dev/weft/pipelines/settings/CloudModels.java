package dev.weft.pipelines.settings;

import java.util.Objects;

/** Every model id and request shape the cloud nodes offer, read from configuration. */
public record CloudModels(
    FamilyModels vision, OmniModels omni, VideoModels video, FamilyModels asr) {
  public CloudModels {
    Objects.requireNonNull(vision, "vision");
    Objects.requireNonNull(omni, "omni");
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(asr, "asr");
  }
}
