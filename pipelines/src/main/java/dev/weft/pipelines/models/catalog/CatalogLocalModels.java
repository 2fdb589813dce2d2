package dev.weft.pipelines.models.catalog;

import dev.weft.pipelines.backends.LocalModels;
import dev.weft.pipelines.backends.LocalOption;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend resolver's {@link LocalModels} from the model catalog and the runners this build has
 * (the model manager offers it once its runner registry is known): a family has a local option when
 * a catalog entry of that family (and task) names a runner that exists, and the first such entry in
 * catalog order that is installed wins.
 */
public final class CatalogLocalModels implements LocalModels {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogLocalModels.class);

  private final ModelLibrary library;
  private final Predicate<String> runnerExists;

  /**
   * @param runnerExists whether a runner with a catalog {@code runner} id is available (the model
   *     worker's runner registry)
   */
  public CatalogLocalModels(ModelLibrary library, Predicate<String> runnerExists) {
    this.library = library;
    this.runnerExists = runnerExists;
  }

  @Override
  public LocalOption find(String family, String task) {
    List<CatalogEntry> runnable =
        library.catalog().entries().stream()
            .filter(e -> family.equals(e.family()))
            .filter(e -> task == null || task.equals(e.task()))
            .filter(e -> e.runner() != null && runnerExists.test(e.runner()))
            .toList();
    if (runnable.isEmpty()) {
      return LocalOption.none(
          "Weft has no local runner for " + family + " models in this build", null);
    }
    for (CatalogEntry e : runnable) {
      try {
        ModelStatus s = library.status(e.id());
        if (s.isInstalled()) {
          return LocalOption.of(e.runner(), e.id());
        }
      } catch (IOException ex) {
        LOG.warn("cannot tell whether model {} is installed: {}", e.id(), ex.getMessage());
      }
    }
    String first = runnable.getFirst().id();
    return LocalOption.none(
        "the local model " + first + " is not installed",
        library.offline()
            ? "Weft is offline: fetch it on a machine with network and copy it over, or `weft models add-folder`"
            : "download it in Models, or run `weft models pull " + first + "`");
  }
}
