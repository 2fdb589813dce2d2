package dev.weft.pipelines.backends.local;

import dev.weft.nativelibs.onnx.OrtRuntime;
import java.util.function.Supplier;

/** Shared services a runner may use while loading, made once per host (worker or in-process). */
public final class RunnerServices implements AutoCloseable {
  private final Supplier<OrtRuntime> ortFactory;
  private OrtRuntime ort;

  public RunnerServices(Supplier<OrtRuntime> ortFactory) {
    this.ortFactory = ortFactory;
  }

  /** The ONNX Runtime environment, started on first use. */
  public synchronized OrtRuntime ort() {
    if (ort == null) {
      ort = ortFactory.get();
    }
    return ort;
  }

  @Override
  public synchronized void close() {
    if (ort != null) {
      ort.close();
    }
  }
}
