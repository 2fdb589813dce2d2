package dev.weft.pipelines.backends.local;

/**
 * A local model family's runner, found through ServiceLoader: it loads a model from its files and
 * answers coarse requests on it ("detect speech in this audio asset"). The same runner runs in the
 * worker process and, in tests, in-process.
 */
public interface ModelRunner {

  /** The id the catalog's {@code runner} field names, e.g. {@code silero-vad}. */
  String id();

  /** Loads a model; the result stays loaded between runs until the host unloads it. */
  LoadedModel load(ModelJob.ModelRef model, RunnerServices services) throws Exception;

  /** A loaded model. Implementations must be safe to close while no run is in flight. */
  interface LoadedModel extends AutoCloseable {

    /** What the model holds in memory, for the host's budget (an estimate is fine). */
    long memoryBytes();

    /** Runs one request: inputs are read from, and outputs written to, the asset store. */
    java.util.Map<String, String> run(ModelJob job, RunContext context) throws Exception;

    /** Asks a run in flight to stop (e.g. ONNX Runtime's run-level terminate). */
    void terminate();

    @Override
    void close();
  }
}
