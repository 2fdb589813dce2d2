package dev.weft.pipelines.backends.dashscope;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.http.CallKind;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.backends.http.HttpCall;
import dev.weft.pipelines.settings.VideoModels;
import dev.weft.pipelines.settings.WanModelShape;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Wan video synthesis (spec A.2 and D): builds each model's request body from its configured {@link
 * WanModelShape}, submits it as an async task, awaits it, and downloads the MP4.
 */
public final class WanVideoClient {
  public static final String PATH = "/services/aigc/video-generation/video-synthesis";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final long MAX_SEED = 2147483647L;

  private final AsyncTaskClient tasks;
  private final VideoModels models;

  public WanVideoClient(AsyncTaskClient tasks, VideoModels models) {
    this.tasks = tasks;
    this.models = models;
  }

  public VideoModels models() {
    return models;
  }

  /** The shape for a model, or an error that says how to add one. */
  public WanModelShape shape(String model) {
    return models
        .shape(model)
        .orElseThrow(() ->
            new WeftException(
                "the video model \"" + model + "\" has no request shape",
                Location.NONE.withParam("model"),
                "pick one of "
                    + String.join(", ", models.shapes().keySet())
                    + ", or describe it under models.video.shapes in settings.json",
                null));
  }

  /** The JSON body for a request, after checking every value against the model's shape. */
  public ObjectNode body(WanRequest r) {
    WanModelShape shape = shape(r.model());
    String mode = r.mode();
    if (!shape.serves(mode)) {
      throw bad(
          mode.equals("i2v") ? "image" : "model",
          r.model()
              + (mode.equals("i2v")
                  ? " makes video from text only; it takes no first-frame image"
                  : " needs a first-frame image (it is an image-to-video model)"),
          "use "
              + models.defaultFor(mode)
              + " for "
              + (mode.equals("i2v") ? "image" : "text")
              + "-to-video");
    }
    if (r.prompt() == null || r.prompt().isBlank()) {
      if (mode.equals("t2v")) {
        throw bad("prompt", "text-to-video needs a prompt", "describe the video to make");
      }
    } else if (shape.maxPromptChars() > 0 && r.prompt().length() > shape.maxPromptChars()) {
      throw bad(
          "prompt",
          "the prompt has "
              + r.prompt().length()
              + " characters; "
              + r.model()
              + " takes at most "
              + shape.maxPromptChars(),
          "shorten the prompt");
    }
    ObjectNode body = F.objectNode();
    body.put("model", r.model());
    ObjectNode input = body.putObject("input");
    if (r.prompt() != null && !r.prompt().isBlank()) {
      input.put("prompt", r.prompt());
    }
    if (r.negativePrompt() != null && !r.negativePrompt().isBlank()) {
      if (!shape.negativePrompt()) {
        throw bad("negative prompt", r.model() + " takes no negative prompt", "leave it empty");
      }
      input.put("negative_prompt", r.negativePrompt());
    }
    if (r.imageUrl() != null) {
      input.put(shape.imageField(), r.imageUrl());
    }
    if (r.audioUrl() != null) {
      if (!shape.audioInput()) {
        throw bad("audio", r.model() + " takes no audio input", "disconnect the audio input");
      }
      input.put("audio_url", r.audioUrl());
    }
    ObjectNode params = body.putObject("parameters");
    if (shape.usesSize()) {
      if (r.resolution() != null && r.size() == null) {
        throw bad(
            "resolution",
            r.model() + " takes a size (\"W*H\"), not a resolution tier",
            "pick one of " + String.join(", ", shape.sizes()));
      }
      String size = r.size() != null ? normaliseSize(r.size()) : shape.defaultSize();
      check("size", size, shape.sizes(), r.model());
      if (size != null) {
        params.put("size", size);
      }
    } else {
      if (r.size() != null && r.resolution() == null) {
        throw bad(
            "size",
            r.model()
                + " takes a resolution tier, not a size; it keeps the aspect ratio of the"
                + (mode.equals("i2v") ? " input image" : " chosen ratio"),
            "pick one of " + String.join(", ", shape.resolutions()));
      }
      String res =
          r.resolution() != null
              ? r.resolution().toUpperCase(java.util.Locale.ROOT)
              : shape.defaultResolution();
      check("resolution", res, shape.resolutions(), r.model());
      if (res != null) {
        params.put("resolution", res);
      }
      if (!shape.ratios().isEmpty()) {
        String ratio = r.ratio() != null ? r.ratio() : shape.defaultRatio();
        check("ratio", ratio, shape.ratios(), r.model());
        if (ratio != null) {
          params.put("ratio", ratio);
        }
      } else if (r.ratio() != null) {
        throw bad("ratio", r.model() + " takes no ratio", "leave it empty");
      }
    }
    int duration = r.duration() != null ? r.duration() : shape.defaultDuration();
    if (!shape.durations().isEmpty() && !shape.durations().contains(duration)) {
      throw bad(
          "duration",
          r.model()
              + " makes videos of "
              + describeDurations(shape.durations())
              + ", not "
              + duration
              + " s",
          "pick one of those durations");
    }
    params.put("duration", duration);
    if (r.promptExtend() != null && shape.promptExtend()) {
      params.put("prompt_extend", r.promptExtend());
    }
    if (r.watermark() != null && shape.watermark()) {
      params.put("watermark", r.watermark());
    }
    if (r.seed() != null) {
      if (r.seed() < 0 || r.seed() > MAX_SEED) {
        throw bad("seed", "the seed must be between 0 and " + MAX_SEED + ", got " + r.seed(), null);
      }
      if (shape.seed()) {
        params.put("seed", r.seed());
      }
    }
    if (r.shotType() != null) {
      check("shot type", r.shotType(), shape.shotTypes(), r.model());
      if (shape.shotTypes().isEmpty()) {
        throw bad("shot type", r.model() + " has no shot types", "leave it empty");
      }
      params.put("shot_type", r.shotType());
    }
    if (r.audio() != null) {
      if (shape.audioSwitch() == null) {
        if (!r.audio()) {
          throw bad(
              "audio", r.model() + " always makes video with audio; it cannot be turned off", null);
        }
      } else {
        params.put(shape.audioSwitch(), r.audio());
      }
    }
    return body;
  }

