package dev.weft.nativelibs.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's ONNX Runtime environment and the one place sessions are opened. The composition
 * root makes one per process. Opening a session walks the policy's execution providers in order and
 * falls back to the next one, with a log line saying why, because ONNX Runtime itself does not fall
 * back when a provider cannot load.
 */
public final class OrtRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrtRuntime.class);

  private final OrtEnvironment env;
  private final Set<ModelSession> open = ConcurrentHashMap.newKeySet();

  private OrtRuntime(OrtEnvironment env) {
    this.env = env;
  }

  /**
   * Loads ONNX Runtime's native library (once per process) and returns its environment. The
   * environment is made on a thread with a 16 MiB stack: ONNX Runtime 1.29's environment setup
   * overflowed a default 1 MiB Java thread stack (a SIGSEGV with no hs_err file) in JVMs started
   * with a long command line, such as the model worker and the {@code weft} launcher.
   */
  public static OrtRuntime create() {
    OrtEnvironment[] env = new OrtEnvironment[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread t =
        Thread.ofPlatform()
            .name("weft-ort-init")
            .stackSize(16L << 20)
            .start(() -> {
              try {
                env[0] =
                    OrtEnvironment.getEnvironment(
                        OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "weft");
              } catch (RuntimeException | LinkageError e) {
                failure[0] =
                    e instanceof RuntimeException r
                        ? r
                        : new IllegalStateException("ONNX Runtime failed to load: " + e, e);
              }
            });
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading ONNX Runtime", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return new OrtRuntime(env[0]);
  }

  public OrtEnvironment environment() {
    return env;
  }

  public String version() {
    return env.getVersion();
  }

  /** The execution providers compiled into the ONNX Runtime build on the class path. */
  public Set<OrtProvider> availableProviders() {
    EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
    return providers.isEmpty() ? EnumSet.of(OrtProvider.CPU) : providers;
  }

  /** Opens a model file under a policy. */
  public ModelSession open(Path model, SessionPolicy policy) throws ModelLoadException {
    if (!Files.isRegularFile(model)) {
      throw new ModelLoadException(
          model.toString(),
          "no such model file",
          new java.nio.file.NoSuchFileException(model.toString()));
    }
    return open(model.toString(), policy, opts -> env.createSession(model.toString(), opts));
  }

  /** Opens a model held in memory (a model read from a jar, say); {@code name} is for messages. */
  public ModelSession open(String name, byte[] model, SessionPolicy policy)
      throws ModelLoadException {
    return open(name, policy, opts -> env.createSession(model, opts));
  }

  private interface SessionMaker {
    OrtSession make(SessionOptions options) throws OrtException;
  }

  private ModelSession open(String name, SessionPolicy policy, SessionMaker maker)
      throws ModelLoadException {
    Set<OrtProvider> available = availableProviders();
    List<ProviderFallback> fallbacks = new ArrayList<>();
    OrtException last = null;
    List<ExecutionProvider> order = policy.providers();
    for (int i = 0; i < order.size(); i++) {
      ExecutionProvider ep = order.get(i);
      String next = i + 1 < order.size() ? order.get(i + 1).label() : "no provider (none left)";
      if (!available.contains(ep.ortProvider())) {
        String reason = "not in this ONNX Runtime build (it carries " + available + ")";
        fallbacks.add(new ProviderFallback(ep, reason));
        LOG.info(
            "{}: execution provider {} skipped, {}; trying {}", name, ep.label(), reason, next);
        continue;
      }
      try (SessionOptions options = baseOptions(policy)) {
        ep.applyTo(options, policy.gpuDevice());
        OrtSession session = maker.make(options);
        ModelSession ms = new ModelSession(name, session, ep, fallbacks, this::closed);
        open.add(ms);
        LOG.debug("{}: opened on {}", name, ep.label());
        return ms;
      } catch (OrtException e) {
        last = e;
        String reason = e.getMessage();
        fallbacks.add(new ProviderFallback(ep, reason));
        if (ep == ExecutionProvider.CPU) {
          break; // the model itself failed, another provider will not help
        }
        LOG.warn(
            "{}: execution provider {} failed ({}); falling back to {}",
            name,
            ep.label(),
            reason,
            next);
      }
    }
    StringBuilder why = new StringBuilder("ONNX Runtime could not open the model");
    for (ProviderFallback f : fallbacks) {
      why.append("; ").append(f.provider().label()).append(": ").append(f.reason());
    }
    throw new ModelLoadException(name, why.toString(), last);
  }

  private static SessionOptions baseOptions(SessionPolicy policy) throws OrtException {
    SessionOptions o = new SessionOptions();
    try {
      if (policy.intraOpThreads() > 0) {
        o.setIntraOpNumThreads(policy.intraOpThreads());
      }
      if (policy.interOpThreads() > 0) {
        o.setInterOpNumThreads(policy.interOpThreads());
      }
      o.setOptimizationLevel(
          switch (policy.optimization()) {
            case NONE -> SessionOptions.OptLevel.NO_OPT;
            case BASIC -> SessionOptions.OptLevel.BASIC_OPT;
            case EXTENDED -> SessionOptions.OptLevel.EXTENDED_OPT;
            case ALL -> SessionOptions.OptLevel.ALL_OPT;
          });
      return o;
    } catch (OrtException | RuntimeException e) {
      o.close();
      throw e;
    }
  }

  private void closed(ModelSession s) {
    open.remove(s);
  }

  /** Sessions opened through this runtime and not yet closed. */
  public int openSessions() {
    return open.size();
  }

  /**
   * Closes sessions that were left open (a leak, logged); the environment lives with the process.
   */
  @Override
  public void close() {
    for (ModelSession s : List.copyOf(open)) {
      LOG.warn("{}: session was still open when the runtime closed; closing it", s.name());
      s.close();
    }
  }
}
