package dev.weft.nativelibs.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;

/** An ONNX Runtime execution provider Weft knows how to turn on, in the order it prefers them. */
public enum ExecutionProvider {
  CUDA(OrtProvider.CUDA, "CUDA (NVIDIA GPU)"),
  DIRECTML(OrtProvider.DIRECT_ML, "DirectML (Windows GPU)"),
  COREML(OrtProvider.CORE_ML, "CoreML (Apple)"),
  CPU(OrtProvider.CPU, "CPU");

  private final OrtProvider ortProvider;
  private final String label;

  ExecutionProvider(OrtProvider ortProvider, String label) {
    this.ortProvider = ortProvider;
    this.label = label;
  }

  public OrtProvider ortProvider() {
    return ortProvider;
  }

  public String label() {
    return label;
  }

  public boolean isGpu() {
    return this != CPU;
  }

  /** Adds this provider to the options; ORT throws when the provider cannot be loaded. */
  void applyTo(SessionOptions options, int deviceId) throws OrtException {
    switch (this) {
      case CUDA -> options.addCUDA(deviceId);
      case DIRECTML -> options.addDirectML(deviceId);
      case COREML -> options.addCoreML();
      case CPU -> options.addCPU(true);
    }
  }
}
