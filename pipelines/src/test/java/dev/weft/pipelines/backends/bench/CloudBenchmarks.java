package dev.weft.pipelines.backends.bench;

import dev.weft.pipelines.backends.dashscope.AsyncTaskClient;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.dashscope.TaskListener;
import dev.weft.pipelines.backends.dashscope.WanRequest;
import dev.weft.pipelines.backends.dashscope.WanResult;
import dev.weft.pipelines.backends.dashscope.WanVideoClient;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.HttpOptions;
import dev.weft.pipelines.backends.http.RetryPolicy;
import dev.weft.pipelines.backends.http.Sleeper;
import dev.weft.pipelines.backends.http.SseParser;
import dev.weft.pipelines.backends.openai.ChatListener;
import dev.weft.pipelines.backends.openai.ChatMessage;
import dev.weft.pipelines.backends.openai.ChatRequest;
import dev.weft.pipelines.backends.openai.OpenAiChatClient;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.models.video.MakeVideoNode;
import dev.weft.pipelines.settings.SettingsStore;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.protocol.ChatScript;
import dev.weft.pipelines.testing.protocol.CloudEngineRig;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import dev.weft.pipelines.testing.protocol.TaskScript;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints the cloud figures kept in docs/benchmarks.md. Run with {@code scripts/pipelines-test-main
 * dev.weft.pipelines.backends.bench.CloudBenchmarks [sse] [wan] [engine] [calls]}.
 */
public final class CloudBenchmarks {
  private CloudBenchmarks() {}

  public static void main(String[] args) throws Exception {
    List<String> sections =
        args.length == 0 ? List.of("sse", "wan", "engine", "calls") : List.of(args);
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    if (sections.contains("sse")) {
      sse();
    }
    if (sections.contains("wan")) {
      wan();
    }
    if (sections.contains("engine")) {
      engine();
    }
    if (sections.contains("calls")) {
      calls();
    }
  }

  /**
   * Make-video nodes through the engine: one node alone, then three on independent branches of one
   * pipeline, on the network lane, against tasks that take 3 s, with the SDK's poll cadence and the
   * MP4 downloaded, probed and stored. Three runs of each, each in a fresh project (no cache).
   */
  static void engine() throws Exception {
    for (int count : new int[] {1, 3}) {
      for (int run = 1; run <= 3; run++) {
        Path project = Files.createTempDirectory("weft-engine-bench");
        try (CloudEngineRig rig = new CloudEngineRig(project, Sleeper.real(), PollCadence.sdk())) {
          rig.server()
              .defaultTask(
                  TaskScript.succeedsAfter(Duration.ofMillis(500), Duration.ofMillis(2500)));
          Graphs g = Graphs.create();
          for (int i = 0; i < count; i++) {
            g.node("make" + i, MakeVideoNode.ID, "prompt", "branch " + i + ": a fox in the snow");
          }
          long t0 = System.nanoTime();
          RunResult r = rig.engine.run(g.build());
          double s = (System.nanoTime() - t0) / 1e9;
          if (r.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("the benchmark run failed: " + rig.engine.events);
          }
          System.out.printf(
              Locale.ROOT,
              "engine: %d Make-video node(s) of a 3.0 s task each, network lane, run %d: %.2f s wall"
                  + " (%d tasks created)%n",
              count,
              run,
              s,
              rig.server().tasksCreated());
        }
      }
    }
  }

  /** Parses 64 MiB of chat-completion chunk events fed in 4 KiB reads. */
  static void sse() {
    String event =
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3-vl-plus\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"你好, world \"},\"finish_reason\":null}]}\n\n";
    byte[] one = event.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < 64 << 20) {
      out.writeBytes(one);
    }
    byte[] stream = out.toByteArray();
    for (int run = 1; run <= 5; run++) {
      LongAdder events = new LongAdder();
      SseParser p = new SseParser(e -> events.increment());
      long t0 = System.nanoTime();
      for (int off = 0; off < stream.length; off += 4096) {
        p.feed(stream, off, Math.min(4096, stream.length - off));
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "sse run %d: %.1f MiB in %.3f s = %.0f MiB/s, %.2f M events/s%n",
          run,
          stream.length / 1048576.0,
          s,
          stream.length / 1048576.0 / s,
          events.sum() / s / 1e6);
    }
  }

  /** One Wan task, then three at once on virtual threads, against tasks that take 3 s. */
  static void wan() throws Exception {
    try (CloudTestKit kit =
        new CloudTestKit(ProtocolTestServer.start(), HttpOptions.defaults(), Sleeper.real())) {
      kit.server.defaultTask(
          TaskScript.succeedsAfter(Duration.ofMillis(500), Duration.ofMillis(2500)));
      AsyncTaskClient tasks =
          new AsyncTaskClient(
              kit.dashScope(),
              Sleeper.real(),
              PollCadence.sdk(),
              RetryPolicy.standard(),
              new SplittableRandom(1));
      WanVideoClient wan = new WanVideoClient(tasks, SettingsStore.defaultModels().video());
      Path dir = Files.createTempDirectory("weft-wan-bench");
      for (int count : new int[] {1, 3}) {
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          int n = i;
          threads.add(
              Thread.ofVirtual()
                  .start(() -> {
                    String id =
                        wan.submit(
                            WanRequest.textToVideo("wan2.5-t2v-preview", "branch " + n),
                            CancelSignal.none());
                    WanResult r =
                        wan.await(
                            id, Duration.ofMinutes(1), TaskListener.none(), CancelSignal.none());
                    wan.download(r, dir.resolve(id + ".mp4"), b -> {}, CancelSignal.none());
                  }));
        }
        for (Thread t : threads) {
          t.join();
        }
        System.out.printf(
            Locale.ROOT,
            "wan: %d task(s) of 3.0 s each (SDK poll cadence, download included): %.2f s wall%n",
            count,
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  /** Sequential whole and streamed chat calls on loopback: the client's per-call cost. */
  static void calls() {
    try (CloudTestKit kit = new CloudTestKit()) {
      kit.server.defaultChat(ChatScript.text("ok").withSplits(65536));
      OpenAiChatClient chat = kit.compatChat();
      ChatRequest req = ChatRequest.of("qwen3-vl-plus", List.of(ChatMessage.user("ping")));
      for (String mode : new String[] {"whole", "streamed"}) {
        for (int i = 0; i < 200; i++) {
          run(chat, req, mode);
        }
        long[] ns = new long[1000];
        for (int i = 0; i < ns.length; i++) {
          long t0 = System.nanoTime();
          run(chat, req, mode);
          ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf(
            Locale.ROOT,
            "calls %s: 1000 sequential on loopback, median %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
            mode,
            ns[500] / 1e6,
            ns[950] / 1e6,
            ns[990] / 1e6);
      }
    }
  }

  private static void run(OpenAiChatClient chat, ChatRequest req, String mode) {
    if (mode.equals("whole")) {
      chat.complete(req, CancelSignal.none());
    } else {
      chat.stream(req, ChatListener.none(), CancelSignal.none());
    }
  }
}
