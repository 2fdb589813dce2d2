package dev.weft.pipelines.backends;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.dashscope.AsyncTaskClient;
import dev.weft.pipelines.backends.dashscope.DashScopeClient;
import dev.weft.pipelines.backends.dashscope.FileTranscriptionClient;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.dashscope.TemporaryUploadClient;
import dev.weft.pipelines.backends.dashscope.WanVideoClient;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudHttp;
import dev.weft.pipelines.backends.http.RetryPolicy;
import dev.weft.pipelines.backends.http.Sleeper;
import dev.weft.pipelines.backends.openai.OmniAdapter;
import dev.weft.pipelines.backends.openai.OpenAiChatClient;
import dev.weft.pipelines.backends.openai.StreamingOmniAdapter;
import dev.weft.pipelines.backends.openai.VllmOmniAdapter;
import dev.weft.pipelines.settings.DashScopeEndpoints;
import dev.weft.pipelines.settings.DashScopeService;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Builds the cloud and server clients from the current settings and keys: DashScope's native API
 * (tasks, uploads, Wan) and compatible mode, and the named OpenAI-compatible endpoints. The
 * settings supplier is asked at each call (the composition root passes {@link
 * dev.weft.pipelines.settings.SettingsStore#current()}, which reads the file again only when it
 * changed), so a change in the settings screen or the file applies to the next node run. One
 * instance per studio, made by the composition root.
 */
public final class CloudClients implements AutoCloseable {
  /** The service name of DashScope in errors and on nodes. */
  public static final String DASHSCOPE = DashScopeClient.SERVICE;

  private final Supplier<Settings> settings;
  private final Secrets secrets;
  private final CloudHttp http;
  private final Map<String, String> env;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final PollCadence cadence;
  private final Map<String, VllmOmniAdapter> vllmOmni;

  public CloudClients(
      Supplier<Settings> settings,
      Secrets secrets,
      CloudHttp http,
      Map<String, String> env,
      Sleeper sleeper,
      RandomGenerator random,
      PollCadence cadence) {
    this(
        settings,
        secrets,
        http,
        Map.copyOf(env),
        sleeper,
        random,
        cadence,
        new ConcurrentHashMap<>());
  }

  private CloudClients(
      Supplier<Settings> settings,
      Secrets secrets,
      CloudHttp http,
      Map<String, String> env,
      Sleeper sleeper,
      RandomGenerator random,
      PollCadence cadence,
      Map<String, VllmOmniAdapter> vllmOmni) {
    this.settings = settings;
    this.secrets = secrets;
    this.http = http;
    this.env = env;
    this.sleeper = sleeper;
    this.random = random;
    this.cadence = cadence;
    this.vllmOmni = vllmOmni;
  }

  /**
   * These clients for one run: when {@code offline} (a run started offline), calls to anything but
   * this machine are refused even if the settings' switch is off. Shares connections and adapters.
   */
  public CloudClients forRun(boolean offline) {
    if (!offline) {
      return this;
    }
    return new CloudClients(
        settings, secrets, http.withOffline(() -> true), env, sleeper, random, cadence, vllmOmni);
  }

  /**
   * These clients seeing the settings through {@code edit} and the environment with {@code
   * envOverrides} on top (a one-shot command's {@code --endpoint}, say). Shares connections and
   * adapters; the stored settings are not changed.
   */
  public CloudClients with(UnaryOperator<Settings> edit, Map<String, String> envOverrides) {
    Map<String, String> merged = new java.util.HashMap<>(env);
    merged.putAll(envOverrides);
    Supplier<Settings> base = settings;
    return new CloudClients(
        () -> edit.apply(base.get()),
        secrets,
        http,
        Map.copyOf(merged),
        sleeper,
        random,
        cadence,
        vllmOmni);
  }

  /** Whether calls to other machines are refused right now (the settings' switch or the run's). */
  public boolean offline() {
    return http.offline();
  }

  /** Where DashScope calls for a service go, after the settings and DASHSCOPE_BASE_URL. */
  public DashScopeEndpoints dashScopeEndpoints(DashScopeService service) {
    return settings.get().dashscope().endpoints(service, env);
  }

  public Settings settings() {
    return settings.get();
  }

  public Secrets secrets() {
    return secrets;
  }

  public CloudHttp http() {
    return http;
  }

  /** Whether a DashScope key is set (the cloud counts as configured). */
  public boolean dashScopeConfigured() {
    return secrets.get(Secrets.DASHSCOPE).isPresent();
  }

  /** The native DashScope client for a service; the key is looked up at each call. */
  public DashScopeClient dashScope(DashScopeService service) {
    return new DashScopeClient(http, dashScopeEndpoints(service), secrets::requireDashScopeKey);
  }

  /** The async-task protocol (Wan video, Fun-ASR recorded files). */
  public AsyncTaskClient tasks(DashScopeService service) {
    return new AsyncTaskClient(
        dashScope(service), sleeper, cadence, RetryPolicy.standard(), random);
  }

  /** Fun-ASR recorded-file transcription. */
  public FileTranscriptionClient fileTranscription() {
    return new FileTranscriptionClient(tasks(DashScopeService.ASR));
  }

  public TemporaryUploadClient uploads(DashScopeService service) {
    return new TemporaryUploadClient(dashScope(service), random);
  }

  public WanVideoClient wan() {
    return new WanVideoClient(tasks(DashScopeService.VIDEO), settings.get().models().video());
  }

  /** DashScope's OpenAI-compatible mode for a service. */
  public OpenAiChatClient dashScopeChat(DashScopeService service) {
    return new OpenAiChatClient(
        http,
        DASHSCOPE,
        dashScopeEndpoints(service).compatibleBase(),
        () -> Optional.of(secrets.requireDashScopeKey()),
        settings.get().models().omni().sampleRate());
  }

  /** A named endpoint from the settings, or an error listing the known ones. */
  public OpenAiEndpoint endpoint(String name) {
    Settings s = settings.get();
    return s.endpoint(name)
        .orElseThrow(() ->
            new WeftException(
                "no endpoint is named \"" + name + "\"",
                Location.NONE.withParam("endpoint"),
                s.endpoints().isEmpty()
                    ? "add one in Settings > Cloud > Endpoints"
                    : "known endpoints: "
                        + String.join(
                            ", ", s.endpoints().stream().map(OpenAiEndpoint::name).toList()),
                null));
  }

  /**
   * The models an endpoint's server lists ({@code GET /v1/models}).
   *
   * @param key a key typed for it and not yet saved, or null for the one kept for it
   */
  public List<String> listModels(OpenAiEndpoint e, String key, CancelSignal cancel) {
    Supplier<Optional<String>> k =
        key == null || key.isBlank() ? () -> secrets.keyFor(e) : () -> Optional.of(key.strip());
    return new OpenAiChatClient(
            http, e.name(), e.baseUrl(), k, settings.get().models().omni().sampleRate())
        .models(cancel);
  }

  public OpenAiChatClient endpointChat(OpenAiEndpoint e) {
    return new OpenAiChatClient(
        http,
        e.name(),
        e.baseUrl(),
        () -> secrets.keyFor(e),
        settings.get().models().omni().sampleRate());
  }

  /**
   * The Omni adapter for an endpoint (null: DashScope). A vLLM-Omni endpoint keeps its adapter, so
   * what it learnt about streaming holds for later runs.
   */
  public OmniAdapter omni(OpenAiEndpoint endpoint) {
    if (endpoint == null) {
      return new StreamingOmniAdapter(dashScopeChat(DashScopeService.OMNI));
    }
    if (endpoint.type() == EndpointType.VLLM_OMNI) {
      return vllmOmni.computeIfAbsent(
          endpoint.name() + "\u0000" + endpoint.baseUrl(),
          k -> new VllmOmniAdapter(endpointChat(endpoint)));
    }
    return new StreamingOmniAdapter(endpointChat(endpoint));
  }

  @Override
  public void close() {
    http.close();
  }
}
