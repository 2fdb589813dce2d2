package dev.weft.pipelines.models.catalog;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.ServiceContributor;
import dev.weft.pipelines.nodes.Services;

/** Adds the model manager ({@link ModelLibrary}) to the composition root. */
public final class ModelLibraryContributor implements ServiceContributor {
  @Override
  public int order() {
    return 200;
  }

  @Override
  public void contribute(Services.Builder services, Services soFar, PlatformDirs dirs) {
    services.put(ModelLibrary.class, ModelLibrary.standard(dirs, System.getenv(), false));
  }
}
