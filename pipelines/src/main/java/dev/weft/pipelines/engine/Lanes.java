package dev.weft.pipelines.engine;

import dev.weft.pipelines.nodes.Lane;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's worker lanes, shared by all runs: a CPU pool sized to the cores, a GPU pool with one
 * job per device (the CPU lane serves when there is no GPU), the network on virtual threads (many
 * calls in flight, bounded), and a small I/O pool.
 */
public final class Lanes implements AutoCloseable {

  /** Lane sizes. */
  public record Config(
      int cpuThreads, int ioThreads, int networkConcurrency, int gpuDevices, int jobsPerGpu) {
    public Config {
      if (cpuThreads < 1
          || ioThreads < 1
          || networkConcurrency < 1
          || gpuDevices < 0
          || jobsPerGpu < 1) {
        throw new IllegalArgumentException("bad lane sizes: " + this);
      }
    }

    /** CPU sized to the cores, 4 I/O threads, 256 network calls, no GPU. */
    public static Config forThisMachine() {
      return new Config(Math.max(1, Runtime.getRuntime().availableProcessors()), 4, 256, 0, 1);
    }

    public Config withGpus(int devices, int jobsEach) {
      return new Config(cpuThreads, ioThreads, networkConcurrency, devices, jobsEach);
    }
  }

  private final Config config;
  private final ExecutorService cpu;
  private final ExecutorService io;
  private final ExecutorService gpu;
  private final ExecutorService network;
  private final Semaphore networkSlots;

  public Lanes(Config config) {
    this.config = config;
    this.cpu = Executors.newFixedThreadPool(config.cpuThreads(), daemon("weft-cpu-"));
    this.io = Executors.newFixedThreadPool(config.ioThreads(), daemon("weft-io-"));
    this.gpu =
        config.gpuDevices() > 0
            ? Executors.newFixedThreadPool(
                config.gpuDevices() * config.jobsPerGpu(), daemon("weft-gpu-"))
            : cpu;
    this.network =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("weft-net-", 0).factory());
    this.networkSlots = new Semaphore(config.networkConcurrency());
  }

  public Config config() {
    return config;
  }

  /** The lane that actually serves {@code lane} on this machine (GPU work without a GPU: CPU). */
  public Lane effective(Lane lane) {
    return lane == Lane.GPU && config.gpuDevices() == 0 ? Lane.CPU : lane;
  }

  Future<?> submit(Lane lane, Runnable task) {
    return switch (effective(lane)) {
      case CPU -> cpu.submit(task);
      case IO -> io.submit(task);
      case GPU -> gpu.submit(task);
      case NETWORK ->
          network.submit(() -> {
            try {
              networkSlots.acquire();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              task.run(); // the task sees the cancelled run and reports it
              return;
            }
            try {
              task.run();
            } finally {
              networkSlots.release();
            }
          });
    };
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    for (ExecutorService e : new ExecutorService[] {cpu, io, gpu, network}) {
      e.shutdownNow();
    }
    try {
      cpu.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
