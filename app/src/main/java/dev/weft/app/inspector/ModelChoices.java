package dev.weft.app.inspector;

import java.util.List;

/** Where the model picker's list comes from (the model library, read off the UI thread). */
@FunctionalInterface
public interface ModelChoices {
  ModelChoices NONE = (family, task) -> List.of();

  /** The models for a family and task (either may be blank: any). */
  List<ModelChoice> choices(String family, String task);
}
