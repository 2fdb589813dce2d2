package dev.weft.pipelines.models.video;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.video.VideoFiles;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.BackendChoice;
import dev.weft.pipelines.backends.BackendParams;
import dev.weft.pipelines.backends.BackendRequest;
import dev.weft.pipelines.backends.BackendResolver;
import dev.weft.pipelines.backends.CancelBridge;
import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.MediaUrls;
import dev.weft.pipelines.backends.Resolution;
import dev.weft.pipelines.backends.dashscope.PendingTasks;
import dev.weft.pipelines.backends.dashscope.TaskListener;
import dev.weft.pipelines.backends.dashscope.TaskStatus;
import dev.weft.pipelines.backends.dashscope.WanRequest;
import dev.weft.pipelines.backends.dashscope.WanResult;
import dev.weft.pipelines.backends.dashscope.WanVideoClient;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.CheckContext;
import dev.weft.pipelines.nodes.Lane;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeIssue;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.ParamSpec.EnumParam.Option;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.DashScopeService;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.VideoModels;
import dev.weft.pipelines.settings.WanModelShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Make video (Wan2.5)": text to video, or image to video from a first frame, with optional audio,
 * as a DashScope async task. Progress shows the task's status, the time it has taken and the time
 * such tasks usually take; the service's extended prompt comes out beside the video; the MP4 is
 * downloaded into the asset store. The task id is kept under the project's {@code
 * .weft/cloud-tasks/} until the video is stored, so a run after a restart resumes polling the same
 * task instead of paying for a new one.
 */
public final class MakeVideoNode implements NodeType {
  public static final String ID = "video.make";
  static final String FAMILY = "video";
  static final String LABEL = "Wan";

  /** Encoded first frames above this size go through the temporary upload, not a data URL. */
  static final long UPLOAD_ABOVE_BYTES = 5L << 20;

  /** First-frame limits of the Wan image-to-video models (spec A.2). */
  static final int MIN_SIDE = 360;

  static final int MAX_SIDE = 2000;

  /** Audio input limits (spec A.2): 3 to 30 seconds. */
  static final double MIN_AUDIO_SECONDS = 3;

  static final double MAX_AUDIO_SECONDS = 30;

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Make video (Wan2.5)")
          .category("Video")
          .description(
              "Makes a video from a prompt, or from a first-frame image and a prompt, with Wan on"
                  + " DashScope. Takes minutes; the task survives a restart of Weft.")
          .input(
              Port.optional("image", PortType.IMAGE)
                  .describedAs("First frame", "Makes image-to-video from this frame."))
          .input(
              Port.optional("audio", PortType.AUDIO)
                  .describedAs(
                      "Audio",
                      "3 to 30 s the video is made to (otherwise the model"
                          + " makes its own sound)."))
          .input(
              Port.optional("prompt", PortType.TEXT)
                  .describedAs("Prompt", "Replaces the prompt parameter when connected."))
          .output(Port.of("video", PortType.VIDEO).describedAs("Video", "The MP4 made."))
          .output(
              Port.of("prompt", PortType.TEXT)
                  .describedAs("Extended prompt", "The prompt as the service extended it."))
          .param(
              new ParamSpec.TextParam("prompt", "Prompt", "What happens in the video.", "", true))
          .param(
              new ParamSpec.TextParam(
                  "negative_prompt",
                  "Negative prompt",
                  "What the video should not show.",
                  "",
                  false))
          .param(
              new ParamSpec.ModelParam(
                  "model",
                  "Model",
                  "The model id; empty: the default from Settings for text or image to video.",
                  "",
                  FAMILY,
                  "text-to-video",
                  true))
          .param(
              new ParamSpec.StringParam(
                  "size",
                  "Size",
                  "Width*height for models that take a size, e.g. 1280*720; empty: the model's"
                      + " default.",
                  "",
                  true))
          .param(
              new ParamSpec.EnumParam(
                  "resolution",
                  "Resolution",
                  "The tier for models that take one (image to video keeps the frame's aspect).",
                  "",
                  List.of(
                      new Option("", "Model default"),
                      new Option("480P", "480P"),
                      new Option("720P", "720P"),
                      new Option("1080P", "1080P")),
                  true))
          .param(
              new ParamSpec.StringParam(
                  "ratio",
                  "Aspect ratio",
                  "For models that take a ratio with the tier, e.g. 16:9; empty: the model's"
                      + " default.",
                  "",
                  false))
          .param(
              new ParamSpec.IntParam(
                  "duration",
                  "Duration (s)",
                  "Seconds of video; 0: the model's default; -1: let the model choose (where"
                      + " allowed).",
                  0,
                  -1,
                  60,
                  1,
                  true))
          .param(
              new ParamSpec.SeedParam(
                  "seed", "Seed", "The same seed and inputs make the same video.", 42, false))
          .param(
              new ParamSpec.BoolParam(
                  "prompt_extend",
                  "Extend prompt",
                  "Let the service rewrite the prompt in more detail (shown on the Extended prompt"
                      + " output).",
                  true,
                  false))
          .param(
              new ParamSpec.BoolParam(
                  "watermark", "Watermark", "Ask the service to add its watermark.", false, false))
          .param(
              new ParamSpec.EnumParam(
                  "shot_type",
                  "Shots",
                  "One shot or several (models with shot types).",
                  "",
                  List.of(
                      new Option("", "Model default"),
                      new Option("single", "Single shot"),
                      new Option("multi", "Multi-shot")),
                  false))
          .param(
              new ParamSpec.EnumParam(
                  "generate_audio",
                  "Generate audio",
                  "For models that can leave out the sound.",
                  "",
                  List.of(
                      new Option("", "Model default"),
                      new Option("on", "With audio"),
                      new Option("off", "Silent")),
                  false))
          .param(BackendParams.backend())
          .lane(Lane.NETWORK)
          .keywords(
              "wan",
              "wan2.5",
              "video",
              "generate",
              "text to video",
              "image to video",
              "t2v",
              "i2v",
              "animate",
              "b-roll",
              "dashscope")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public String modelIdentity(Params params, Services services) {
    return BackendParams.identity(
        params, services, FAMILY, s -> s.models().video().defaultTextToVideo());
  }

