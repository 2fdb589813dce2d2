package dev.weft.nativelibs.onnx;

import java.io.IOException;

/** A model file that ONNX Runtime could not open with any of the allowed execution providers. */
public class ModelLoadException extends IOException {
  private final String model;

  public ModelLoadException(String model, String message, Throwable cause) {
    super(model + ": " + message, cause);
    this.model = model;
  }

  /** The model's file or name. */
  public String model() {
    return model;
  }
}
