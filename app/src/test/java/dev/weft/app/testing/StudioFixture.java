package dev.weft.app.testing;

import dev.weft.app.studio.Studio;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.SettingsStore;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import java.nio.file.Path;

/** A studio over temporary folders with the product's node types plus the test ones. */
public final class StudioFixture implements AutoCloseable {
  public final Path root;
  public final WeftContext context;
  public final Studio studio;

  public StudioFixture(Path root) {
    this.root = root;
    PlatformDirs dirs = PlatformDirs.under(root.resolve("weft-home"));
    this.context =
        new WeftContext(
            dirs,
            TestCatalog.withTestNodes(),
            Services.builder()
                .put(PlatformDirs.class, dirs)
                .put(SettingsStore.class, SettingsStore.in(dirs))
                .build(),
            new Lanes(Lanes.Config.forThisMachine()));
    this.studio = Studio.over(context, () -> Studio.offlineLibrary(dirs));
  }

  @Override
  public void close() {
    studio.close();
    context.close();
  }
}