  @Override
  public List<NodeIssue> check(Node node, CheckContext context) {
    List<NodeIssue> issues = new ArrayList<>();
    BackendRequest request =
        BackendParams.request(node, context, FAMILY, LABEL, null, false, DashScopeService.VIDEO);
    if (BackendResolver.from(context.services()).resolve(request)
        instanceof Resolution.Unavailable u) {
      issues.add(NodeIssue.error(u.param(), u.message(), u.hint()));
    }
    Optional<Settings> settings =
        context
            .services()
            .find(CloudClients.class)
            .flatMap(c -> {
              try {
                return Optional.of(c.settings());
              } catch (WeftException e) {
                return Optional.empty();
              }
            });
    String model = node.params().get("model").map(Object::toString).orElse("").strip();
    if (settings.isPresent() && !model.isEmpty()) {
      VideoModels models = settings.get().models().video();
      Optional<WanModelShape> shape = models.shape(model);
      if (shape.isEmpty()) {
        issues.add(
            NodeIssue.error(
                "model",
                "the video model \"" + model + "\" has no request shape",
                "pick one of "
                    + String.join(", ", models.shapes().keySet())
                    + ", or describe it under models.video.shapes in settings.json"));
      } else if (shape.get().modes().size() == 1) {
        // the mode is fixed by the model, so every parameter can be checked now
        boolean i2v = shape.get().serves(WanModelShape.I2V);
        WanRequest r =
            request(node.params(), model, "check", i2v ? "data:image/jpeg;base64," : null, null);
        try {
          new WanVideoClient(null, models).body(r);
        } catch (WeftException e) {
          issues.add(NodeIssue.error(paramOf(e), e.getMessage(), e.hint().orElse(null)));
        }
      }
    }
    return issues;
  }

  /** The node parameter a request error names (the client names them for people). */
  private static String paramOf(WeftException e) {
    String p = e.location().param();
    if (p == null) {
      return null;
    }
    return switch (p) {
      case "negative prompt" -> "negative_prompt";
      case "shot type" -> "shot_type";
      case "audio" -> "generate_audio";
      case "image" -> "model";
      default -> p;
    };
  }

  /** A Wan request from the parameters; {@code prompt} and the media URLs come from the caller. */
  static WanRequest request(
      Params params, String model, String prompt, String imageUrl, String audioUrl) {
    String size = str(params, "size");
    String resolution = str(params, "resolution");
    String ratio = str(params, "ratio");
    long duration = params.get("duration").map(v -> ((Number) v).longValue()).orElse(0L);
    String shot = str(params, "shot_type");
    String audio = str(params, "generate_audio");
    return new WanRequest(
        model,
        prompt,
        emptyToNull(str(params, "negative_prompt")),
        imageUrl,
        audioUrl,
        emptyToNull(size),
        emptyToNull(resolution),
        emptyToNull(ratio),
        duration == 0 ? null : (int) duration,
        params.get("seed").map(v -> ((Number) v).longValue()).orElse(42L),
        (Boolean) params.get("prompt_extend").orElse(true),
        (Boolean) params.get("watermark").orElse(false),
        emptyToNull(shot),
        audio.isEmpty() ? null : audio.equals("on"));
  }

