package dev.weft.nativelibs.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.RunOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One open ONNX Runtime session with the execution provider it ended up on. Reports its inputs and
 * outputs by name, runs the model, and can ask runs in flight to stop ({@link #terminate()}).
 */
public final class ModelSession implements AutoCloseable {
  private final String name;
  private final OrtSession session;
  private final ExecutionProvider provider;
  private final List<ProviderFallback> fallbacks;
  private final Consumer<ModelSession> onClose;
  private final Set<Run> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  ModelSession(
      String name,
      OrtSession session,
      ExecutionProvider provider,
      List<ProviderFallback> fallbacks,
      Consumer<ModelSession> onClose) {
    this.name = name;
    this.session = session;
    this.provider = provider;
    this.fallbacks = List.copyOf(fallbacks);
    this.onClose = onClose;
  }

  public String name() {
    return name;
  }

  /** The provider the session runs on. */
  public ExecutionProvider provider() {
    return provider;
  }

  /** Providers tried before {@link #provider()} and why each was not used. */
  public List<ProviderFallback> fallbacks() {
    return fallbacks;
  }

  public Map<String, NodeInfo> inputs() throws OrtException {
    return session.getInputInfo();
  }

  public Map<String, NodeInfo> outputs() throws OrtException {
    return session.getOutputInfo();
  }

  public Set<String> inputNames() {
    return session.getInputNames();
  }

  public Set<String> outputNames() {
    return session.getOutputNames();
  }

  /** The model's metadata (producer, custom key/values such as sherpa-onnx's). */
  public Map<String, String> customMetadata() throws OrtException {
    return session.getMetadata().getCustomMetadata();
  }

  /**
   * Runs the model. The caller closes the result. Throws {@link RunTerminatedException} when {@link
   * #terminate()} stopped the run.
   */
  public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs) throws OrtException {
    return run(inputs, session.getOutputNames(), Map.of());
  }

  /** Runs the model computing only the named outputs. */
  public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs, Set<String> outputs)
      throws OrtException {
    return run(inputs, outputs, Map.of());
  }

  /**
   * Runs the model writing the named outputs into tensors the caller made (over its own buffers, so
   * a large output is not copied again); other outputs are not computed into the result.
   */
  public OrtSession.Result runInto(
      Map<String, ? extends OnnxTensorLike> inputs, Map<String, ? extends OnnxValue> pinned)
      throws OrtException {
    return run(inputs, Set.of(), pinned);
  }

  private OrtSession.Result run(
      Map<String, ? extends OnnxTensorLike> inputs,
      Set<String> outputs,
      Map<String, ? extends OnnxValue> pinned)
      throws OrtException {
    if (closed) {
      throw new IllegalStateException(name + ": session is closed");
    }
    try (RunOptions options = new RunOptions()) {
      Run run = new Run(options);
      running.add(run);
      try {
        return session.run(inputs, outputs, pinned, options);
      } catch (OrtException e) {
        if (run.terminated) {
          throw new RunTerminatedException(name, e);
        }
        throw e;
      } finally {
        synchronized (run) {
          running.remove(run);
        }
      }
    }
  }

  /** A run in flight and whether it was asked to stop. */
  private static final class Run {
    final RunOptions options;
    volatile boolean terminated;

    Run(RunOptions options) {
      this.options = options;
    }
  }

  /** Asks every run in flight to stop at its next node; each such run throws. */
  public void terminate() {
    for (Run r : running) {
      synchronized (r) {
        if (running.contains(r)) {
          try {
            r.terminated = true;
            r.options.setTerminate(true);
          } catch (OrtException e) {
            throw new IllegalStateException(name + ": cannot set the terminate flag", e);
          }
        }
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(name + ": closing the session failed", e);
    } finally {
      onClose.accept(this);
    }
  }

  /** Runs in flight right now (a run is in flight from its start until it returns). */
  public int runsInFlight() {
    return running.size();
  }

  public boolean isClosed() {
    return closed;
  }
}
