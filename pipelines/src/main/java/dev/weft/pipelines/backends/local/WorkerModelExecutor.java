package dev.weft.pipelines.backends.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs model jobs in a supervised child JVM on the same Java runtime and class path. A native crash
 * or an out-of-memory there fails the jobs in flight with a message that says so; the next job
 * starts a fresh worker. Cancel asks the runner to stop and kills the worker when the job has not
 * ended within the grace period (2 s).
 */
public final class WorkerModelExecutor implements ModelExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerModelExecutor.class);
  private static final int STDERR_LINES = 40;

  /** How the worker is started. */
  public record Options(
      String maxHeap,
      long memoryBudgetBytes,
      Duration idleUnload,
      Duration cancelGrace,
      Duration startTimeout,
      List<String> extraJvmArgs,
      Path errorFileDir) {
    public static Options defaults(Path tmp) {
      return new Options(
          "2g",
          0,
          Duration.ofMinutes(5),
          Duration.ofSeconds(2),
          Duration.ofSeconds(60),
          List.of(),
          tmp);
    }

    public Options withMaxHeap(String heap) {
      return new Options(
          heap,
          memoryBudgetBytes,
          idleUnload,
          cancelGrace,
          startTimeout,
          extraJvmArgs,
          errorFileDir);
    }
  }

  private final Options options;
  private final Object lock = new Object();
  private Worker worker;
  private final AtomicLong ids = new AtomicLong();
  private int starts;

  public WorkerModelExecutor(Options options) {
    this.options = options;
  }

  /** The worker process in use, started on first use and again after a crash. */
  private final class Worker {
    final Process process;
    final OutputStream in;
    final Map<String, Pending> pending = new ConcurrentHashMap<>();
    final Deque<String> stderr = new ArrayDeque<>();
    final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    volatile boolean dead;

    Worker(Process p) {
      this.process = p;
      this.in = p.getOutputStream();
      Thread.ofVirtual().name("weft-worker-out-" + p.pid()).start(this::readReplies);
      Thread.ofVirtual().name("weft-worker-err-" + p.pid()).start(this::readStderr);
    }

    void readReplies() {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          JsonNode m;
          try {
            m = WorkerProtocol.parse(line);
          } catch (IOException e) {
            // the JVM itself prints some last words (OutOfMemoryError) on standard output
            remember(line);
            continue;
          }
          dispatch(m);
        }
      } catch (IOException e) {
        LOG.debug("model worker output closed: {}", e.getMessage());
      }
      died();
    }

    void dispatch(JsonNode m) {
      String type = m.path("type").asText();
      if (type.equals("ready")) {
        ready.complete(m);
        return;
      }
      Pending p = pending.get(m.path("id").asText());
      if (p == null) {
        return;
      }
      switch (type) {
        case "progress" -> p.progress.accept(m.path("fraction").asDouble());
        case "result" -> {
          Map<String, String> out = new LinkedHashMap<>();
          m.path("outputs").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
          p.result.complete(out);
        }
        case "error" -> {
          if (m.path("cancelled").asBoolean()) {
            p.result.completeExceptionally(new CancellationException(p.label + ": cancelled"));
          } else {
            p.result.completeExceptionally(
                new WeftException(
                    p.label + " failed in the model worker: " + m.path("message").asText(),
                    Location.of("model " + p.modelId),
                    null));
          }
        }
        default -> LOG.debug("model worker sent '{}'", type);
      }
    }

    void readStderr() {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          remember(line);
          LOG.debug("worker {}: {}", process.pid(), line);
        }
      } catch (IOException e) {
        LOG.debug("model worker stderr closed: {}", e.getMessage());
      }
    }

    void remember(String line) {
      synchronized (stderr) {
        stderr.addLast(line);
        if (stderr.size() > STDERR_LINES) {
          stderr.removeFirst();
        }
      }
    }

    void died() {
      dead = true;
      int code;
      try {
        code = process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        code = -1;
      }
      String why = describeExit(code, tail());
      if (!ready.isDone()) {
        ready.completeExceptionally(new IOException("the model worker did not start: " + why));
      }
      for (Pending p : pending.values()) {
        if (p.killedForCancel) {
          p.result.completeExceptionally(
              new CancellationException(
                  p.label
                      + ": cancelled (the worker was stopped because the run did not end in time)"));
        } else {
          p.result.completeExceptionally(
              new WeftException(
                  p.label + " failed: " + why,
                  Location.of("model " + p.modelId),
                  "the worker restarts for the next run; if this keeps happening, try a smaller model variant or the CPU"));
        }
      }
      if (pending.values().stream().anyMatch(p -> p.killedForCancel)) {
        LOG.info("model worker {} was stopped after a cancel", process.pid());
      } else if (!pending.isEmpty()) {
        LOG.warn("model worker {} stopped: {}", process.pid(), why);
      }
    }

    List<String> tail() {
      synchronized (stderr) {
        return new ArrayList<>(stderr);
      }
    }

    void send(JsonNode m) throws IOException {
      WorkerProtocol.write(in, m);
    }
  }

  private static final class Pending {
    final String label;
    final String modelId;
    final DoubleConsumer progress;
    final CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
    volatile boolean killedForCancel;

    Pending(String label, String modelId, DoubleConsumer progress) {
      this.label = label;
      this.modelId = modelId;
      this.progress = progress;
    }
  }

  static String describeExit(int code, List<String> stderr) {
    String joined = String.join("\n", stderr);
    String detail;
    if (code == 3 || joined.contains("OutOfMemoryError")) {
      detail = "the model worker ran out of memory";
    } else if (code > 128 && code < 160) {
      detail = "the model worker crashed (native crash, signal " + signal(code - 128) + ")";
    } else if (code == -1) {
      detail = "the model worker stopped responding";
    } else {
      detail = "the model worker exited unexpectedly with code " + code;
    }
    List<String> useful = stderr.stream().filter(l -> !l.isBlank()).toList();
    if (!useful.isEmpty()) {
      int from = Math.max(0, useful.size() - 6);
      detail += "; its last output: " + String.join(" | ", useful.subList(from, useful.size()));
    }
    return detail;
  }

  private static String signal(int s) {
    return switch (s) {
      case 6 -> "SIGABRT";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      case 7 -> "SIGBUS";
      case 4 -> "SIGILL";
      case 8 -> "SIGFPE";
      case 15 -> "SIGTERM";
      default -> Integer.toString(s);
    };
  }

  private Worker ensureWorker() {
    synchronized (lock) {
      if (worker != null && !worker.dead && worker.process.isAlive()) {
        return worker;
      }
      long t0 = System.nanoTime();
      Worker w;
      try {
        if (options.errorFileDir() != null) {
          java.nio.file.Files.createDirectories(options.errorFileDir());
        }
        w = new Worker(new ProcessBuilder(command()).start());
      } catch (IOException e) {
        throw new WeftException(
            "cannot start the model worker: " + e.getMessage(),
            Location.of("model worker"),
            "check that Java can start processes here",
            e);
      }
      try {
        w.ready.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        w.process.destroyForcibly();
        Throwable c = e instanceof ExecutionException ? e.getCause() : e;
        throw new WeftException(
            "the model worker did not start: " + c.getMessage(),
            Location.of("model worker"),
            "see the log for the worker's output",
            c);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        w.process.destroyForcibly();
        throw new CancellationException("interrupted while starting the model worker");
      }
      starts++;
      LOG.info(
          "model worker {} started in {} ms",
          w.process.pid(),
          (System.nanoTime() - t0) / 1_000_000);
      worker = w;
      return w;
    }
  }

  List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + options.maxHeap());
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-XX:-CreateCoredumpOnCrash");
    if (options.errorFileDir() != null) {
      cmd.add("-XX:ErrorFile=" + options.errorFileDir().resolve("weft-worker-hs_err_%p.log"));
    }
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Dweft.worker.budget=" + options.memoryBudgetBytes());
    cmd.add("-Dweft.worker.idle=" + options.idleUnload().toSeconds());
    for (String p :
        List.of(
            "weft.data.home",
            "ai.djl.offline",
            "DJL_CACHE_DIR",
            "ENGINE_CACHE_DIR",
            "java.io.tmpdir")) {
      String v = System.getProperty(p);
      if (v != null) {
        cmd.add("-D" + p + "=" + v);
      }
    }
    cmd.addAll(options.extraJvmArgs());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WorkerMain.class.getName());
    return cmd;
  }

  @Override
  public Map<String, String> execute(ModelJob job, RunControl control) {
    if (control.isCancelled()) {
      throw new CancellationException(job.model().modelId() + ": cancelled before it started");
    }
    Worker w = ensureWorker();
    String id = Long.toString(ids.incrementAndGet());
    String label = job.model().modelId() + " (" + job.task() + ")";
    Pending p = new Pending(label, job.model().modelId(), control::progress);
    w.pending.put(id, p);
    try {
      ObjectNode run = WorkerProtocol.message("run").put("id", id);
      run.set("job", WorkerProtocol.JSON.valueToTree(job));
      try {
        w.send(run);
      } catch (IOException e) {
        // the worker died between the check and the send; its reader reports why
        w.died();
      }
      control.onCancel(() -> cancel(w, id, p));
      return p.result.get();
    } catch (CancellationException e) {
      // CompletableFuture.get wraps the cancellation it was completed with; hand out the original
      throw e.getCause() instanceof CancellationException original ? original : e;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof CancellationException ce) {
        throw ce;
      }
      if (c instanceof WeftException we) {
        throw we;
      }
      throw new WeftException(
          label + " failed: " + c.getMessage(),
          Location.of("model " + job.model().modelId()),
          null,
          c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(w, id, p);
      throw new CancellationException(label + ": interrupted");
    } finally {
      w.pending.remove(id);
    }
  }

  private void cancel(Worker w, String id, Pending p) {
    try {
      w.send(WorkerProtocol.message("cancel").put("id", id));
    } catch (IOException e) {
      LOG.debug("cannot send cancel to the worker: {}", e.getMessage());
    }
    Thread.ofVirtual()
        .start(() -> {
          try {
            p.result.get(options.cancelGrace().toMillis(), TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            LOG.warn(
                "{} did not stop within {} ms of cancel; killing the model worker",
                p.label,
                options.cancelGrace().toMillis());
            p.killedForCancel = true;
            w.process.destroyForcibly();
          } catch (ExecutionException | CancellationException e) {
            // ended, one way or another
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** The worker's process id, or -1 when none runs. */
  public long pid() {
    synchronized (lock) {
      return worker != null && worker.process.isAlive() ? worker.process.pid() : -1;
    }
  }

  /** How many times a worker was started (1 + restarts). */
  public int starts() {
    synchronized (lock) {
      return starts;
    }
  }

  /** Starts the worker now rather than at the first job. */
  public void warmUp() {
    ensureWorker();
  }

  @Override
  public void close() {
    Worker w;
    synchronized (lock) {
      w = worker;
      worker = null;
    }
    if (w == null || !w.process.isAlive()) {
      return;
    }
    try {
      w.send(WorkerProtocol.message("shutdown"));
      if (!w.process.waitFor(5, TimeUnit.SECONDS)) {
        w.process.destroyForcibly();
      }
    } catch (IOException e) {
      w.process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      w.process.destroyForcibly();
    }
  }
}
