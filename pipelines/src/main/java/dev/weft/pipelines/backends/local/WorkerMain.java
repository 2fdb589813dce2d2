package dev.weft.pipelines.backends.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model worker process: hosts runners and answers the supervisor over standard input and
 * output. Its logs go to standard error, which the supervisor keeps for crash reports.
 */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws IOException {
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    // anything a library prints must not corrupt the protocol
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    long budget = Long.getLong("weft.worker.budget", 0L);
    Duration idle = Duration.ofSeconds(Long.getLong("weft.worker.idle", 300L));
    Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    try (ModelHost host = ModelHost.standard(budget, idle);
        ScheduledExecutorService janitor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        // Native inference runs on platform threads with a roomy stack: a native call pins a
        // virtual thread's carrier anyway, and ONNX Runtime has overflowed small stacks before.
        var jobs =
            Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("weft-job-", 0).stackSize(16L << 20).factory())) {
      long sweep = Math.max(1, Math.min(30, idle.toSeconds() / 2));
      janitor.scheduleAtFixedRate(host::unloadIdle, sweep, sweep, TimeUnit.SECONDS);
      ObjectNode ready = WorkerProtocol.message("ready");
      ready.put("pid", ProcessHandle.current().pid());
      ready.putPOJO("runners", host.runnerIds());
      WorkerProtocol.write(protocol, ready);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode m = WorkerProtocol.parse(line);
        String type = m.path("type").asText();
        String id = m.path("id").asText();
        switch (type) {
          case "run" -> {
            AtomicBoolean flag = new AtomicBoolean();
            cancelled.put(id, flag);
            ModelJob job = WorkerProtocol.JSON.treeToValue(m.get("job"), ModelJob.class);
            jobs.submit(() -> runJob(host, id, job, flag, protocol, cancelled));
          }
          case "cancel" -> {
            AtomicBoolean flag = cancelled.get(id);
            if (flag != null) {
              flag.set(true);
              host.terminate(id);
            }
          }
          case "shutdown" -> {
            return;
          }
          default -> LOG.warn("worker: unknown message type '{}'", type);
        }
      }
    }
  }

  private static void runJob(
      ModelHost host,
      String id,
      ModelJob job,
      AtomicBoolean flag,
      OutputStream protocol,
      Map<String, AtomicBoolean> cancelled) {
    try {
      Map<String, String> outputs =
          host.run(
              id,
              job,
              flag::get,
              p -> {
                ObjectNode pm = WorkerProtocol.message("progress").put("id", id).put("fraction", p);
                send(protocol, pm);
              });
      ObjectNode r = WorkerProtocol.message("result").put("id", id);
      r.putPOJO("outputs", outputs);
      send(protocol, r);
    } catch (Exception e) {
      ObjectNode err = WorkerProtocol.message("error").put("id", id);
      err.put("cancelled", flag.get() || e instanceof java.util.concurrent.CancellationException);
      err.put("message", String.valueOf(e.getMessage()));
      err.put("exception", e.getClass().getName());
      send(protocol, err);
    } finally {
      cancelled.remove(id);
    }
  }

  private static void send(OutputStream protocol, ObjectNode m) {
    try {
      WorkerProtocol.write(protocol, m);
    } catch (IOException e) {
      // the supervisor is gone; nothing is listening
      LOG.error("worker: cannot reach the supervisor: {}", e.getMessage());
      Runtime.getRuntime().halt(70);
    }
  }
}
