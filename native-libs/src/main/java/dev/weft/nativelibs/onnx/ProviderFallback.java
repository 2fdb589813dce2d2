package dev.weft.nativelibs.onnx;

/** An execution provider that was tried for a session and could not be used, and why. */
public record ProviderFallback(ExecutionProvider provider, String reason) {}
