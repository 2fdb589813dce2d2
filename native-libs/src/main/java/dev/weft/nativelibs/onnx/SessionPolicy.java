package dev.weft.nativelibs.onnx;

import java.util.List;
import java.util.Objects;

/**
 * How sessions are built: the execution providers to try in order (the first that loads wins, the
 * CPU is always the last resort), thread counts (0 lets ONNX Runtime decide), the graph
 * optimisation level and the GPU device.
 */
public record SessionPolicy(
    List<ExecutionProvider> providers,
    int intraOpThreads,
    int interOpThreads,
    Optimization optimization,
    int gpuDevice) {

  /** ONNX Runtime's graph optimisation levels. */
  public enum Optimization {
    NONE,
    BASIC,
    EXTENDED,
    ALL
  }

  /** The preferred order: CUDA, DirectML, CoreML, then CPU. */
  public static final List<ExecutionProvider> DEFAULT_ORDER =
      List.of(
          ExecutionProvider.CUDA,
          ExecutionProvider.DIRECTML,
          ExecutionProvider.COREML,
          ExecutionProvider.CPU);

  public SessionPolicy {
    Objects.requireNonNull(optimization, "optimization");
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("a session policy needs at least one execution provider");
    }
    providers = List.copyOf(providers);
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException(
          "thread counts must be 0 (automatic) or positive, got intra="
              + intraOpThreads
              + ", inter="
              + interOpThreads);
    }
    if (gpuDevice < 0) {
      throw new IllegalArgumentException("GPU device must be >= 0, got " + gpuDevice);
    }
  }

  /** GPU first where one loads, all optimisations, ORT's own thread choice. */
  public static SessionPolicy defaults() {
    return new SessionPolicy(DEFAULT_ORDER, 0, 0, Optimization.ALL, 0);
  }

  /** CPU only. */
  public static SessionPolicy cpuOnly(int intraOpThreads) {
    return new SessionPolicy(
        List.of(ExecutionProvider.CPU), intraOpThreads, 1, Optimization.ALL, 0);
  }

  public SessionPolicy withProviders(List<ExecutionProvider> newProviders) {
    return new SessionPolicy(newProviders, intraOpThreads, interOpThreads, optimization, gpuDevice);
  }

  public SessionPolicy withThreads(int intra, int inter) {
    return new SessionPolicy(providers, intra, inter, optimization, gpuDevice);
  }
}
