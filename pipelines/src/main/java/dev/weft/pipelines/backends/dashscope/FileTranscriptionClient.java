package dev.weft.pipelines.backends.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.http.CallKind;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.backends.http.HttpCall;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * DashScope recorded-file transcription (Fun-ASR, protocol spec A.4.1 and D): creates a task for
 * files at public http(s) URLs, awaits it on the async-task protocol, and fetches each file's
 * transcription JSON (sentences, words and, with diarization, speakers; times in milliseconds). The
 * file API takes URLs only, no upload and no inline audio, so {@link #check} refuses anything else
 * before a task is paid for.
 */
public final class FileTranscriptionClient {
  public static final String PATH = "/services/audio/asr/transcription";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AsyncTaskClient tasks;

  public FileTranscriptionClient(AsyncTaskClient tasks) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
  }

  /**
   * What to transcribe.
   *
   * @param languageHints language codes the audio is in (empty lets the model detect)
   * @param diarization whether to tell speakers apart
   */
  public record Request(
      String model, List<String> fileUrls, List<String> languageHints, boolean diarization) {
    public Request {
      Objects.requireNonNull(model, "model");
      fileUrls = List.copyOf(fileUrls);
      languageHints = List.copyOf(languageHints);
      if (fileUrls.isEmpty()) {
        throw new IllegalArgumentException("a transcription needs at least one file URL");
      }
    }
  }

  /** One file's outcome in a finished task. */
  public record FileResult(
      String fileUrl, String transcriptionUrl, String status, String code, String message) {
    public boolean succeeded() {
      return "SUCCEEDED".equalsIgnoreCase(status);
    }
  }

  /** A word with its times (ms) and the punctuation that follows it. */
  public record Word(long beginMs, long endMs, String text, String punctuation) {}

  /** A sentence with its times (ms), text, speaker (with diarization, else null) and words. */
  public record Sentence(
      long beginMs, long endMs, String text, Integer speakerId, List<Word> words) {
    public Sentence {
      words = List.copyOf(words);
    }
  }

  /** One channel's transcript. */
  public record Channel(int channelId, String text, List<Sentence> sentences) {
    public Channel {
      sentences = List.copyOf(sentences);
    }
  }

  /** One file's transcription JSON, read. */
  public record Transcription(String fileUrl, long durationMs, List<Channel> channels) {
    public Transcription {
      channels = List.copyOf(channels);
    }
  }

  /**
   * Refuses a URL the file API cannot fetch: anything but http(s) (a local path, {@code file:},
   * {@code oss://}) says what to do instead.
   */
  public static void check(String url) {
    URI u;
    try {
      u = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw notPublic(url);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw notPublic(url);
    }
  }

  private static WeftException notPublic(String url) {
    return new WeftException(
        "DashScope's file transcription takes public http(s) URLs only, not \"" + url + "\"",
        Location.NONE.withParam("audio_url"),
        "put the audio where the service can download it (your own bucket or web server) and give"
            + " its URL; or transcribe on this machine (backend Local)");
  }

  /** The task request body. */
  public ObjectNode body(Request r) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", r.model());
    ArrayNode urls = body.putObject("input").putArray("file_urls");
    for (String u : r.fileUrls()) {
      check(u);
      urls.add(u.strip());
    }
    ObjectNode params = body.putObject("parameters");
    params.putArray("channel_id").add(0);
    params.put("diarization_enabled", r.diarization());
    if (!r.languageHints().isEmpty()) {
      ArrayNode hints = params.putArray("language_hints");
      r.languageHints().forEach(hints::add);
    }
    return body;
  }

  /** Creates the task and returns its id, which the caller should keep to resume. */
  public String submit(Request r, CancelSignal cancel) {
    return tasks.create("transcription task", PATH, body(r), false, cancel);
  }

  /** Waits for a task (new or resumed) to finish; one result per file, in request order. */
  public List<FileResult> await(
      String taskId, Duration timeout, TaskListener listener, CancelSignal cancel) {
    TaskSnapshot s = tasks.await("transcription task", taskId, timeout, listener, cancel);
    List<FileResult> out = new ArrayList<>();
    for (JsonNode r : s.output().path("results")) {
      out.add(
          new FileResult(
              text(r, "file_url"),
              text(r, "transcription_url"),
              text(r, "subtask_status"),
              text(r, "code"),
              text(r, "message")));
    }
    if (out.isEmpty()) {
      throw protocol(s.requestId(), "transcription task " + taskId + " succeeded with no results");
    }
    return out;
  }

  /**
   * Downloads and reads one file's transcription. The URL is pre-signed, so no key goes with it.
   *
   * @throws CloudException for a failed file (with the service's code and message)
   */
  public Transcription fetch(FileResult result, CancelSignal cancel) {
    if (!result.succeeded()) {
      throw new CloudException(
          CloudException.Kind.TASK_FAILED,
          DashScopeClient.SERVICE,
          200,
          result.code(),
          null,
          "transcribing "
              + result.fileUrl()
              + " failed"
              + (result.code() != null ? " with " + result.code() : "")
              + (result.message() != null ? ": " + result.message() : ""),
          result.code() != null && result.code().toLowerCase(Locale.ROOT).contains("download")
              ? "check that the URL is public and points at the audio file itself"
              : CloudException.hintFor(CloudException.Kind.TASK_FAILED),
          null);
    }
    if (result.transcriptionUrl() == null || result.transcriptionUrl().isBlank()) {
      throw protocol(null, "the result for " + result.fileUrl() + " names no transcription_url");
    }
    HttpCall call =
        HttpCall.get(
                DashScopeClient.SERVICE,
                "transcription download",
                URI.create(result.transcriptionUrl()))
            .kind(CallKind.READ);
    return parse(tasks.dashScope().http().send(call, cancel).json());
  }

  /** Reads a transcription JSON (spec A.4.1). */
  public static Transcription parse(JsonNode n) {
    List<Channel> channels = new ArrayList<>();
    for (JsonNode t : n.path("transcripts")) {
      List<Sentence> sentences = new ArrayList<>();
      for (JsonNode s : t.path("sentences")) {
        List<Word> words = new ArrayList<>();
        for (JsonNode w : s.path("words")) {
          words.add(
              new Word(
                  w.path("begin_time").asLong(),
                  w.path("end_time").asLong(),
                  w.path("text").asText(""),
                  w.path("punctuation").asText("")));
        }
        sentences.add(
            new Sentence(
                s.path("begin_time").asLong(),
                s.path("end_time").asLong(),
                s.path("text").asText(""),
                s.hasNonNull("speaker_id") ? s.get("speaker_id").asInt() : null,
                words));
      }
      channels.add(
          new Channel(t.path("channel_id").asInt(0), t.path("text").asText(""), sentences));
    }
    return new Transcription(
        n.path("file_url").asText(null),
        n.path("properties").path("original_duration_in_milliseconds").asLong(0),
        channels);
  }

  private static CloudException protocol(String requestId, String message) {
    return new CloudException(
        CloudException.Kind.PROTOCOL,
        DashScopeClient.SERVICE,
        200,
        null,
        requestId,
        message,
        CloudException.hintFor(CloudException.Kind.PROTOCOL),
        null);
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }
}
