package dev.weft.pipelines.testing.nodes;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpecs;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test node that waits: for a number of milliseconds, or (with a {@link Rendezvous} service) until
 * all parties have arrived, which proves they ran at the same time. Honours cancellation.
 */
public final class WaitNode implements NodeType {
  public static final String ID = "test.wait";
  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Wait")
          .category("Test")
          .input(Port.optional("in", PortType.TEXT))
          .output(Port.of("out", PortType.TEXT))
          .param(ParamSpecs.integer("millis", "Milliseconds", 0, 0, 600_000))
          .param(ParamSpecs.choice("lane", "Lane", "network", "network", "cpu", "io", "gpu"))
          .param(ParamSpecs.bool("rendezvous", "Meet the others", false))
          .param(ParamSpecs.bool("ignoreCancel", "Ignore cancel", false))
          .lane(Lane.NETWORK)
          .build();

  /** Lets tests see when waiting nodes have started, and hold them until all are there. */
  public static final class Rendezvous {
    private final CountDownLatch arrived;
    private final CountDownLatch started;

    public Rendezvous(int parties) {
      this.arrived = new CountDownLatch(parties);
      this.started = new CountDownLatch(1);
    }

    public CountDownLatch firstStarted() {
      return started;
    }

    void arrive(long timeoutMillis) throws InterruptedException {
      started.countDown();
      arrived.countDown();
      if (!arrived.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "only "
                + (arrived.getCount())
                + " parties short: the waits did not run at the same time");
      }
    }
  }

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Lane lane(Params params) {
    return Lane.valueOf(
        String.valueOf(params.get("lane").orElse("network")).toUpperCase(java.util.Locale.ROOT));
  }

  @Override
  public void execute(NodeContext context) throws InterruptedException {
    long millis = context.integer("millis");
    context.services().find(ExecutionLog.class).ifPresent(l -> l.record(context.node().id()));
    if (context.bool("rendezvous")) {
      context.services().get(Rendezvous.class).arrive(Math.max(millis, 1));
    } else {
      context.services().find(Rendezvous.class).ifPresent(r -> r.started.countDown());
      long end = System.nanoTime() + millis * 1_000_000;
      while (System.nanoTime() < end) {
        if (!context.bool("ignoreCancel")) {
          context.cancellation().throwIfCancelled();
          Thread.sleep(Math.min(5, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        } else {
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            // deliberately ignores cancel
          }
        }
        context.progress(1 - (end - System.nanoTime()) / (millis * 1e6), "waiting");
      }
    }
    String in = context.optionalInput("in", TextAsset.class).map(TextAsset::text).orElse("");
    context.output("out", TextAsset.of(in + "+" + context.node().id()));
  }
}
