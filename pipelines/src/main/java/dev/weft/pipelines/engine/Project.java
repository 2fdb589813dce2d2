package dev.weft.pipelines.engine;

import dev.weft.assets.store.FileAssetStore;
import java.nio.file.Path;

/**
 * A project folder: pipelines, the asset store and result cache under {@code .weft/}, and the
 * {@code outputs/} folder that save nodes write to by default.
 */
public final class Project implements AutoCloseable {
  private final Path root;
  private final FileAssetStore store;
  private final ResultCache cache;

  private Project(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.store = new FileAssetStore(this.root.resolve(".weft").resolve("store"));
    this.cache = new ResultCache(this.root.resolve(".weft").resolve("cache"));
  }

  /**
   * A project over this folder. Long-lived callers use {@link Engine#project(Path)}, which keeps
   * one instance per folder so the cache index is read once.
   */
  public static Project at(Path root) {
    return new Project(root);
  }

  public Path root() {
    return root;
  }

  public FileAssetStore store() {
    return store;
  }

  public ResultCache cache() {
    return cache;
  }

  public Path defaultOutputDir() {
    return root.resolve("outputs");
  }

  @Override
  public void close() throws java.io.IOException {
    cache.close();
  }
}
