package dev.weft.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.assets.Provenance;
import dev.weft.assets.TextAsset;
import dev.weft.assets.store.FileAssetStore;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int weft(String... args) {
    return WeftCli.execute(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        v -> {},
        () ->
            new WeftContext(
                PlatformDirs.under(dir.resolve("home")),
                TestCatalog.withTestNodes(),
                Services.NONE,
                new Lanes(Lanes.Config.forThisMachine())),
        dev.weft.pipelines.cli.Interrupts.none());
  }

  @Test
  void gcRemovesAssetsNoCachedResultUsesAndKeepsTheRest() throws Exception {
    Path p = dir.resolve("p.weft.json");
    new PipelineFormat().write(Graphs.create().node("a", "test.echo", "suffix", "kept").build(), p);
    assertThat(weft("run", p.toString())).isEqualTo(ExitCodes.OK);
    FileAssetStore store = Project.at(dir).store();
    TextAsset orphan = TextAsset.of("nobody needs me");
    store.put(orphan, Provenance.external("test"));

    assertThat(weft("store", "gc", dir.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);

    assertThat(store.contains(orphan.hash())).isFalse();
    assertThat(store.contains(TextAsset.of("kept").hash())).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("removed 1 unreferenced");
    // the cached result still serves the next run
    out.reset();
    assertThat(weft("run", p.toString())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("cached");
  }

  @Test
  void aSizeBudgetEvictsAndForgetsTheResultsThatLostTheirAssets() throws Exception {
    Path p = dir.resolve("p.weft.json");
    new PipelineFormat()
        .write(Graphs.create().node("a", "test.echo", "suffix", "x".repeat(5000)).build(), p);
    assertThat(weft("run", p.toString())).isEqualTo(ExitCodes.OK);
    assertThat(weft("store", "gc", dir.toString(), "--max-size", "1K")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 cached results will run again");
    assertThat(Project.at(dir).store().sizeBytes()).isLessThanOrEqualTo(1024);
  }

  @Test
  void aFolderThatIsNoProjectIsRefused() {
    assertThat(weft("store", "gc", dir.resolve("nothing").toString())).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a Weft project");
  }

  @Test
  void sizesAreReadWithUnits() {
    assertThat(StoreCommand.parseSize("500M")).isEqualTo(500L << 20);
    assertThat(StoreCommand.parseSize("2G")).isEqualTo(2L << 30);
    assertThat(StoreCommand.parseSize("1.5k")).isEqualTo(1536L);
    assertThat(StoreCommand.parseSize("lots")).isNull();
  }
}
