package dev.weft.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.testing.StudioFixture;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.image.ImageFiles;
import dev.weft.pipelines.cli.Interrupts;
import dev.weft.pipelines.cli.WeftCli;
import dev.weft.pipelines.format.Examples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `weft screenshot` renders the editor to a PNG with no window. */
class ScreenshotCommandTest {
  @TempDir Path dir;

  /** TestFX owns the toolkit in this JVM; the command finds it running and uses it. */
  @org.junit.jupiter.api.BeforeAll
  static void toolkit() throws Exception {
    org.testfx.api.FxToolkit.registerPrimaryStage();
  }

  private int run(StudioFixture f, ByteArrayOutputStream err, String... args) {
    return WeftCli.execute(
        args,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        v -> {},
        () -> f.context,
        Interrupts.none());
  }

  @Test
  void writesAPngOfTheRequestedSizeShowingThePipeline() throws Exception {
    Path pipeline = dir.resolve("p.weft.json");
    Files.writeString(pipeline, Examples.load("prompt-builder.weft.json").json());
    Path out = dir.resolve("shot.png");
    try (StudioFixture f = new StudioFixture(dir)) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          run(f, err, "screenshot", pipeline.toString(), out.toString(), "--size", "800x600");
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }
    ImageAsset img = ImageFiles.read(out);
    assertThat(img.width()).isEqualTo(800);
    assertThat(img.height()).isEqualTo(600);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.height(); y += 7) {
      for (int x = 0; x < img.width(); x += 7) {
        colours.add(img.argb(x, y));
      }
    }
    assertThat(colours).as("a drawn window, not a blank picture").hasSizeGreaterThan(50);
  }

  @Test
  void refusesAMalformedSize() throws Exception {
    Path pipeline = dir.resolve("p.weft.json");
    Files.writeString(pipeline, Examples.load("prompt-builder.weft.json").json());
    try (StudioFixture f = new StudioFixture(dir)) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          run(
              f,
              err,
              "screenshot",
              pipeline.toString(),
              dir.resolve("x.png").toString(),
              "--size",
              "big");
      assertThat(code).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("--size must look like 1440x900");
    }
  }

  @Test
  void refusesToSelectANodeThePipelineDoesNotHaveAndListsTheOnesItHas() throws Exception {
    Path pipeline = dir.resolve("p.weft.json");
    Files.writeString(pipeline, Examples.load("prompt-builder.weft.json").json());
    Path out = dir.resolve("none.png");
    try (StudioFixture f = new StudioFixture(dir)) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = run(f, err, "screenshot", pipeline.toString(), out.toString(), "--select", "nope");
      assertThat(code).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("no node \"nope\"")
          .contains("subject")
          .doesNotContain("internal error");
    }
    assertThat(out).doesNotExist();
  }
}
