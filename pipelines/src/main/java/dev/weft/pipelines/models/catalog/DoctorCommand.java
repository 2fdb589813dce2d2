package dev.weft.pipelines.models.catalog;

import dev.weft.nativelibs.djl.TokenizerSetup;
import dev.weft.nativelibs.hardware.HardwareProbe;
import dev.weft.nativelibs.hardware.HardwareProfile;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.pipelines.backends.local.WorkerModelExecutor;
import dev.weft.pipelines.cli.CliEnvironment;
import dev.weft.pipelines.cli.CommandProvider;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weft doctor}: what this machine offers for local models (hardware, ONNX Runtime and its
 * execution providers, DJL's offline tokenizers, where models live) and whether the model worker
 * starts.
 */
@Command(
    name = "doctor",
    description = "Checks this machine for local inference.",
    mixinStandardHelpOptions = true)
public final class DoctorCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Option(names = "--no-worker", description = "Skip starting the model worker.")
  boolean noWorker;

  public DoctorCommand(CliEnvironment env) {
    this.env = env;
  }

  /** Registers {@code weft doctor}. */
  public static final class Provider implements CommandProvider {
    @Override
    public String name() {
      return "doctor";
    }

    @Override
    public Object create(CliEnvironment environment) {
      return new DoctorCommand(environment);
    }
  }

  @Override
  public Integer call() {
    PrintStream out = env.out();
    boolean ok = true;
    HardwareProfile hw = new HardwareProbe().probe();
    out.println("== hardware");
    out.print(hw.describe());
    out.println("== ONNX Runtime");
    try (OrtRuntime ort = OrtRuntime.create()) {
      out.println("version:    " + ort.version());
      out.println("providers:  " + ort.availableProviders() + " (in this build)");
      if (hw.hasNvidiaGpu()
          && !ort.availableProviders().contains(ai.onnxruntime.OrtProvider.CUDA)) {
        out.println(
            "note:       an NVIDIA GPU is present but this build is CPU-only; the CUDA build is an installer option (-Pcuda)");
      }
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      out.println("FAILED to load ONNX Runtime: " + e.getMessage());
      ok = false;
    }
    out.println("== tokenizers (DJL)");
    try {
      TokenizerSetup t = TokenizerSetup.apply(env.context().dirs().data());
      t.describe().forEach((k, v) -> out.println(k + ": " + v));
    } catch (java.io.IOException | RuntimeException e) {
      out.println("FAILED: " + e.getMessage());
      ok = false;
    }
    out.println("== models");
    env.context()
        .services()
        .find(ModelLibrary.class)
        .ifPresentOrElse(
            lib -> {
              out.println("hub cache:  " + lib.hub().root());
              out.println("own models: " + lib.ownModelsFolder());
              out.println("offline:    " + lib.offline());
              try {
                long n = lib.list().stream().filter(ModelStatus::isInstalled).count();
                out.println(
                    "installed:  "
                        + n
                        + " of "
                        + lib.catalog().entries().size()
                        + " catalog models ('weft models list')");
              } catch (java.io.IOException e) {
                out.println("cannot list models: " + e.getMessage());
              }
            },
            () -> out.println("no model manager configured"));
    out.println("== model worker");
    if (noWorker) {
      out.println("skipped");
    } else {
      try (WorkerModelExecutor w =
          new WorkerModelExecutor(
              WorkerModelExecutor.Options.defaults(env.context().dirs().logs()))) {
        long t0 = System.nanoTime();
        w.warmUp();
        out.printf(
            java.util.Locale.ROOT,
            "started (pid %d) in %d ms%n",
            w.pid(),
            (System.nanoTime() - t0) / 1_000_000);
      } catch (RuntimeException e) {
        out.println("FAILED to start: " + e.getMessage());
        ok = false;
      }
    }
    out.println(ok ? "all checks passed" : "some checks FAILED");
    return ok ? 0 : 1;
  }
}