  private static String str(Params params, String name) {
    return params.get(name).map(Object::toString).orElse("").strip();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    Optional<ImageAsset> image = context.optionalInput("image", ImageAsset.class);
    Optional<AudioAsset> audio = context.optionalInput("audio", AudioAsset.class);
    String prompt =
        context
            .optionalInput("prompt", TextAsset.class)
            .map(TextAsset::text)
            .orElse(context.string("prompt"))
            .strip();
    if (prompt.isEmpty() && image.isEmpty()) {
      throw context.paramError(
          "prompt", "text-to-video needs a prompt", "describe the video, or connect a first frame");
    }
    Location here = Location.node(context.node().id(), context.node().displayTitle());
    BackendRequest request =
        BackendParams.request(context, FAMILY, LABEL, null, false, DashScopeService.VIDEO);
    BackendChoice choice = BackendResolver.from(context.services()).resolve(request).orThrow(here);
    if (!(choice instanceof BackendChoice.DashScope dashScope)) {
      throw context.error(
          "Wan video runs on DashScope only, not on " + choice.id(), "set the backend to Cloud");
    }
    CloudClients clients = context.services().get(CloudClients.class).forRun(request.offline());
    VideoModels models = clients.settings().models().video();
    String mode = image.isPresent() ? WanModelShape.I2V : WanModelShape.T2V;
    String model = context.string("model").strip();
    if (model.isEmpty()) {
      model = models.defaultFor(mode);
    }
    WanVideoClient wan = clients.wan();
    WanModelShape shape = wan.shape(model);
    Params params = context.node().params();
    // every parameter is checked before anything is uploaded or paid for
    String placeholderImage = image.isPresent() ? "data:image/jpeg;base64," : null;
    String placeholderAudio = audio.isPresent() ? "https://audio.invalid/a.wav" : null;
    ObjectNode checked =
        wan.body(
            request(
                params,
                model,
                prompt.isEmpty() ? null : prompt,
                placeholderImage,
                placeholderAudio));
    if (audio.isPresent()) {
      double s = audio.get().durationSeconds();
      if (s < MIN_AUDIO_SECONDS || s > MAX_AUDIO_SECONDS) {
        throw new WeftException(
            String.format(
                Locale.ROOT,
                "the audio is %.1f s long; Wan takes %.0f to %.0f s",
                s,
                MIN_AUDIO_SECONDS,
                MAX_AUDIO_SECONDS),
            here.withPort("audio"),
            "trim it with Trim audio");
      }
    }
    ImageAsset frame = image.map(i -> firstFrame(context, i)).orElse(null);
    BackendParams.report(context, request, choice, model);

    String key =
        PendingTasks.keyOf(
            dashScope.host(),
            checked.toString(),
            frame == null ? "" : frame.hash(),
            audio.map(AudioAsset::hash).orElse(""));
    PendingTasks journal = PendingTasks.in(context.projectStateDir());
    Optional<PendingTasks.Pending> pending = journal.find(key, Instant.now());
    Path scratch = Files.createTempDirectory("weft-wan-");
    try (CancelBridge cancel = new CancelBridge(context.cancellation());
        MediaUrls media =
            new MediaUrls(
                clients.uploads(DashScopeService.VIDEO),
                model,
                UPLOAD_ABOVE_BYTES,
                cancel.signal())) {
      Duration timeout = models.taskTimeout();
      WanResult result = null;
      if (pending.isPresent()) {
        PendingTasks.Pending p = pending.get();
        context.log("resuming video task " + p.taskId() + ", submitted " + p.created());
        try {
          result = await(context, wan, p.taskId(), p.created(), shape, timeout, cancel.signal());
        } catch (CloudException e) {
          if (e.kind() != CloudException.Kind.TASK_UNKNOWN
              && e.kind() != CloudException.Kind.TASK_CANCELED) {
            forgetUnlessResumable(journal, key, e);
            throw e;
          }
          journal.forget(key);
          context.warn(
              "the earlier task "
                  + p.taskId()
                  + (e.kind() == CloudException.Kind.TASK_CANCELED
                      ? " was cancelled"
                      : " is no longer known to the service")
                  + "; starting a new one");
        }
      }
      if (result == null) {
        context.progress(0, image.isPresent() ? "sending the first frame" : "submitting");
        String imageUrl = frame == null ? null : media.image(frame, true).url();
        String audioUrl = audio.isPresent() ? media.audio(audio.get(), true).url() : null;
        WanRequest r = request(params, model, prompt.isEmpty() ? null : prompt, imageUrl, audioUrl);
        String taskId = wan.submit(r, cancel.signal());
        Instant created = Instant.now();
        journal.record(
            key, new PendingTasks.Pending(taskId, dashScope.host(), "video task", created));
        context.log("submitted video task " + taskId + " (" + model + ")");
        try {
          result = await(context, wan, taskId, created, shape, timeout, cancel.signal());
        } catch (CloudException e) {
          forgetUnlessResumable(journal, key, e);
          throw e;
        }
      }
      String extended = extendedPrompt(result, prompt);
      if (result.actualPrompt() != null && !result.actualPrompt().equals(result.origPrompt())) {
        context.log("extended prompt: " + result.actualPrompt());
      }
      context.preview(TextAsset.of(extended));
      Path file = scratch.resolve(result.taskId() + ".mp4");
      context.progress(0.95, "downloading the video");
      long bytes =
          wan.download(
              result,
              file,
              written ->
                  context.progress(
                      0.95, String.format(Locale.ROOT, "downloading (%.1f MB)", written / 1e6)),
              cancel.signal());
      VideoAsset video = store(context, file);
      journal.forget(key);
      context.log(
          String.format(
              Locale.ROOT,
              "video %dx%d, %.2f s at %.3g fps, %.1f MB",
              video.width(),
              video.height(),
              video.durationSeconds(),
              video.fps(),
              bytes / 1e6));
      context.output("video", video);
      context.output("prompt", TextAsset.of(extended));
      context.progress(1, "done");
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(scratch);
    }
  }

