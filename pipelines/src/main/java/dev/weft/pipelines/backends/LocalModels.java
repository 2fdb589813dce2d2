package dev.weft.pipelines.backends;

/**
 * What the backend resolver asks about this machine: for a model family (the catalog's {@code
 * family}, e.g. {@code vision}) and task, which local runner would run which installed model. The
 * composition root offers one through {@link dev.weft.pipelines.nodes.Services}; without one, every
 * family reports none ({@link #NONE}), so families that have no local runner need no code here.
 */
@FunctionalInterface
public interface LocalModels {

  /** Reports no local runner for any family. */
  LocalModels NONE =
      (family, task) ->
          LocalOption.none(
              "Weft has no local runner for " + family + " models in this build", null);

  /**
   * The local option for a family and task (task null: any task of the family). Must not touch the
   * network; it is asked while a pipeline is checked.
   */
  LocalOption find(String family, String task);
}
