package dev.weft.nativelibs.math;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The C library's single-precision logarithm, called through the foreign function API, for code
 * whose results must equal bit for bit those of native code that calls it (a feature extractor
 * compared against its C++ reference, say). Java has no {@code logf}; {@code (float) Math.log(x)}
 * is correctly rounded, while C libraries round a small fraction of results the other way. Where
 * the C function cannot be found, {@link #logf} falls back to the correctly rounded value.
 */
public final class CMath {
  private static final Optional<MethodHandle> LOGF = find("logf");

  private CMath() {}

  private static Optional<MethodHandle> find(String name) {
    try {
      Linker linker = Linker.nativeLinker();
      return linker
          .defaultLookup()
          .find(name)
          .map(address ->
              linker.downcallHandle(
                  address,
                  FunctionDescriptor.of(ValueLayout.JAVA_FLOAT, ValueLayout.JAVA_FLOAT),
                  Linker.Option.critical(false)));
    } catch (UnsupportedOperationException | IllegalCallerException e) {
      // No native linker on this platform, or native access is disabled: use Java's logarithm.
      return Optional.empty();
    }
  }

  /** Whether {@link #logf} calls the C library (else it is Java's correctly rounded value). */
  public static boolean usesCLibrary() {
    return LOGF.isPresent();
  }

  /** The natural logarithm as the C library's {@code logf} computes it. */
  public static float logf(float x) {
    if (LOGF.isEmpty()) {
      return (float) Math.log(x);
    }
    try {
      return (float) LOGF.get().invokeExact(x);
    } catch (Throwable e) {
      throw new IllegalStateException("the C library's logf failed on " + x, e);
    }
  }
}
