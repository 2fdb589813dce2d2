package dev.weft.pipelines;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.nodes.Services;

/**
 * Adds services (settings, secret store, model registry, backend clients...) to the composition
 * root. Found through {@link java.util.ServiceLoader}, so a model family or backend brings its
 * services without edits elsewhere. Contributors run in ascending {@link #order()}, each seeing
 * what earlier ones added.
 */
public interface ServiceContributor {

  /** Smaller runs first; settings and secrets use 100, registries 200, clients 300. */
  default int order() {
    return 500;
  }

  void contribute(Services.Builder services, Services soFar, PlatformDirs dirs);
}
