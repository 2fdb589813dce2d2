package dev.weft.nativelibs.onnx;

import ai.onnxruntime.OrtException;

/** A model run that stopped because it was asked to (cancel), not because it failed. */
public final class RunTerminatedException extends OrtException {
  public RunTerminatedException(String model, OrtException cause) {
    super(model + ": the run was terminated on request");
    initCause(cause);
  }
}
