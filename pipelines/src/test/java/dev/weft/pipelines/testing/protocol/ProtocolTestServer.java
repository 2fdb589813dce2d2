package dev.weft.pipelines.testing.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback server that behaves as the documented DashScope and OpenAI-compatible services do
 * (protocol spec part A), closely enough that the real clients cannot tell: async video and
 * transcription tasks going PENDING, RUNNING and SUCCEEDED (or FAILED with a code, or UNKNOWN),
 * cancel, temporary uploads to an OSS-like form endpoint, MP4 downloads, chat completions whole and
 * streamed (with reasoning, speech fragments and an error event), model lists, and on demand 401,
 * 429 with Retry-After, 500, 503, slow answers and dropped connections.
 *
 * <p>Paths: DashScope at {@code /api/v1/...} and {@code /compatible-mode/v1/...}; a generic
 * OpenAI/vLLM server at {@code /v1/...}; a vLLM-Omni server at {@code /vllm-omni/v1/...}.
 */
public final class ProtocolTestServer implements AutoCloseable {
  /** The key the server accepts unless told otherwise. */
  public static final String KEY = "sk-weft-test-4f9c2a7d1b6e8f03";

  /** The kinds of request faults can be queued for. */
  public enum Route {
    VIDEO_CREATE,
    ASR_CREATE,
    TASK_POLL,
    TASK_CANCEL,
    UPLOAD_POLICY,
    OSS_UPLOAD,
    FILE_DOWNLOAD,
    CHAT,
    MODELS
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final Pattern TASK_PATH = Pattern.compile("/api/v1/tasks/([^/]+)(/cancel)?");
  private static final String UPLOAD_DIR = "dashscope-instant/weft-test/2026-01-01";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final Map<Route, ConcurrentLinkedDeque<Fault>> faults = new EnumMap<>(Route.class);
  private final ConcurrentLinkedDeque<TaskScript> nextTasks = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<ChatScript> nextChats = new ConcurrentLinkedDeque<>();
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
  private final Map<String, String[]> failingFiles = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final byte[] mp4;
  private volatile TaskScript defaultTask = TaskScript.succeedsAfterPolls(1, 2);
  private volatile ChatScript defaultChat = ChatScript.defaults();
  private volatile boolean selfHostedNeedsKey;
  private volatile boolean vllmOmniStreams;
  private volatile List<String> selfHostedModels =
      List.of("Qwen/Qwen3-VL-8B-Instruct", "Qwen/Qwen3-Omni-30B-A3B-Instruct");

