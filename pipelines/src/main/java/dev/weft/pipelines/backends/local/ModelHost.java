package dev.weft.pipelines.backends.local;

import dev.weft.assets.store.FileAssetStore;
import dev.weft.nativelibs.onnx.OrtRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs model jobs on runners found through ServiceLoader and keeps models loaded between runs,
 * within a memory budget: loading past the budget unloads the least recently used idle models, and
 * {@link #unloadIdle()} drops models unused for longer than the idle time. The worker process hosts
 * one; tests use one in-process.
 */
public final class ModelHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelHost.class);

  private final Map<String, ModelRunner> runners;
  private final RunnerServices services;
  private final long budgetBytes;
  private final Duration idle;
  private final LongSupplier clock;
  private final Map<String, Loaded> loaded = new LinkedHashMap<>();
  private final Map<String, ModelRunner.LoadedModel> running = new ConcurrentHashMap<>();
  private final Map<java.nio.file.Path, FileAssetStore> stores = new ConcurrentHashMap<>();

  private static final class Loaded {
    final String key;
    final ModelRunner.LoadedModel model;
    final ReentrantLock lock = new ReentrantLock();
    long lastUsed;
    int users;

    Loaded(String key, ModelRunner.LoadedModel model) {
      this.key = key;
      this.model = model;
    }
  }

  /**
   * The host as Weft runs it: every runner on the class path, ONNX Runtime for those that want it,
   * the system clock.
   *
   * @param budgetBytes how much loaded models may hold (0: no budget)
   * @param idle how long an unused model stays loaded
   */
  public static ModelHost standard(long budgetBytes, Duration idle) {
    return new ModelHost(
        discoverRunners(),
        new RunnerServices(OrtRuntime::create),
        budgetBytes,
        idle,
        System::nanoTime);
  }

  public ModelHost(
      List<ModelRunner> runners,
      RunnerServices services,
      long budgetBytes,
      Duration idle,
      LongSupplier nanoClock) {
    Map<String, ModelRunner> m = new LinkedHashMap<>();
    for (ModelRunner r : runners) {
      if (m.putIfAbsent(r.id(), r) != null) {
        throw new IllegalStateException("two model runners claim the id '" + r.id() + "'");
      }
    }
    this.runners = m;
    this.services = services;
    this.budgetBytes = budgetBytes;
    this.idle = idle;
    this.clock = nanoClock;
  }

  /** Every runner on the class path. */
  public static List<ModelRunner> discoverRunners() {
    List<ModelRunner> out = new ArrayList<>();
    ServiceLoader.load(ModelRunner.class).forEach(out::add);
    return out;
  }

  public List<String> runnerIds() {
    return List.copyOf(runners.keySet());
  }

  /**
   * Runs a job: loads its model unless loaded, then runs. {@code jobId} names the run for {@link
   * #terminate(String)}.
   */
  public Map<String, String> run(
      String jobId, ModelJob job, BooleanSupplier cancelled, DoubleConsumer progress)
      throws Exception {
    ModelRunner runner = runners.get(job.model().runner());
    if (runner == null) {
      throw new IllegalArgumentException(
          "no model runner '"
              + job.model().runner()
              + "' is installed (known: "
              + String.join(", ", runners.keySet())
              + ")");
    }
    Loaded l = acquire(runner, job.model());
    try {
      l.lock.lock();
      try {
        running.put(jobId, l.model);
        FileAssetStore store = stores.computeIfAbsent(job.storeRoot(), FileAssetStore::new);
        return l.model.run(job, new RunContext(store, cancelled, progress));
      } finally {
        running.remove(jobId);
        l.lock.unlock();
      }
    } finally {
      release(l);
    }
  }

  /** Asks the run with this id to stop. */
  public void terminate(String jobId) {
    ModelRunner.LoadedModel m = running.get(jobId);
    if (m != null) {
      m.terminate();
    }
  }

  private Loaded acquire(ModelRunner runner, ModelJob.ModelRef ref) throws Exception {
    String key = ref.key();
    synchronized (loaded) {
      Loaded l = loaded.get(key);
      if (l != null) {
        l.users++;
        l.lastUsed = clock.getAsLong();
        return l;
      }
    }
    // load outside the lock: loading can take seconds
    long t0 = System.nanoTime();
    ModelRunner.LoadedModel m = runner.load(ref, services);
    LOG.info(
        "loaded {} with {} in {} ms",
        ref.modelId(),
        runner.id(),
        (System.nanoTime() - t0) / 1_000_000);
    synchronized (loaded) {
      Loaded existing = loaded.get(key);
      if (existing != null) {
        m.close(); // another caller loaded it meanwhile
        existing.users++;
        existing.lastUsed = clock.getAsLong();
        return existing;
      }
      Loaded l = new Loaded(key, m);
      l.users = 1;
      l.lastUsed = clock.getAsLong();
      loaded.put(key, l);
      evictOverBudget();
      return l;
    }
  }

  private void release(Loaded l) {
    synchronized (loaded) {
      l.users--;
      l.lastUsed = clock.getAsLong();
      evictOverBudget();
    }
  }

  private void evictOverBudget() {
    if (budgetBytes <= 0) {
      return;
    }
    long used = loaded.values().stream().mapToLong(x -> x.model.memoryBytes()).sum();
    List<Loaded> idleOnes =
        loaded.values().stream()
            .filter(x -> x.users == 0)
            .sorted(Comparator.comparingLong(x -> x.lastUsed))
            .toList();
    for (Loaded x : idleOnes) {
      if (used <= budgetBytes) {
        break;
      }
      LOG.info("unloading {} to stay within the memory budget", x.key);
      loaded.remove(x.key);
      used -= x.model.memoryBytes();
      x.model.close();
    }
  }

  /** Unloads models not used for longer than the idle time; returns how many. */
  public int unloadIdle() {
    long now = clock.getAsLong();
    int n = 0;
    synchronized (loaded) {
      for (Loaded x : List.copyOf(loaded.values())) {
        if (x.users == 0 && now - x.lastUsed >= idle.toNanos()) {
          LOG.info("unloading {}: idle for {} s", x.key, (now - x.lastUsed) / 1_000_000_000L);
          loaded.remove(x.key);
          x.model.close();
          n++;
        }
      }
    }
    return n;
  }

  public int loadedCount() {
    synchronized (loaded) {
      return loaded.size();
    }
  }

  @Override
  public void close() {
    synchronized (loaded) {
      for (Loaded x : loaded.values()) {
        x.model.close();
      }
      loaded.clear();
    }
    services.close();
  }
}
