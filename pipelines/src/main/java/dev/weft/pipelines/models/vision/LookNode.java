package dev.weft.pipelines.models.vision;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.TextAsset;
import dev.weft.pipelines.backends.BackendChoice;
import dev.weft.pipelines.backends.BackendParams;
import dev.weft.pipelines.backends.BackendRequest;
import dev.weft.pipelines.backends.BackendResolver;
import dev.weft.pipelines.backends.CancelBridge;
import dev.weft.pipelines.backends.ChatParams;
import dev.weft.pipelines.backends.ChatTarget;
import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.MediaUrls;
import dev.weft.pipelines.backends.Resolution;
import dev.weft.pipelines.backends.TextPreview;
import dev.weft.pipelines.backends.openai.ChatListener;
import dev.weft.pipelines.backends.openai.ChatMessage;
import dev.weft.pipelines.backends.openai.ChatRequest;
import dev.weft.pipelines.backends.openai.ChatResult;
import dev.weft.pipelines.backends.openai.ContentPart;
import dev.weft.pipelines.backends.openai.Usage;
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
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.DashScopeService;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Look (Qwen3-VL)": images, or the frames of a video, plus a prompt in; the model's answer out,
 * streamed as previews, with a thinking model's reasoning on an output of its own. Runs on
 * DashScope (compatible mode) or on any OpenAI-compatible vision server (vLLM, Ollama, LM Studio).
 * Images are scaled down to the pixel budget and sent as data URLs, or through DashScope's
 * temporary upload when they are large.
 */
public final class LookNode implements NodeType {
  public static final String ID = "vision.look";
  static final String FAMILY = "vision";
  static final String LABEL = "Qwen3-VL";
  static final String TASK = "image-to-text";

  /** Encoded images above this size go through DashScope's temporary upload, not a data URL. */
  static final long UPLOAD_ABOVE_BYTES = 5L << 20;

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Look (Qwen3-VL)")
          .category("Vision")
          .description(
              "Describes, tags or answers questions about images or video frames with Qwen3-VL,"
                  + " on DashScope or an OpenAI-compatible vision server. The answer streams in as"
                  + " it is written.")
          .input(
              Port.of("images", PortType.listOf(PortType.IMAGE))
                  .describedAs(
                      "Images", "The images to look at; with \"As video\", frames of one video."))
          .input(
              Port.optional("prompt", PortType.TEXT)
                  .describedAs("Prompt", "Replaces the prompt parameter when connected."))
          .output(Port.of("text", PortType.TEXT).describedAs("Answer", "The model's answer."))
          .output(
              Port.of("thinking", PortType.TEXT)
                  .describedAs("Thinking", "A thinking model's reasoning; empty otherwise."))
          .param(
              new ParamSpec.TextParam(
                  "prompt",
                  "Prompt",
                  "What to ask about the images.",
                  "Describe this image in detail.",
                  true))
          .param(
              new ParamSpec.TextParam(
                  "system", "System prompt", "Instructions that frame the answer.", "", false))
          .param(ChatParams.model(FAMILY, TASK))
          .param(ChatParams.maxTokens())
          .param(ChatParams.temperature())
          .param(
              new ParamSpec.BoolParam(
                  "thinking",
                  "Thinking",
                  "Let a hybrid model think before it answers; the reasoning goes to the Thinking"
                      + " output. Thinking-only models always think.",
                  false,
                  false))
          .param(
              new ParamSpec.IntParam(
                  "thinking_budget",
                  "Thinking budget",
                  "The most tokens spent thinking (DashScope); 0: the model's default.",
                  0,
                  0,
                  131_072,
                  256,
                  false))
          .param(ChatParams.pixelBudget())
          .param(
              new ParamSpec.BoolParam(
                  "as_video",
                  "As video",
                  "The images are frames of one video, in order (from Extract frames).",
                  false,
                  false))
          .param(
              new ParamSpec.FloatParam(
                  "fps",
                  "Frame rate",
                  "How many of the frames there are per second of the video (with As video).",
                  2,
                  0.1,
                  60,
                  0.5,
                  false))
          .param(BackendParams.backend())
          .param(BackendParams.endpoint("DashScope"))
          .lane(Lane.NETWORK)
          .keywords(
              "qwen",
              "qwen3-vl",
              "vl",
              "vision",
              "describe",
              "caption",
              "tag",
              "ocr",
              "question",
              "look",
              "image",
              "video",
              "dashscope",
              "vllm")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public String modelIdentity(Params params, Services services) {
    return BackendParams.identity(
        params, services, FAMILY, s -> s.models().vision().defaultModel());
  }

