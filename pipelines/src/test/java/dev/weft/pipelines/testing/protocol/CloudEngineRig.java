package dev.weft.pipelines.testing.protocol;

import dev.weft.assets.ImageAsset;
import dev.weft.assets.image.ImageFiles;
import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.http.HttpOptions;
import dev.weft.pipelines.backends.http.Sleeper;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import dev.weft.pipelines.testing.EngineRig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An engine over a temporary project whose cloud clients talk to a {@link ProtocolTestServer}:
 * DashScope through {@code DASHSCOPE_BASE_URL}, the test key stored, and three named endpoints on
 * the same server ({@code gpu-box}: vLLM, {@code lm}: plain OpenAI, {@code omni-box}: vLLM-Omni).
 * What the model-node and command tests run on.
 */
public final class CloudEngineRig implements AutoCloseable {
  public final CloudTestKit kit;
  public final Secrets secrets =
      Secrets.inMemory(Map.of(Secrets.DASHSCOPE, ProtocolTestServer.KEY));
  public final Map<String, String> env = new HashMap<>();
  public final AtomicReference<Settings> settings = new AtomicReference<>();
  public final EngineRig engine;
  private final Sleeper sleeper;
  private final PollCadence cadence;

  /** Instant recorded waits and a fast poll cadence: for tests that need no real time. */
  public CloudEngineRig(Path projectDir) {
    this(projectDir, Map.of());
  }

  /** As {@link #CloudEngineRig(Path)}, with environment variables set or replaced. */
  public CloudEngineRig(Path projectDir, Map<String, String> envOverrides) {
    this(
        projectDir,
        null,
        new PollCadence(Duration.ofMillis(5), 3, Duration.ofMillis(20)),
        envOverrides,
        DEFAULT_HTTP);
  }

  /**
   * @param realSleeper a sleeper that really waits (cancel mid-task, resume, benchmarks), or null
   *     for instant recorded waits
   */
  public CloudEngineRig(Path projectDir, Sleeper realSleeper, PollCadence cadence) {
    this(projectDir, realSleeper, cadence, Map.of(), DEFAULT_HTTP);
  }

  /** Instant waits, and streams dropped after {@code idle} without a byte. */
  public static CloudEngineRig withIdleTimeout(Path projectDir, Duration idle) {
    return new CloudEngineRig(
        projectDir,
        null,
        new PollCadence(Duration.ofMillis(5), 3, Duration.ofMillis(20)),
        Map.of(),
        DEFAULT_HTTP.withIdleTimeout(idle));
  }

  private static final HttpOptions DEFAULT_HTTP =
      HttpOptions.defaults().withRequestTimeout(Duration.ofSeconds(20));

  private CloudEngineRig(
      Path projectDir,
      Sleeper realSleeper,
      PollCadence cadence,
      Map<String, String> envOverrides,
      HttpOptions http) {
    this.kit = new CloudTestKit(ProtocolTestServer.start(), http, realSleeper);
    this.sleeper = realSleeper != null ? realSleeper : kit.sleeper;
    this.cadence = cadence;
    env.put("DASHSCOPE_BASE_URL", kit.server.baseUrl());
    env.putAll(envOverrides);
    settings.set(
        Settings.defaults(SettingsStore.defaultModels())
            .withEndpoint(OpenAiEndpoint.of("gpu-box", kit.server.openAiBase(), EndpointType.VLLM))
            .withEndpoint(OpenAiEndpoint.of("lm", kit.server.openAiBase(), EndpointType.OPENAI))
            .withEndpoint(
                OpenAiEndpoint.of("omni-box", kit.server.vllmOmniBase(), EndpointType.VLLM_OMNI)
                    .withModels(List.of("Qwen/Qwen3-Omni-30B-A3B-Instruct"))));
    this.engine = new EngineRig(projectDir, Services.builder().put(CloudClients.class, clients()));
  }

  public ProtocolTestServer server() {
    return kit.server;
  }

  /** Cloud clients over the rig's settings, key and server (a new set, as after a restart). */
  public CloudClients clients() {
    return new CloudClients(
        settings::get, secrets, kit.http, env, sleeper, new SplittableRandom(3), cadence);
  }

  /** Writes a test image (a gradient with a disc) to the project folder and returns its path. */
  public Path image(String name, int width, int height) throws IOException {
    int[] argb = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int dx = x - width / 2;
        int dy = y - height / 2;
        boolean disc = dx * dx + dy * dy < Math.min(width, height) * Math.min(width, height) / 9;
        int r = disc ? 230 : x * 255 / Math.max(1, width - 1);
        int g = disc ? 80 : y * 255 / Math.max(1, height - 1);
        argb[y * width + x] = 0xFF000000 | r << 16 | g << 8 | 120;
      }
    }
    Path file = engine.projectDir.resolve(name);
    ImageFiles.writePng(ImageAsset.ofArgb(width, height, argb), file);
    return file;
  }

  public NodeOutcome outcome(RunResult result, String nodeId) {
    return result.nodes().get(nodeId);
  }

  /** The message a node failed with, or null. */
  public String failure(String nodeId) {
    return engine.events(RunEvent.NodeFailed.class).stream()
        .filter(f -> f.nodeId().equals(nodeId))
        .map(f -> f.message() + (f.hint() == null ? "" : " | hint: " + f.hint()))
        .findFirst()
        .orElse(null);
  }

  /**
   * Waits until {@code condition} holds (polling), failing with the run's events after 30 s so a
   * broken run cannot hang the build. A liveness guard, not a timing assertion.
   */
  public void waitFor(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + "; events: " + engine.events);
      }
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    engine.close();
    kit.close();
  }
}
