package dev.weft.pipelines.settings;

import java.util.List;
import java.util.Objects;

/**
 * The model ids offered for one family on the cloud, with the one used when a node names none.
 * Alibaba renames models often, so these are configuration, never constants in code.
 */
public record FamilyModels(String defaultModel, List<String> models) {
  public FamilyModels {
    Objects.requireNonNull(defaultModel, "defaultModel");
    models = models == null || models.isEmpty() ? List.of(defaultModel) : List.copyOf(models);
  }
}