  /**
   * A task that ended badly is forgotten, so the next run starts a new one; one that may still
   * finish (timed out, network down, key trouble) is kept, so the next run picks up its result.
   */
  private static void forgetUnlessResumable(PendingTasks journal, String key, CloudException e) {
    switch (e.kind()) {
      case TASK_FAILED, MODERATED, TASK_UNKNOWN, TASK_CANCELED, BAD_REQUEST -> journal.forget(key);
      default -> {}
    }
  }

  private static WanResult await(
      NodeContext context,
      WanVideoClient wan,
      String taskId,
      Instant created,
      WanModelShape shape,
      Duration timeout,
      CancelSignal cancel) {
    Duration before = Duration.between(created, Instant.now());
    Duration typical = Duration.ofSeconds(Math.max(1, shape.typicalSeconds()));
    TaskListener progress =
        (snapshot, elapsed) -> {
          Duration total = before.plus(elapsed);
          double fraction =
              snapshot.status() == TaskStatus.RUNNING
                  ? Math.min(0.9, 0.05 + 0.85 * total.toMillis() / (double) typical.toMillis())
                  : snapshot.status() == TaskStatus.SUCCEEDED ? 0.95 : 0.02;
          context.progress(
              fraction,
              snapshot.status().name()
                  + " · "
                  + clock(total)
                  + " elapsed · usually about "
                  + clock(typical));
        };
    return wan.await(taskId, timeout, progress, cancel);
  }

  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private static String extendedPrompt(WanResult result, String prompt) {
    if (result.actualPrompt() != null && !result.actualPrompt().isBlank()) {
      return result.actualPrompt();
    }
    if (result.origPrompt() != null && !result.origPrompt().isBlank()) {
      return result.origPrompt();
    }
    return prompt;
  }

  /** The first frame within Wan's limits: scaled down when a side exceeds 2000 px. */
  private static ImageAsset firstFrame(NodeContext context, ImageAsset image) {
    if (Math.min(image.width(), image.height()) < MIN_SIDE) {
      throw new WeftException(
          "the first frame is "
              + image.width()
              + "x"
              + image.height()
              + "; Wan needs both sides of at least "
              + MIN_SIDE
              + " px",
          Location.node(context.node().id(), context.node().displayTitle()).withPort("image"),
          "scale it up with Resize image");
    }
    ImageAsset fitted = MediaUrls.fitToSide(image, MAX_SIDE);
    if (fitted != image) {
      context.log(
          "scaled the first frame from "
              + image.width()
              + "x"
              + image.height()
              + " to "
              + fitted.width()
              + "x"
              + fitted.height()
              + " (Wan takes sides up to "
              + MAX_SIDE
              + " px)");
      if (Math.min(fitted.width(), fitted.height()) < MIN_SIDE) {
        throw new WeftException(
            "the first frame's aspect ratio is too extreme for Wan ("
                + image.width()
                + "x"
                + image.height()
                + ")",
            Location.node(context.node().id(), context.node().displayTitle()).withPort("image"),
            "crop it closer to 16:9, 1:1 or 9:16 with Crop image");
      }
    }
    return fitted;
  }

  /** Describes the downloaded file (FFmpeg probe: real size, fps, duration) and stores it. */
  private static VideoAsset store(NodeContext context, Path file) throws IOException {
    VideoAsset made = VideoFiles.open(file);
    context.store().put(made, context.provenance());
    return context.store().fileOf(made.hash()).map(made::movedTo).orElse(made);
  }
}