  private ProtocolTestServer(HttpServer server) {
    this.server = server;
    for (Route r : Route.values()) {
      faults.put(r, new ConcurrentLinkedDeque<>());
    }
    keys.add(KEY);
    try (InputStream in = ProtocolTestServer.class.getResourceAsStream("sample.mp4")) {
      if (in == null) {
        throw new IllegalStateException("test resource sample.mp4 is missing");
      }
      mp4 = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /** Starts on a free loopback port. */
  public static ProtocolTestServer start() {
    return start(0);
  }

  /** Starts on a loopback port (0 for any free one). */
  public static ProtocolTestServer start(int port) {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      ProtocolTestServer p = new ProtocolTestServer(s);
      s.start();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the protocol test server on port " + port, e);
    }
  }

  // ---- configuration ----

  /** The DashScope host URL (what {@code DASHSCOPE_BASE_URL} would be set to). */
  public String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** The root of the generic OpenAI-compatible server. */
  public String openAiBase() {
    return baseUrl() + "/v1";
  }

  /** The root of the vLLM-Omni-like server. */
  public String vllmOmniBase() {
    return baseUrl() + "/vllm-omni/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Only these keys are accepted from now on. */
  public ProtocolTestServer acceptKeys(String... accepted) {
    keys.clear();
    keys.addAll(List.of(accepted));
    return this;
  }

  /** Whether the self-hosted paths ({@code /v1}, {@code /vllm-omni/v1}) want a key too. */
  public ProtocolTestServer selfHostedNeedsKey(boolean needs) {
    selfHostedNeedsKey = needs;
    return this;
  }

  /** Whether the vLLM-Omni paths stream (newer vLLM-Omni) or refuse to (older). */
  public ProtocolTestServer vllmOmniStreams(boolean streams) {
    vllmOmniStreams = streams;
    return this;
  }

  public ProtocolTestServer selfHostedModels(List<String> models) {
    selfHostedModels = List.copyOf(models);
    return this;
  }

  /** The behaviour of tasks created after this call (unless {@link #nextTask} says otherwise). */
  public ProtocolTestServer defaultTask(TaskScript script) {
    defaultTask = script;
    return this;
  }

  /** The behaviour of the next task created. */
  public ProtocolTestServer nextTask(TaskScript script) {
    nextTasks.add(script);
    return this;
  }

  public ProtocolTestServer defaultChat(ChatScript script) {
    defaultChat = script;
    return this;
  }

  /** The answer to the next chat completion. */
  public ProtocolTestServer nextChat(ChatScript script) {
    nextChats.add(script);
    return this;
  }

  /**
   * Transcription tasks report this file as failed (subtask FAILED with the code and message), as
   * the service does for a URL it cannot download.
   */
  public ProtocolTestServer failFile(String fileUrl, String code, String message) {
    failingFiles.put(fileUrl, new String[] {code, message});
    return this;
  }

  /** The next request on {@code route} meets {@code fault} (queued: several calls, several). */
  public ProtocolTestServer failNext(Route route, Fault... fault) {
    faults.get(route).addAll(List.of(fault));
    return this;
  }

  /** Every request received so far, oldest first. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public List<RecordedRequest> requests(String method, String pathPrefix) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
        .toList();
  }

  /** The bytes of the MP4 every finished video task points to. */
  public byte[] mp4() {
    return mp4.clone();
  }

  /** What was uploaded under an {@code oss://} key, or null. */
  public byte[] upload(String ossUrl) {
    return uploads.get(ossUrl.replaceFirst("^oss://", ""));
  }

  /** How many times a task was polled, or -1 for an unknown id. */
  public int polls(String taskId) {
    Task t = tasks.get(taskId);
    return t == null ? -1 : t.polls;
  }

  public boolean wasCancelled(String taskId) {
    Task t = tasks.get(taskId);
    return t != null && t.cancelled;
  }

  public int tasksCreated() {
    return tasks.size();
  }

  /** A tone of {@code seconds} as headerless 24 kHz PCM16, what the speech answers hold. */
  public static byte[] tone(double seconds) {
    int n = (int) Math.round(seconds * 24000);
    ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putShort((short) Math.round(Math.sin(2 * Math.PI * 440 * i / 24000.0) * 12000));
    }
    return b.array();
  }

  /** A WAV file around headerless PCM16. */
  public static byte[] wav(byte[] pcm, int rate, int channels) {
    ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length);
    b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) channels).putInt(rate).putInt(rate * channels * 2);
    b.putShort((short) (channels * 2)).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
    return b.array();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- dispatch ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      requests.add(
          new RecordedRequest(
              method,
              path,
              ex.getRequestURI().getRawQuery(),
              Map.copyOf(ex.getRequestHeaders()),
              body));
      Route route = route(method, path);
      if (route == null) {
        sendJson(ex, 404, error("NotFound", "no such path: " + method + " " + path));
        return;
      }
      Fault fault = faults.get(route).poll();
      if (fault != null) {
        if (!fault.delay().isZero()) {
          Thread.sleep(fault.delay());
        }
        if (fault.dropConnection()) {
          return; // closing the exchange with no reply drops the connection
        }
        if (fault.status() > 0) {
          if (fault.retryAfterSeconds() >= 0) {
            ex.getResponseHeaders().set("Retry-After", String.valueOf(fault.retryAfterSeconds()));
          }
          sendJson(ex, fault.status(), errorFor(path, fault.code(), fault.message()));
          return;
        }
      }
      switch (route) {
        case VIDEO_CREATE -> createTask(ex, body, "video");
        case ASR_CREATE -> createTask(ex, body, "asr");
        case TASK_POLL -> poll(ex, path);
        case TASK_CANCEL -> cancel(ex, path);
        case UPLOAD_POLICY -> policy(ex);
        case OSS_UPLOAD -> ossUpload(ex, body);
        case FILE_DOWNLOAD -> download(ex, path);
        case CHAT -> chat(ex, path, body);
        case MODELS -> models(ex, path);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (a cancelled stream, a test that is done): nothing to answer
    }
  }

  private static Route route(String method, String path) {
    boolean post = method.equals("POST");
    if (post && path.equals("/api/v1/services/aigc/video-generation/video-synthesis")) {
      return Route.VIDEO_CREATE;
    }
    if (post && path.equals("/api/v1/services/audio/asr/transcription")) {
      return Route.ASR_CREATE;
    }
    Matcher m = TASK_PATH.matcher(path);
    if (m.matches()) {
      if (m.group(2) != null) {
        return post ? Route.TASK_CANCEL : null;
      }
      return method.equals("GET") ? Route.TASK_POLL : null;
    }
    if (method.equals("GET") && path.equals("/api/v1/uploads")) {
      return Route.UPLOAD_POLICY;
    }
    if (post && path.equals("/oss")) {
      return Route.OSS_UPLOAD;
    }
    if (method.equals("GET") && (path.startsWith("/files/") || path.startsWith("/results/"))) {
      return Route.FILE_DOWNLOAD;
    }
    if (post && path.endsWith("/v1/chat/completions")) {
      return Route.CHAT;
    }
    if (method.equals("GET") && path.endsWith("/v1/models")) {
      return Route.MODELS;
    }
    return null;
  }

  private static boolean isCompat(String path) {
    return path.startsWith("/compatible-mode/");
  }

  private static boolean isVllmOmni(String path) {
    return path.startsWith("/vllm-omni/");
  }

  private boolean authorised(HttpExchange ex, boolean required) {
    if (!required) {
      return true;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    return auth != null
        && auth.regionMatches(true, 0, "Bearer ", 0, 7)
        && keys.contains(auth.substring(7).strip());
  }

  // ---- DashScope tasks ----

  private void createTask(HttpExchange ex, byte[] body, String kind) throws IOException {
    if (!authorised(ex, true)) {
      sendJson(ex, 401, error("InvalidApiKey", "Invalid API-key provided."));
      return;
    }
    if (!"enable".equals(ex.getRequestHeaders().getFirst("X-DashScope-Async"))) {
      sendJson(
          ex, 403, error("AccessDenied", "current user api does not support synchronous calls"));
      return;
    }
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (IOException e) {
      sendJson(ex, 400, error("InvalidParameter", "The request body is not valid JSON."));
      return;
    }
    String model = req.path("model").asText("");
    JsonNode input = req.path("input");
    if (model.isEmpty()) {
      sendJson(
          ex,
          400,
          error(
              "BadRequest.EmptyModel",
              "Required parameter(s) missing or invalid, please check the request parameters."));
      return;
    }
    List<String> urls = new ArrayList<>();
    if (kind.equals("video")) {
      if (!model.startsWith("wan")) {
        sendJson(ex, 400, error("InvalidParameter", "Model not exist."));
        return;
      }
      boolean i2v = model.contains("i2v");
      boolean t2v = model.contains("t2v");
      if (t2v && input.has("img_url")) {
        sendJson(ex, 400, error("InvalidParameter", "input.img_url is not supported by " + model));
        return;
      }
      if (i2v && !input.has("img_url")) {
        sendJson(ex, 400, error("InvalidParameter", "Field required: input.img_url"));
        return;
      }
      if (!input.hasNonNull("prompt") && !input.has("img_url")) {
        sendJson(ex, 400, error("InvalidParameter", "Field required: input.prompt"));
        return;
      }
      for (String f : List.of("img_url", "audio_url")) {
        if (input.hasNonNull(f)) {
          urls.add(input.get(f).asText());
        }
      }
    } else {
      JsonNode files = input.path("file_urls");
      if (!files.isArray() || files.isEmpty()) {
        sendJson(ex, 400, error("InvalidParameter", "Field required: input.file_urls"));
        return;
      }
      files.forEach(f -> urls.add(f.asText()));
    }
    for (String u : urls) {
      if (u.startsWith("oss://")) {
        if (!"enable".equals(ex.getRequestHeaders().getFirst("X-DashScope-OssResourceResolve"))) {
          sendJson(ex, 400, error("InvalidParameter", "url error, please check url! (" + u + ")"));
          return;
        }
        if (!uploads.containsKey(u.substring("oss://".length()))) {
          sendJson(ex, 400, error("InvalidURL", "The file at " + u + " does not exist."));
          return;
        }
      } else if (kind.equals("asr") && !u.startsWith("http")) {
        sendJson(ex, 400, error("InvalidURL", "file_urls must be public http(s) URLs."));
        return;
      }
    }
    TaskScript script = nextTasks.poll();
    Task t =
        new Task(UUID.randomUUID().toString(), kind, script == null ? defaultTask : script, req);
    tasks.put(t.id, t);
    ObjectNode reply = JSON.createObjectNode();
    reply.put("request_id", UUID.randomUUID().toString());
    ObjectNode out = reply.putObject("output");
    out.put("task_id", t.id);
    out.put("task_status", "PENDING");
    sendJson(ex, 200, reply);
  }

  private void poll(HttpExchange ex, String path) throws IOException {
    if (!authorised(ex, true)) {
      sendJson(ex, 401, error("InvalidApiKey", "Invalid API-key provided."));
      return;
    }
    Matcher m = TASK_PATH.matcher(path);
    m.matches();
    String id = m.group(1);
    Task t = tasks.get(id);
    ObjectNode reply = JSON.createObjectNode();
    reply.put("request_id", UUID.randomUUID().toString());
    ObjectNode out = reply.putObject("output");
    out.put("task_id", id);
    if (t == null) {
      out.put("task_status", "UNKNOWN");
      sendJson(ex, 200, reply);
      return;
    }
    String status = t.poll();
    out.put("task_status", status);
    out.put("submit_time", t.submitTime);
    if (!status.equals("PENDING")) {
      out.put("scheduled_time", t.submitTime);
    }
    switch (status) {
      case "SUCCEEDED" -> {
        out.put("end_time", LocalDateTime.now().format(TIME));
        if (t.kind.equals("video")) {
          succeedVideo(t, out, reply.putObject("usage"));
        } else {
          succeedAsr(t, out, reply.putObject("usage"));
        }
      }
      case "FAILED" -> {
        out.put("end_time", LocalDateTime.now().format(TIME));
        out.put("code", t.script.code() == null ? "InternalError" : t.script.code());
        out.put("message", t.script.message() == null ? "The task failed." : t.script.message());
      }
      default -> {}
    }
    sendJson(ex, 200, reply);
  }

  private void succeedVideo(Task t, ObjectNode out, ObjectNode usage) {
    JsonNode input = t.request.path("input");
    JsonNode params = t.request.path("parameters");
    out.put(
        "video_url",
        baseUrl()
            + "/files/"
            + t.id
            + ".mp4?Expires=1767225600&OSSAccessKeyId=LTAItest&Signature=abc%3D");
    String prompt = input.path("prompt").asText("");
    out.put("orig_prompt", prompt);
    if (params.path("prompt_extend").asBoolean(true)) {
      out.put("actual_prompt", prompt + " Cinematic lighting, a slow dolly-in, rich detail.");
    }
    usage.put("video_duration", params.path("duration").asInt(5));
    usage.put("video_count", 1);
    String res = params.path("resolution").asText(params.path("size").asText("1920*1080"));
    usage.put(
        "SR", res.endsWith("P") ? Integer.parseInt(res.substring(0, res.length() - 1)) : 1080);
  }

  private void succeedAsr(Task t, ObjectNode out, ObjectNode usage) {
    ArrayNode results = out.putArray("results");
    JsonNode files = t.request.path("input").path("file_urls");
    int failed = 0;
    for (int i = 0; i < files.size(); i++) {
      ObjectNode r = results.addObject();
      String url = files.get(i).asText();
      r.put("file_url", url);
      String[] failure = failingFiles.get(url);
      if (failure != null) {
        r.put("subtask_status", "FAILED");
        r.put("code", failure[0]);
        r.put("message", failure[1]);
        failed++;
        continue;
      }
      r.put(
          "transcription_url",
          baseUrl() + "/results/" + t.id + "-" + i + ".json?Expires=1767225600&Signature=abc");
      r.put("subtask_status", "SUCCEEDED");
    }
    ObjectNode metrics = out.putObject("task_metrics");
    metrics.put("TOTAL", files.size());
    metrics.put("SUCCEEDED", files.size() - failed);
    metrics.put("FAILED", failed);
    usage.put("duration", 6);
  }

  private void cancel(HttpExchange ex, String path) throws IOException {
    if (!authorised(ex, true)) {
      sendJson(ex, 401, error("InvalidApiKey", "Invalid API-key provided."));
      return;
    }
    Matcher m = TASK_PATH.matcher(path);
    m.matches();
    Task t = tasks.get(m.group(1));
    if (t == null) {
      sendJson(ex, 400, error("InvalidParameter", "task does not exist"));
      return;
    }
    if (!t.cancel()) {
      sendJson(
          ex,
          400,
          error(
              "UnsupportedOperation",
              "Failed to cancel the task, please confirm if the task is in PENDING status."));
      return;
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.put("request_id", UUID.randomUUID().toString());
    sendJson(ex, 200, reply);
  }

  private void policy(HttpExchange ex) throws IOException {
    if (!authorised(ex, true)) {
      sendJson(ex, 401, error("InvalidApiKey", "Invalid API-key provided."));
      return;
    }
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    if (!"getPolicy".equals(q.get("action")) || q.getOrDefault("model", "").isEmpty()) {
      sendJson(ex, 400, error("InvalidParameter", "action=getPolicy and model are required"));
      return;
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.put("request_id", UUID.randomUUID().toString());
    ObjectNode out = reply.putObject("output");
    out.put(
        "policy",
        Base64.getEncoder()
            .encodeToString(
                "{\"expiration\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8)));
    out.put("signature", "c2lnbmF0dXJlLWZvci10ZXN0cw==");
    out.put("upload_dir", UPLOAD_DIR);
    out.put("upload_host", baseUrl() + "/oss");
    out.put("expire_in_seconds", 300);
    out.put("max_file_size_mb", 100);
    out.put("capacity_limit_mb", 999999);
    out.put("oss_access_key_id", "LTAI5tWeftTestKey");
    out.put("x_oss_object_acl", "private");
    out.put("x_oss_forbid_overwrite", "true");
    sendJson(ex, 200, reply);
  }

  private void ossUpload(HttpExchange ex, byte[] body) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("multipart/form-data; boundary=")) {
      sendXml(ex, 400, "InvalidArgument", "Content-Type must be multipart/form-data");
      return;
    }
    if (ex.getRequestHeaders().containsKey("Authorization")) {
      sendXml(ex, 400, "InvalidArgument", "Authorization is not expected on a policy upload");
      return;
    }
    Map<String, byte[]> form = Multiparts.parse(body, type.substring(type.indexOf('=') + 1));
    for (String f :
        List.of("OSSAccessKeyId", "Signature", "policy", "key", "success_action_status", "file")) {
      if (!form.containsKey(f)) {
        sendXml(ex, 400, "InvalidArgument", "missing form field " + f);
        return;
      }
    }
    String key = new String(form.get("key"), StandardCharsets.UTF_8);
    if (!key.startsWith(UPLOAD_DIR + "/")) {
      sendXml(ex, 403, "AccessDenied", "key is outside the policy's upload_dir");
      return;
    }
    if (uploads.putIfAbsent(key, form.get("file")) != null) {
      sendXml(
          ex,
          409,
          "FileAlreadyExists",
          "The object you specified already exists and can not be overwritten.");
      return;
    }
    ex.sendResponseHeaders(200, -1);
  }

  private void download(HttpExchange ex, String path) throws IOException {
    if (path.startsWith("/files/") && path.endsWith(".mp4")) {
      String id = path.substring("/files/".length(), path.length() - 4);
      if (!tasks.containsKey(id)) {
        sendXml(ex, 404, "NoSuchKey", "The specified key does not exist.");
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "video/mp4");
      ex.sendResponseHeaders(200, mp4.length);
      try (OutputStream out = ex.getResponseBody()) {
        // in pieces, so progress has something to report
        for (int off = 0; off < mp4.length; off += 2048) {
          out.write(mp4, off, Math.min(2048, mp4.length - off));
          out.flush();
        }
      }
      return;
    }
    if (path.startsWith("/results/") && path.endsWith(".json")) {
      String name = path.substring("/results/".length(), path.length() - ".json".length());
      int dash = name.lastIndexOf('-');
      Task t = dash < 0 ? null : tasks.get(name.substring(0, dash));
      if (t == null) {
        sendXml(ex, 404, "NoSuchKey", "The specified key does not exist.");
        return;
      }
      int index = Integer.parseInt(name.substring(dash + 1));
      sendJson(ex, 200, transcription(t, index));
      return;
    }
    sendXml(ex, 404, "NoSuchKey", "The specified key does not exist.");
  }

  /**
   * The transcription JSON of file {@code index} of a task (spec A.4.1, times in ms): two sentences
   * with words and punctuation; with diarization each sentence names a speaker (0, then 1); the
   * text says which language hints and model the request named, so a test can see they arrived.
   */
  private ObjectNode transcription(Task t, int index) {
    JsonNode params = t.request.path("parameters");
    boolean diarization = params.path("diarization_enabled").asBoolean(false);
    List<String> hints = new ArrayList<>();
    params.path("language_hints").forEach(h -> hints.add(h.asText()));
    ObjectNode r = JSON.createObjectNode();
    r.put("file_url", t.request.path("input").path("file_urls").path(index).asText());
    ObjectNode props = r.putObject("properties");
    props.put("audio_format", "pcm_s16le");
    props.putArray("channels").add(0);
    props.put("original_sampling_rate", 16000);
    props.put("original_duration_in_milliseconds", 5200);
    ObjectNode tr = r.putArray("transcripts").addObject();
    tr.put("channel_id", 0);
    tr.put("content_duration_in_milliseconds", 4800);
    String[][] sentences = {
      {"Hello", "from", "the", "test", "server"},
      {
        "Hints",
        hints.isEmpty() ? "none" : String.join("+", hints),
        "model",
        t.request.path("model").asText()
      }
    };
    long[][] times = {{120, 2300}, {2900, 5100}};
    ArrayNode list = tr.putArray("sentences");
    StringBuilder all = new StringBuilder();
    for (int k = 0; k < sentences.length; k++) {
      ObjectNode s = list.addObject();
      String text = String.join(" ", sentences[k]) + ".";
      s.put("begin_time", times[k][0]);
      s.put("end_time", times[k][1]);
      s.put("text", text);
      s.put("sentence_id", k + 1);
      if (diarization) {
        s.put("speaker_id", k);
      }
      ArrayNode words = s.putArray("words");
      long step = (times[k][1] - times[k][0]) / sentences[k].length;
      for (int w = 0; w < sentences[k].length; w++) {
        ObjectNode word = words.addObject();
        word.put("begin_time", times[k][0] + w * step);
        word.put("end_time", times[k][0] + (w + 1) * step);
        word.put("text", sentences[k][w]);
        word.put("punctuation", w == sentences[k].length - 1 ? "." : "");
      }
      all.append(all.isEmpty() ? "" : " ").append(text);
    }
    tr.put("text", all.toString());
    return r;
  }

  // ---- chat ----

  private void models(HttpExchange ex, String path) throws IOException {
    if (!authorised(ex, isCompat(path) || selfHostedNeedsKey)) {
      sendJson(
          ex,
          401,
          openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
      return;
    }
    List<String> ids =
        isCompat(path)
            ? List.of("qwen3-vl-plus", "qwen3-vl-flash", "qwen3-omni-flash")
            : selfHostedModels;
    ObjectNode reply = JSON.createObjectNode();
    reply.put("object", "list");
    ArrayNode data = reply.putArray("data");
    for (String id : ids) {
      ObjectNode m = data.addObject();
      m.put("id", id);
      m.put("object", "model");
      m.put("created", 1767225600);
      m.put("owned_by", isCompat(path) ? "system" : "vllm");
    }
    sendJson(ex, 200, reply);
  }

  private void chat(HttpExchange ex, String path, byte[] body)
      throws IOException, InterruptedException {
    boolean compat = isCompat(path);
    boolean vllmOmni = isVllmOmni(path);
    if (!authorised(ex, compat || selfHostedNeedsKey)) {
      sendJson(
          ex,
          401,
          openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
      return;
    }
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (IOException e) {
      sendJson(
          ex,
          400,
          openAiError(
              "We could not parse the JSON body of your request.",
              "invalid_request_error",
              "invalid_parameter_error"));
      return;
    }
    String model = req.path("model").asText("");
    if (model.isEmpty()) {
      sendJson(
          ex,
          400,
          openAiError(
              "you must provide a model parameter",
              "invalid_request_error",
              "invalid_parameter_error"));
      return;
    }
    boolean stream = req.path("stream").asBoolean(false);
    boolean omni = model.toLowerCase().contains("omni");
    if (compat && omni && !stream) {
      sendJson(
          ex,
          400,
          openAiError(
              "This model only support stream mode, please enable the stream parameter to access the model. ",
              "invalid_request_error",
              "invalid_parameter_error"));
      return;
    }
    if (vllmOmni && stream && !vllmOmniStreams) {
      sendJson(ex, 400, openAiError("Not support streaming output now.", "BadRequestError", "400"));
      return;
    }
    Prompt prompt = Prompt.of(req);
    if (omni && prompt.mediaKinds().size() > 1) {
      sendJson(
          ex,
          400,
          openAiError(
              "The model accepts text combined with a single additional modality (image, audio, or video).",
              "invalid_request_error",
              "invalid_parameter_error"));
      return;
    }
    boolean audio = false;
    for (JsonNode m : req.path("modalities")) {
      audio |= m.asText().equals("audio");
    }
    ChatScript script = nextChats.poll();
    if (script == null) {
      script = defaultChat;
    }
    List<String> text = script.textPieces() != null ? script.textPieces() : prompt.answer();
    byte[] pcm = audio ? (script.audioPcm() != null ? script.audioPcm() : tone(0.5)) : null;
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    if (!stream) {
      sendJson(ex, 200, whole(id, model, script, text, pcm, vllmOmni));
      return;
    }
    byte[] sse = streamBody(id, model, script, text, pcm, vllmOmni);
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    int[] splits = script.splitSizes();
    int off = 0;
    int i = 0;
    long limit = script.dropAfterBytes() < 0 ? Long.MAX_VALUE : script.dropAfterBytes();
    while (off < sse.length && off < limit) {
      int n = (int) Math.min(Math.min(splits[i++ % splits.length], sse.length - off), limit - off);
      out.write(sse, off, n);
      out.flush();
      off += n;
      if (!script.pause().isZero()) {
        Thread.sleep(script.pause());
      }
    }
    out.close();
  }

  private ObjectNode whole(
      String id, String model, ChatScript script, List<String> text, byte[] pcm, boolean vllmOmni) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("id", id);
    reply.put("object", "chat.completion");
    reply.put("created", System.currentTimeMillis() / 1000);
    reply.put("model", model);
    ArrayNode choices = reply.putArray("choices");
    ObjectNode c = choices.addObject();
    c.put("index", 0);
    ObjectNode msg = c.putObject("message");
    msg.put("role", "assistant");
    msg.put("content", String.join("", text));
    if (!script.reasoningPieces().isEmpty()) {
      msg.put("reasoning_content", String.join("", script.reasoningPieces()));
    }
    c.put("finish_reason", "stop");
    if (pcm != null) {
      ObjectNode a;
      if (vllmOmni) {
        ObjectNode c2 = choices.addObject();
        c2.put("index", 1);
        ObjectNode m2 = c2.putObject("message");
        m2.put("role", "assistant");
        m2.putNull("content");
        a = m2.putObject("audio");
        c2.put("finish_reason", "stop");
      } else {
        a = msg.putObject("audio");
      }
      a.put("id", "audio_" + id);
      a.put("data", Base64.getEncoder().encodeToString(wav(pcm, 24000, 1)));
      a.put("expires_at", System.currentTimeMillis() / 1000 + 3600);
    }
    reply.set("usage", usage(text));
    return reply;
  }

  private byte[] streamBody(
      String id, String model, ChatScript script, List<String> text, byte[] pcm, boolean vllmOmni) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(": weft protocol test server\n\n".getBytes(StandardCharsets.UTF_8));
    List<String> audioFragments = new ArrayList<>();
    if (pcm != null) {
      if (vllmOmni) {
        // newer vLLM-Omni: each audio delta is a small WAV file of its own
        int step = 24000 / 5 * 2;
        for (int off = 0; off < pcm.length; off += step) {
          byte[] part = Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + step));
          audioFragments.add(Base64.getEncoder().encodeToString(wav(part, 24000, 1)));
        }
      } else {
        String all = Base64.getEncoder().encodeToString(pcm);
        for (int off = 0; off < all.length(); off += script.audioFragmentChars()) {
          audioFragments.add(
              all.substring(off, Math.min(all.length(), off + script.audioFragmentChars())));
        }
      }
    }
    for (String r : script.reasoningPieces()) {
      event(out, chunk(id, model, 0, delta("reasoning_content", r), null));
    }
    int audioIndex = 0;
    int perPiece =
        text.isEmpty() ? audioFragments.size() : Math.max(1, audioFragments.size() / text.size());
    for (int i = 0; i < text.size(); i++) {
      if (i == script.errorAfterPieces()) {
        String code = script.errorCode() == null ? "data_inspection_failed" : script.errorCode();
        event(out, openAiError("Output data may contain inappropriate content.", code, code));
        return out.toByteArray();
      }
      event(out, chunk(id, model, 0, delta("content", text.get(i)), null));
      if (i == text.size() / 2) {
        out.writeBytes(": keep-alive\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      }
      for (int k = 0; k < perPiece && audioIndex < audioFragments.size(); k++) {
        event(
            out,
            chunk(
                id,
                model,
                vllmOmni ? 1 : 0,
                audioDelta(id, audioFragments.get(audioIndex++)),
                null));
      }
    }
    while (audioIndex < audioFragments.size()) {
      event(
          out,
          chunk(
              id, model, vllmOmni ? 1 : 0, audioDelta(id, audioFragments.get(audioIndex++)), null));
    }
    event(out, chunk(id, model, 0, JSON.createObjectNode(), "stop"));
    ObjectNode usageChunk = JSON.createObjectNode();
    usageChunk.put("id", id);
    usageChunk.put("object", "chat.completion.chunk");
    usageChunk.put("model", model);
    usageChunk.putArray("choices");
    usageChunk.set("usage", usage(text));
    event(out, usageChunk);
    if (!script.omitDone()) {
      out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static ObjectNode chunk(
      String id, String model, int index, ObjectNode delta, String finish) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", id);
    c.put("object", "chat.completion.chunk");
    c.put("created", System.currentTimeMillis() / 1000);
    c.put("model", model);
    ObjectNode ch = c.putArray("choices").addObject();
    ch.put("index", index);
    ch.set("delta", delta);
    if (finish == null) {
      ch.putNull("finish_reason");
    } else {
      ch.put("finish_reason", finish);
    }
    return c;
  }

  private static ObjectNode delta(String field, String value) {
    ObjectNode d = JSON.createObjectNode();
    d.put(field, value);
    return d;
  }

  private static ObjectNode audioDelta(String id, String data) {
    ObjectNode d = JSON.createObjectNode();
    ObjectNode a = d.putObject("audio");
    a.put("data", data);
    a.put("id", "audio_" + id);
    a.put("expires_at", System.currentTimeMillis() / 1000 + 3600);
    return d;
  }

  private static void event(ByteArrayOutputStream out, JsonNode json) {
    out.writeBytes(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode usage(List<String> text) {
    ObjectNode u = JSON.createObjectNode();
    int completion = text.size();
    u.put("prompt_tokens", 42);
    u.put("completion_tokens", completion);
    u.put("total_tokens", 42 + completion);
    return u;
  }

  // ---- replies ----

  private static ObjectNode error(String code, String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("request_id", UUID.randomUUID().toString());
    e.put("code", code);
    e.put("message", message);
    return e;
  }

  private static ObjectNode openAiError(String message, String type, String code) {
    ObjectNode e = JSON.createObjectNode();
    ObjectNode err = e.putObject("error");
    err.put("message", message);
    err.put("type", type);
    err.putNull("param");
    err.put("code", code);
    e.put("request_id", UUID.randomUUID().toString());
    return e;
  }

  private static ObjectNode errorFor(String path, String code, String message) {
    if (path.contains("/v1/chat/") || path.endsWith("/v1/models")) {
      return openAiError(
          message == null ? "error" : message, code == null ? "server_error" : code, code);
    }
    return error(code, message);
  }

  private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] b = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private static void sendXml(HttpExchange ex, int status, String code, String message)
      throws IOException {
    byte[] b =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>"
                + UUID.randomUUID()
                + "</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/xml");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  /** One task on the server. */
  private static final class Task {
    final String id;
    final String kind;
    final TaskScript script;
    final JsonNode request;
    final long created = System.nanoTime();
    final String submitTime = LocalDateTime.now().format(TIME);
    volatile int polls;
    volatile boolean cancelled;

    Task(String id, String kind, TaskScript script, JsonNode request) {
      this.id = id;
      this.kind = kind;
      this.script = script;
      this.request = request;
    }

    synchronized String poll() {
      polls++;
      return status(polls);
    }

    synchronized boolean cancel() {
      String s = status(polls);
      if (s.equals("PENDING") || s.equals("RUNNING")) {
        cancelled = true;
        return true;
      }
      return false;
    }

    private String status(int poll) {
      if (cancelled) {
        return "CANCELED";
      }
      if (script.timed()) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - created);
        Duration pending = script.pendingTime() == null ? Duration.ZERO : script.pendingTime();
        Duration running = script.runningTime() == null ? Duration.ZERO : script.runningTime();
        if (elapsed.compareTo(pending) < 0) {
          return "PENDING";
        }
        if (elapsed.compareTo(pending.plus(running)) < 0) {
          return "RUNNING";
        }
        return script.outcome();
      }
      if (poll <= script.pendingPolls()) {
        return "PENDING";
      }
      if (poll <= script.pendingPolls() + script.runningPolls()) {
        return "RUNNING";
      }
      return script.outcome();
    }
  }
}
