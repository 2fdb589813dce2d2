package dev.weft.pipelines.backends.local;

import dev.weft.assets.TextAsset;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * A runner for worker tests, found through ServiceLoader on the test class path (so the worker
 * process finds it too). Its tasks misbehave on purpose: exit, abort natively, run out of memory,
 * wait for cancel, ignore cancel, fail.
 */
public final class TestRunner implements ModelRunner {
  public static final String ID = "weft-test";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public LoadedModel load(ModelJob.ModelRef model, RunnerServices services) {
    return new LoadedModel() {
      private volatile boolean terminated;

      @Override
      public long memoryBytes() {
        return 1;
      }

      @Override
      public Map<String, String> run(ModelJob job, RunContext ctx) throws Exception {
        terminated = false;
        switch (job.task()) {
          case "echo" -> {
            TextAsset in = ctx.input(job.input("text"), TextAsset.class);
            TextAsset out =
                TextAsset.of(
                    in.text().toUpperCase(Locale.ROOT)
                        + " (pid "
                        + ProcessHandle.current().pid()
                        + ")");
            ctx.progress().accept(1.0);
            ctx.store().put(out, job.provenance());
            return Map.of("text", out.hash());
          }
          case "exit" -> Runtime.getRuntime().halt(7);
          case "abort" -> {
            Linker linker = Linker.nativeLinker();
            try {
              linker
                  .downcallHandle(
                      linker.defaultLookup().find("abort").orElseThrow(),
                      FunctionDescriptor.ofVoid())
                  .invoke();
            } catch (Throwable t) {
              throw new IllegalStateException("abort() returned", t);
            }
          }
          case "oom" -> {
            List<long[]> hog = new ArrayList<>();
            while (true) {
              hog.add(new long[1 << 20]);
            }
          }
          case "wait-cancel" -> {
            while (!ctx.cancelled().getAsBoolean() && !terminated) {
              Thread.sleep(5);
            }
            throw new CancellationException("stopped on request");
          }
          case "ignore-cancel" -> Thread.sleep(60_000);
          case "fail" -> throw new IllegalStateException("the test runner was told to fail");
          default -> throw new IllegalArgumentException("unknown task " + job.task());
        }
        return Map.of();
      }

      @Override
      public void terminate() {
        terminated = true;
      }

      @Override
      public void close() {}
    };
  }
}