  @Override
  public List<NodeIssue> check(Node node, CheckContext context) {
    BackendRequest request =
        BackendParams.request(node, context, FAMILY, LABEL, TASK, false, DashScopeService.VISION);
    if (BackendResolver.from(context.services()).resolve(request)
        instanceof Resolution.Unavailable u) {
      return List.of(NodeIssue.error(u.param(), u.message(), u.hint()));
    }
    return List.of();
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    List<ImageAsset> images = context.inputList("images", ImageAsset.class);
    if (images.isEmpty()) {
      throw context.error("no image arrived at \"images\"", "connect an image or video frames");
    }
    String prompt =
        context
            .optionalInput("prompt", TextAsset.class)
            .map(TextAsset::text)
            .orElse(context.string("prompt"));
    if (prompt.isBlank()) {
      throw context.paramError("prompt", "the prompt is empty", "say what to look for");
    }
    boolean asVideo = context.bool("as_video");
    if (asVideo && images.size() < 2) {
      // a clip shorter than the frame interval gives one frame: that is a picture, not a failure
      context.warn("only one frame arrived, so it is sent as a single image");
      asVideo = false;
    }
    BackendRequest request =
        BackendParams.request(context, FAMILY, LABEL, TASK, false, DashScopeService.VISION);
    BackendChoice choice =
        BackendResolver.from(context.services())
            .resolve(request)
            .orThrow(
                dev.weft.pipelines.Location.node(
                    context.node().id(), context.node().displayTitle()));
    CloudClients clients = context.services().get(CloudClients.class).forRun(request.offline());
    Settings settings = clients.settings();
    try (CancelBridge cancel = new CancelBridge(context.cancellation())) {
      ChatTarget target =
          ChatTarget.of(
              clients,
              choice,
              DashScopeService.VISION,
              context.string("model"),
              settings.models().vision().defaultModel(),
              cancel.signal());
      BackendParams.report(context, request, choice, target.model());
      ChatResult result;
      try (MediaUrls media =
          new MediaUrls(
              target.isDashScope() ? clients.uploads(DashScopeService.VISION) : null,
              target.model(),
              UPLOAD_ABOVE_BYTES,
              cancel.signal())) {
        context.progress(
            -1,
            "preparing "
                + images.size()
                + (asVideo ? " frame" : " image")
                + (images.size() == 1 ? "" : "s"));
        List<ContentPart> parts = parts(context, images, asVideo, target, media);
        parts.add(new ContentPart.Text(prompt));
        ChatRequest chat = request(context, target, parts);
        Map<String, String> headers =
            media.usedUploads() ? Map.of("X-DashScope-OssResourceResolve", "enable") : Map.of();
        context.progress(-1, "waiting for " + target.model());
        Streamed streamed = new Streamed(context);
        result = target.client().stream(chat, streamed, cancel.signal(), headers);
        streamed.finish();
      }
      context.output("text", TextAsset.of(result.text()));
      context.output("thinking", TextAsset.of(result.reasoning()));
      Usage u = result.usage();
      if (u.totalTokens() > 0) {
        context.log(
            "tokens: "
                + u.promptTokens()
                + " in, "
                + u.completionTokens()
                + " out"
                + (result.finishReason() != null ? ", finished: " + result.finishReason() : ""));
      }
      if ("length".equals(result.finishReason())) {
        context.warn("the answer was cut off at the token limit; raise Max tokens for more");
      }
    }
  }

  private static List<ContentPart> parts(
      NodeContext context,
      List<ImageAsset> images,
      boolean asVideo,
      ChatTarget target,
      MediaUrls media)
      throws IOException {
    long budget = context.integer("pixel_budget");
    List<String> urls = new ArrayList<>(images.size());
    for (ImageAsset image : images) {
      context.cancellation().throwIfCancelled();
      ImageAsset fitted = MediaUrls.fitToPixels(image, budget);
      if (fitted != image) {
        context.log(
            "scaled "
                + image.width()
                + "x"
                + image.height()
                + " down to "
                + fitted.width()
                + "x"
                + fitted.height()
                + " for the pixel budget");
      }
      urls.add(media.image(fitted, false).url());
    }
    List<ContentPart> parts = new ArrayList<>();
    double fps = context.number("fps");
    if (asVideo && target.isDashScope()) {
      parts.add(new ContentPart.VideoFrames(urls, fps));
    } else {
      if (asVideo) {
        // OpenAI-compatible servers have no frame-list part; say what the images are
        parts.add(
            new ContentPart.Text(
                "The following "
                    + urls.size()
                    + " images are frames of one video, in order, "
                    + String.format(Locale.ROOT, "%.3g", fps)
                    + " frames per second."));
      }
      urls.forEach(u -> parts.add(new ContentPart.ImageUrl(u)));
    }
    return parts;
  }

  private static ChatRequest request(
      NodeContext context, ChatTarget target, List<ContentPart> parts) {
    List<ChatMessage> messages = new ArrayList<>();
    String system = context.string("system");
    if (!system.isBlank()) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(parts));
    long maxTokens = context.integer("max_tokens");
    ChatRequest chat =
        ChatRequest.of(target.model(), messages)
            .withMaxTokens(maxTokens > 0 ? (int) maxTokens : null)
            .withTemperature(context.number("temperature"));
    boolean thinking = context.bool("thinking");
    long budget = context.integer("thinking_budget");
    if (target.type() == EndpointType.DASHSCOPE) {
      // only "on" is sent: left out, each model keeps its own default (thinking-only models think)
      if (thinking) {
        chat = chat.withExtra("enable_thinking", true);
        if (budget > 0) {
          chat = chat.withExtra("thinking_budget", (int) budget);
        }
      }
    } else if (target.type() == EndpointType.VLLM || target.type() == EndpointType.VLLM_OMNI) {
      chat =
          chat.withExtra(
              "chat_template_kwargs",
              JsonNodeFactory.instance.objectNode().put("enable_thinking", thinking));
    }
    return chat;
  }

  /** Streams the answer and the reasoning to previews and progress. */
  private static final class Streamed implements ChatListener {
    private final NodeContext context;
    private final TextPreview answer;
    private int thought;
    private int pieces;

    Streamed(NodeContext context) {
      this.context = context;
      this.answer = new TextPreview(context, "", 80);
    }

    // previews carry the answer alone; the reasoning is counted here and comes out on its own port
    @Override
    public void onReasoning(String delta) {
      thought += delta.length();
      if (answer.isEmpty() && ++pieces % 20 == 1) {
        context.progress(-1, "thinking (" + thought + " characters)");
      }
    }

    @Override
    public void onText(String delta) {
      if (answer.isEmpty()) {
        context.progress(-1, "answering");
      }
      answer.append(delta);
    }

    void finish() {
      answer.flush();
    }
  }
}
