package dev.weft.pipelines.testing.protocol;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the protocol test server on its own, for trying the studio by hand without a cloud account.
 * Arguments: {@code [--port N] [--task-seconds S] [--vllm-omni-streams]}. Prints the settings to
 * point Weft at it.
 */
public final class ProtocolTestServerMain {
  private ProtocolTestServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8765;
    double taskSeconds = 20;
    boolean omniStreams = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--task-seconds" -> taskSeconds = Double.parseDouble(args[++i]);
        case "--vllm-omni-streams" -> omniStreams = true;
        case "--help", "-h" -> {
          System.out.println(
              "usage: protocol-test-server [--port N] [--task-seconds S] [--vllm-omni-streams]");
          return;
        }
        default -> {
          System.err.println("unknown argument " + args[i] + " (try --help)");
          System.exit(2);
        }
      }
    }
    long ms = Math.round(taskSeconds * 1000);
    ProtocolTestServer server =
        ProtocolTestServer.start(port)
            .defaultTask(
                TaskScript.succeedsAfter(Duration.ofMillis(ms / 5), Duration.ofMillis(ms - ms / 5)))
            // streams visibly, as a service does (about 20 KB/s), still cut at odd sizes
            .defaultChat(
                ChatScript.defaults().withSplits(97, 211, 64, 389).withPause(Duration.ofMillis(10)))
            .vllmOmniStreams(omniStreams);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              server.close();
              stop.countDown();
            }));
    System.out.println("Weft protocol test server on " + server.baseUrl());
    System.out.println("  DashScope:        DASHSCOPE_BASE_URL=" + server.baseUrl());
    System.out.println("  DashScope key:    DASHSCOPE_API_KEY=" + ProtocolTestServer.KEY);
    System.out.println("  OpenAI-compatible endpoint (type openai/vllm): " + server.openAiBase());
    System.out.println("  vLLM-Omni endpoint (type vllm-omni):           " + server.vllmOmniBase());
    System.out.println("  video tasks take " + taskSeconds + " s. Ctrl-C stops.");
    stop.await();
  }
}
