package dev.weft.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import dev.weft.pipelines.testing.nodes.WaitNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeftCliTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Services services = Services.NONE;

  private int weft(Interrupts interrupts, String... args) {
    return WeftCli.execute(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        v -> {},
        () ->
            new WeftContext(
                PlatformDirs.under(dir.resolve("home")),
                TestCatalog.withTestNodes(),
                services,
                new Lanes(Lanes.Config.forThisMachine())),
        interrupts);
  }

  private int weft(String... args) {
    return weft(Interrupts.none(), args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path write(Graph g) throws IOException {
    Path file = dir.resolve("p.weft.json");
    new PipelineFormat().write(g, file);
    return file;
  }

  @Test
  void aSuccessfulRunExitsZeroAndShowsEachNode() throws IOException {
    Path p =
        write(
            Graphs.create()
                .node("a", "test.echo", "suffix", "hello")
                .node("b", "test.echo", "suffix", "!")
                .edge("a.out", "b.in")
                .build());
    assertThat(weft("run", p.toString())).isEqualTo(ExitCodes.OK);
    assertThat(stdout())
        .contains("done      a")
        .contains("done      b")
        .contains("out: hello!")
        .contains("2 ran");
  }

  @Test
  void aFailedNodeExitsOne() throws IOException {
    Path p = write(Graphs.create().node("bad", "test.fail").build());
    assertThat(weft("run", p.toString())).isEqualTo(ExitCodes.NODE_FAILED);
    assertThat(stdout()).contains("FAILED    bad: asked to fail");
  }

  @Test
  void anInvalidPipelineExitsTwoListingEveryProblem() throws IOException {
    Path p = write(Graphs.create().node("a", "no.such").node("j", "text.join").build());
    assertThat(weft("run", p.toString())).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("unknown node type \"no.such\"").contains("\"texts\"");
  }

  @Test
  void unknownOptionsExitTwo() {
    assertThat(weft("run", "--frobnicate")).isEqualTo(ExitCodes.INVALID);
    assertThat(weft("teleport")).isEqualTo(ExitCodes.INVALID);
  }

  @Test
  void setOverridesAParameterForOneRun() throws IOException {
    Path p = write(Graphs.create().node("a", "test.echo", "suffix", "x").build());
    assertThat(weft("run", p.toString(), "--set", "a.suffix=overridden")).isEqualTo(ExitCodes.OK);
    assertThat(stdout()).contains("out: overridden");
    assertThat(new PipelineFormat().read(p).graph().node("a").orElseThrow().params().get("suffix"))
        .contains("x");
  }

  @Test
  void aBadSetExitsTwoAndSaysWhy() throws IOException {
    Path p = write(Graphs.create().node("a", "test.echo").build());
    assertThat(weft("run", p.toString(), "--set", "a.count=eleven")).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("--set a.count=eleven").contains("not a whole number");
    assertThat(weft("run", p.toString(), "--set", "zz.count=1")).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("no node \"zz\"");
  }

  @Test
  void jsonPrintsOneEventPerLine() throws IOException {
    Path p = write(Graphs.create().node("a", "test.echo", "suffix", "hi").build());
    assertThat(weft("run", "--json", p.toString())).isEqualTo(ExitCodes.OK);
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : stdout().strip().split("\n")) {
      events.add(m.readTree(line));
    }
    assertThat(events.getFirst().path("event").asText()).isEqualTo("run.started");
    assertThat(events.getLast().path("event").asText()).isEqualTo("run.finished");
    assertThat(events.getLast().path("status").asText()).isEqualTo("succeeded");
    JsonNode finished =
        events.stream()
            .filter(e -> e.path("event").asText().equals("node.finished"))
            .findFirst()
            .orElseThrow();
    assertThat(finished.path("node").asText()).isEqualTo("a");
    assertThat(finished.path("outputs").path("out").path("text").asText()).isEqualTo("hi");
  }

  @Test
  void validateExitsZeroForValidAndTwoForInvalid() throws IOException {
    Path good = write(Graphs.create().node("a", "test.echo").build());
    assertThat(weft("validate", good.toString())).isEqualTo(ExitCodes.OK);
    assertThat(stdout()).contains("valid");
    Path bad = write(Graphs.create().node("a", "test.echo", "count", 42).build());
    assertThat(weft("validate", bad.toString())).isEqualTo(ExitCodes.INVALID);
    assertThat(stdout()).contains("between 0 and 10");
  }

  @Test
  void validateOfAMissingFileExitsTwo() {
    assertThat(weft("validate", dir.resolve("none.weft.json").toString()))
        .isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("does not exist");
  }

  @Test
  void ctrlCCancelsTheRunAndExits130() throws IOException {
    Path p = write(Graphs.create().node("w", "test.wait", "millis", 60_000).build());
    WaitNode.Rendezvous started = new WaitNode.Rendezvous(1);
    services = Services.builder().put(WaitNode.Rendezvous.class, started).build();
    Interrupts afterStart =
        action -> {
          Thread t =
              Thread.ofPlatform()
                  .daemon()
                  .start(() -> {
                    try {
                      if (started.firstStarted().await(20, TimeUnit.SECONDS)) {
                        action.run();
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
          return t::interrupt;
        };
    assertThat(weft(afterStart, "run", p.toString())).isEqualTo(ExitCodes.CANCELLED);
    assertThat(stdout()).contains("cancelled w").contains("Cancelled");
  }

  @Test
  void nodesListsTheCatalogAsTextAndJson() throws IOException {
    assertThat(weft("nodes")).isEqualTo(ExitCodes.OK);
    assertThat(stdout()).contains("text.template").contains("in   texts: LIST<TEXT>");
    out.reset();
    assertThat(weft("nodes", "--json")).isEqualTo(ExitCodes.OK);
    JsonNode all = new ObjectMapper().readTree(stdout());
    assertThat(all.isArray()).isTrue();
    assertThat(all.findValuesAsText("id")).contains("text.join", "output.save");
  }

  @Test
  void cacheClearMakesTheNextRunExecuteEverything() throws IOException {
    Path p = write(Graphs.create().node("a", "test.echo").build());
    assertThat(weft("run", p.toString())).isEqualTo(ExitCodes.OK);
    out.reset();
    assertThat(weft("cache", "info", dir.toString())).isEqualTo(ExitCodes.OK);
    assertThat(stdout()).contains("1 cached results");
    assertThat(weft("cache", "clear", p.toString())).isEqualTo(ExitCodes.OK);
    out.reset();
    assertThat(weft("run", p.toString())).isEqualTo(ExitCodes.OK);
    assertThat(stdout()).contains("1 ran, 0 cached");
  }

  @Test
  void versionPrintsTheVersion() {
    assertThat(weft("--version")).isEqualTo(ExitCodes.OK);
    assertThat(stdout()).startsWith("Weft Studio ");
  }

  @Test
  void offlineAndNoCacheAreAccepted() throws IOException {
    Path p = write(Graphs.create().node("a", "test.echo").build());
    assertThat(
            weft(
                "run",
                "--offline",
                "--no-cache",
                "--out",
                dir.resolve("o").toString(),
                p.toString()))
        .isEqualTo(ExitCodes.OK);
    assertThat(Files.exists(dir.resolve(".weft/cache"))).isTrue();
  }
}
