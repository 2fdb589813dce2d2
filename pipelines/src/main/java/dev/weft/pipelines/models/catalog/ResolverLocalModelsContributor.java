package dev.weft.pipelines.models.catalog;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.ServiceContributor;
import dev.weft.pipelines.backends.LocalModels;
import dev.weft.pipelines.backends.local.ModelHost;
import dev.weft.pipelines.backends.local.ModelRunner;
import dev.weft.pipelines.nodes.Services;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Offers the backend resolver ({@link LocalModels}) the catalog's models together with the runners
 * the model worker has (the same class path, so the same runners). Runners are looked up on first
 * use, so building the studio stays quick.
 */
public final class ResolverLocalModelsContributor implements ServiceContributor {

  @Override
  public int order() {
    return 400; // after the model library (200) and the model executor (300)
  }

  @Override
  public void contribute(Services.Builder services, Services soFar, PlatformDirs dirs) {
    if (soFar.find(LocalModels.class).isPresent()) {
      return;
    }
    soFar
        .find(ModelLibrary.class)
        .ifPresent(
            library -> services.put(LocalModels.class, of(library, ModelHost::discoverRunners)));
  }

  /** The local options of {@code library} with the runners {@code runners} gives. */
  static LocalModels of(ModelLibrary library, Supplier<? extends Iterable<ModelRunner>> runners) {
    Supplier<Set<String>> ids =
        new Supplier<>() {
          private volatile Set<String> known;

          @Override
          public Set<String> get() {
            Set<String> k = known;
            if (k == null) {
              java.util.stream.Stream.Builder<String> b = java.util.stream.Stream.builder();
              runners.get().forEach(r -> b.add(r.id()));
              k = b.build().collect(Collectors.toUnmodifiableSet());
              known = k;
            }
            return k;
          }
        };
    return new CatalogLocalModels(library, id -> ids.get().contains(id));
  }
}