  /** Submits a request and returns the task id, which the caller should keep to resume. */
  public String submit(WanRequest r, CancelSignal cancel) {
    ObjectNode body = body(r);
    boolean oss = isOss(r.imageUrl()) || isOss(r.audioUrl());
    return tasks.create("video task", PATH, body, oss, cancel);
  }

  /** Waits for a task (new or resumed) to finish. */
  public WanResult await(
      String taskId, Duration timeout, TaskListener listener, CancelSignal cancel) {
    TaskSnapshot s = tasks.await("video task", taskId, timeout, listener, cancel);
    WanResult result = WanResult.of(s);
    if (result.videoUrl() == null || result.videoUrl().isBlank()) {
      throw new CloudException(
          CloudException.Kind.PROTOCOL,
          DashScopeClient.SERVICE,
          200,
          null,
          s.requestId(),
          "video task " + taskId + " succeeded but named no video_url",
          CloudException.hintFor(CloudException.Kind.PROTOCOL),
          null);
    }
    return result;
  }

  /**
   * Downloads the finished video. The URL is pre-signed, so no key is sent with it (it goes to a
   * storage host, not to the API).
   */
  public long download(WanResult result, Path target, LongConsumer progress, CancelSignal cancel) {
    HttpCall call =
        HttpCall.get(DashScopeClient.SERVICE, "video download", URI.create(result.videoUrl()))
            .kind(CallKind.READ);
    return tasks.dashScope().http().download(call, target, progress, cancel);
  }

  private static boolean isOss(String url) {
    return url != null && url.startsWith("oss://");
  }

  private static String normaliseSize(String size) {
    return size.strip().replace('x', '*').replace('X', '*').replace('×', '*');
  }

  private static void check(String param, String value, List<String> allowed, String model) {
    if (value != null && !allowed.isEmpty() && !allowed.contains(value)) {
      throw bad(
          param,
          model + " does not take " + param + " \"" + value + "\"",
          "pick one of " + String.join(", ", allowed));
    }
  }

  private static String describeDurations(List<Integer> d) {
    List<Integer> fixed = d.stream().filter(x -> x > 0).sorted().toList();
    String auto = d.contains(-1) ? " (or -1 to let the model choose)" : "";
    if (fixed.size() > 2 && fixed.getLast() - fixed.getFirst() == fixed.size() - 1) {
      return fixed.getFirst() + " to " + fixed.getLast() + " s" + auto;
    }
    return fixed.stream().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("?")
        + " s"
        + auto;
  }

  private static WeftException bad(String param, String message, String hint) {
    return new WeftException(message, Location.NONE.withParam(param), hint, null);
  }
}
