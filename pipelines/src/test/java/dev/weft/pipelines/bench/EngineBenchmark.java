package dev.weft.pipelines.bench;

import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.testing.EngineRig;
import dev.weft.pipelines.testing.Graphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The engine's benchmarks (issue "Foundation"): validation and planning at 100, 1,000 and 10,000
 * nodes, scheduler overhead per node, eight independent network waits, and the re-run after one
 * parameter change. Prints figures; asserts nothing. Run with {@code ./mvnw -q -Pbench-engine -pl
 * pipelines -am verify -DskipTests}.
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s, %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
    validateAndPlan();
    schedulerOverhead();
    eightNetworkWaits();
    rerunAfterOneChange();
  }

  /** A layered graph: chains of echo nodes, with a join every 10 chains. */
  static Graph layered(int nodes) {
    Graphs g = Graphs.create();
    int chains = Math.max(1, nodes / 100);
    int perChain = nodes / chains;
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < perChain; i++) {
        g.node("n" + c + "_" + i, "test.echo", "suffix", Integer.toString(i % 7));
        if (i > 0) {
          g.edge("n" + c + "_" + (i - 1) + ".out", "n" + c + "_" + i + ".in");
        }
      }
    }
    return g.build();
  }

  private static void validateAndPlan() throws Exception {
    System.out.println();
    System.out.println(
        "validate, then plan a validated graph (layered chains of echo nodes; median of 15 after JIT warm-up)");
    System.out.println("nodes    validate ms   plan ms (empty cache)   plan ms (all cached)");
    for (int n : new int[] {100, 1_000, 10_000}) {
      Path dir = Files.createTempDirectory("weft-bench-plan");
      try (EngineRig rig = new EngineRig(dir)) {
        Graph g = layered(n);
        var request = rig.request(g, RunOptions.DEFAULT);
        ParsedPipeline parsed = request.pipeline();
        int warm = n <= 1_000 ? 200 : 20;
        double validate = median(15, warm, () -> rig.engine().validate(parsed, false));
        var planner = rig.engine().planner();
        var project = request.project();
        double planCold = median(15, warm, () -> planner.plan(g, project, RunOptions.DEFAULT, dir));
        rig.run(g);
        double planWarm = median(15, warm, () -> planner.plan(g, project, RunOptions.DEFAULT, dir));
        System.out.printf(
            Locale.ROOT, "%6d   %11.2f   %21.2f   %20.2f%n", n, validate, planCold, planWarm);
      }
    }
  }

  private static void schedulerOverhead() throws Exception {
    System.out.println();
    System.out.println(
        "scheduler overhead: 10,000 nodes, cache off, median of 5 runs after 2 warm-ups");
    for (String shape : new String[] {"independent", "chain"}) {
      Graphs g = Graphs.create();
      for (int i = 0; i < 10_000; i++) {
        g.node("n" + i, "test.noop", "n", i);
      }
      Graph graph = shape.equals("chain") ? chainOfNoops(10_000) : g.build();
      Path dir = Files.createTempDirectory("weft-bench-sched");
      try (EngineRig rig = new EngineRig(dir)) {
        double ms =
            median(
                5,
                2,
                () -> {
                  try {
                    return rig.run(graph, RunOptions.DEFAULT.withoutCache());
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        System.out.printf(
            Locale.ROOT,
            "  %-12s %8.1f ms total, %6.1f µs per node (events included)%n",
            shape,
            ms,
            ms * 1000 / 10_000);
      }
    }
  }

  /** A chain needs outputs, so it is made of 0 ms wait nodes (each stores a small text). */
  private static Graph chainOfNoops(int n) {
    Graphs g = Graphs.create();
    for (int i = 0; i < n; i++) {
      g.node("n" + i, "test.wait", "millis", 0, "lane", "cpu");
      if (i > 0) {
        g.edge("n" + (i - 1) + ".out", "n" + i + ".in");
      }
    }
    return g.build();
  }

  private static void eightNetworkWaits() throws Exception {
    System.out.println();
    System.out.println(
        "8 independent nodes that each wait 500 ms on the network lane (median of 5)");
    Graphs g = Graphs.create();
    for (int i = 0; i < 8; i++) {
      g.node("w" + i, "test.wait", "millis", 500, "lane", "network");
    }
    Graph graph = g.build();
    Path dir = Files.createTempDirectory("weft-bench-wait");
    try (EngineRig rig = new EngineRig(dir)) {
      double ms =
          median(
              5,
              1,
              () -> {
                try {
                  return rig.run(graph, RunOptions.DEFAULT.withoutCache());
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      System.out.printf(
          Locale.ROOT, "  wall %.1f ms = %.3f x the longest wait (500 ms)%n", ms, ms / 500);
    }
  }

  private static void rerunAfterOneChange() throws Exception {
    System.out.println();
    System.out.println(
        "re-run after one parameter change in a 1,000-node graph (10 chains of 100; node 50 of chain 3 changes)");
    Graph g = layered(1_000);
    Path dir = Files.createTempDirectory("weft-bench-rerun");
    try (EngineRig rig = new EngineRig(dir)) {
      long t0 = System.nanoTime();
      rig.run(g);
      double first = (System.nanoTime() - t0) / 1e6;
      List<Double> times = new ArrayList<>();
      int executed = 0;
      for (int k = 0; k < 7; k++) {
        Graph edited =
            g.updateNode("n3_50", n -> n.withParam("suffix", "changed" + System.nanoTime()));
        long t = System.nanoTime();
        RunResult r = rig.run(edited);
        times.add((System.nanoTime() - t) / 1e6);
        executed = rig.log.executed().size();
        if (r.status() != dev.weft.pipelines.engine.RunStatus.SUCCEEDED) {
          throw new IllegalStateException("run failed");
        }
      }
      times.sort(Double::compare);
      System.out.printf(
          Locale.ROOT,
          "  first full run %.1f ms; re-run median %.1f ms; nodes executed in the re-run: %d of 1000 (the changed node and its 49 dependants)%n",
          first,
          times.get(times.size() / 2),
          executed);
    }
  }

  private static double median(int runs, int warmups, Supplier<?> work) {
    for (int i = 0; i < warmups; i++) {
      work.get();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      work.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }
}
