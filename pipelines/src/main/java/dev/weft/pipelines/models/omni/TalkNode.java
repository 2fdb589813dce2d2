package dev.weft.pipelines.models.omni;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.pipelines.Location;
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
import dev.weft.pipelines.backends.openai.ChatResult;
import dev.weft.pipelines.backends.openai.OmniAdapter;
import dev.weft.pipelines.backends.openai.OmniMedia;
import dev.weft.pipelines.backends.openai.OmniRequest;
import dev.weft.pipelines.backends.openai.PcmAudio;
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
import dev.weft.pipelines.settings.OmniModels;
import dev.weft.pipelines.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Talk (Qwen3-Omni)": a prompt plus at most one image, audio clip or video in; the answer's text
 * and its speech out. On DashScope the answer streams: the text shows as it comes and the speech
 * (headerless 16-bit PCM at 24 kHz in Base64 fragments) is put together as it arrives. On a
 * vLLM-Omni endpoint the adapter that endpoint type selects asks for a stream and falls back to the
 * whole reply (text in one choice, a WAV in another) on servers that cannot stream.
 */
public final class TalkNode implements NodeType {
  public static final String ID = "omni.talk";
  static final String FAMILY = "omni";
  static final String LABEL = "Qwen3-Omni";
  static final String TASK = "any-to-speech";

  /** Media above this size go through DashScope's temporary upload, not a data URL. */
  static final long UPLOAD_ABOVE_BYTES = 5L << 20;

  /** How much new speech makes a new audio preview. */
  static final double PREVIEW_EVERY_SECONDS = 5;

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Talk (Qwen3-Omni)")
          .category("Chat")
          .description(
              "Talks with Qwen3-Omni: a prompt plus at most one image, audio clip or video in,"
                  + " a written and a spoken answer out. On DashScope or a vLLM-Omni server.")
          .input(
              Port.optional("prompt", PortType.TEXT)
                  .describedAs("Prompt", "Replaces the prompt parameter when connected."))
          .input(
              Port.optional("image", PortType.IMAGE)
                  .describedAs("Image", "An image to talk about."))
          .input(
              Port.optional("audio", PortType.AUDIO)
                  .describedAs("Audio", "Speech or sound to answer (at most one medium in all)."))
          .input(
              Port.optional("video", PortType.VIDEO).describedAs("Video", "A video to talk about."))
          .output(Port.of("text", PortType.TEXT).describedAs("Answer", "The written answer."))
          .output(
              Port.of("speech", PortType.AUDIO)
                  .describedAs("Speech", "The spoken answer; silent and empty with Speech off."))
          .param(new ParamSpec.TextParam("prompt", "Prompt", "What to say or ask.", "", true))
          .param(
              new ParamSpec.TextParam(
                  "system", "System prompt", "Who the model is and how it answers.", "", false))
          .param(ChatParams.model(FAMILY, TASK))
          .param(
              new ParamSpec.StringParam(
                  "voice",
                  "Voice",
                  "The speaking voice, e.g. Cherry or Ethan; empty: the default from Settings"
                      + " (DashScope) or the server's.",
                  "",
                  true))
          .param(
              new ParamSpec.BoolParam(
                  "speech", "Speech", "Answer in speech as well as text.", true, false))
          .param(ChatParams.maxTokens())
          .param(ChatParams.temperature())
          .param(ChatParams.pixelBudget())
          .param(BackendParams.backend())
          .param(BackendParams.endpoint("DashScope"))
          .lane(Lane.NETWORK)
          .keywords(
              "qwen",
              "qwen3-omni",
              "omni",
              "talk",
              "chat",
              "speech",
              "voice",
              "speak",
              "answer",
              "assistant",
              "tts",
              "dashscope",
              "vllm-omni")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public String modelIdentity(Params params, Services services) {
    String voice = params.get("voice").map(Object::toString).orElse("");
    return BackendParams.identity(params, services, FAMILY, s -> s.models().omni().defaultModel())
        + "|voice="
        + (voice.isBlank()
            ? services
                .find(CloudClients.class)
                .map(c -> {
                  try {
                    return c.settings().models().omni().defaultVoice();
                  } catch (RuntimeException e) {
                    return "(default)";
                  }
                })
                .orElse("(default)")
            : voice);
  }

  @Override
  public List<NodeIssue> check(Node node, CheckContext context) {
    List<NodeIssue> issues = new ArrayList<>();
    BackendRequest request =
        BackendParams.request(node, context, FAMILY, LABEL, TASK, false, DashScopeService.OMNI);
    BackendResolver resolver = BackendResolver.from(context.services());
    if (resolver.resolve(request) instanceof Resolution.Unavailable u) {
      issues.add(NodeIssue.error(u.param(), u.message(), u.hint()));
    }
    String voice = node.params().get("voice").map(Object::toString).orElse("").strip();
    Optional<Settings> settings = resolver.settings();
    if (!voice.isEmpty() && !request.usesEndpoint() && settings.isPresent()) {
      List<String> voices = settings.get().models().omni().voices();
      if (!voices.isEmpty() && voices.stream().noneMatch(v -> v.equalsIgnoreCase(voice))) {
        issues.add(
            NodeIssue.warning(
                "voice",
                "the voice \""
                    + voice
                    + "\" is not among the voices in Settings ("
                    + String.join(", ", voices)
                    + ")",
                "check the spelling; the service refuses voices it does not have"));
      }
    }
    return issues;
  }

  @Override
  public void execute(NodeContext context) throws IOException {
    String prompt =
        context
            .optionalInput("prompt", TextAsset.class)
            .map(TextAsset::text)
            .orElse(context.string("prompt"));
    if (prompt.isBlank()) {
      throw context.paramError("prompt", "the prompt is empty", "say something to the model");
    }
    List<String> connected = new ArrayList<>();
    for (String port : List.of("image", "audio", "video")) {
      if (context.hasInput(port)) {
        connected.add(port);
      }
    }
    Location here = Location.node(context.node().id(), context.node().displayTitle());
    if (connected.size() > 1) {
      throw new dev.weft.pipelines.WeftException(
          "Qwen3-Omni takes text plus at most one image, audio clip or video, but "
              + String.join(" and ", connected)
              + " are connected",
          here.withPort(connected.get(1)),
          "disconnect all but one of them");
    }
    BackendRequest request =
        BackendParams.request(context, FAMILY, LABEL, TASK, false, DashScopeService.OMNI);
    BackendChoice choice = BackendResolver.from(context.services()).resolve(request).orThrow(here);
    CloudClients clients = context.services().get(CloudClients.class).forRun(request.offline());
    OmniModels models = clients.settings().models().omni();
    try (CancelBridge cancel = new CancelBridge(context.cancellation())) {
      ChatTarget target =
          ChatTarget.of(
              clients,
              choice,
              DashScopeService.OMNI,
              context.string("model"),
              models.defaultModel(),
              cancel.signal());
      OmniAdapter adapter = clients.omni(target.endpoint());
      BackendParams.report(context, request, choice, target.model());
      context.log("speaking " + adapter.name() + " to " + choice.id());
      boolean speech = context.bool("speech");
      String voice = context.string("voice").strip();
      if (voice.isEmpty()) {
        voice = target.isDashScope() ? models.defaultVoice() : null;
      }
      ChatResult result;
      try (MediaUrls media =
          new MediaUrls(
              target.isDashScope() ? clients.uploads(DashScopeService.OMNI) : null,
              target.model(),
              UPLOAD_ABOVE_BYTES,
              cancel.signal())) {
        OmniMedia medium =
            connected.isEmpty() ? null : medium(context, connected.getFirst(), media);
        long maxTokens = context.integer("max_tokens");
        OmniRequest omni =
            new OmniRequest(
                target.model(),
                context.string("system"),
                prompt,
                medium,
                speech,
                speech ? voice : null,
                maxTokens > 0 ? (int) maxTokens : null,
                context.number("temperature"),
                media.usedUploads());
        context.progress(-1, "waiting for " + target.model());
        Streamed streamed = new Streamed(context);
        result = adapter.talk(omni, streamed, cancel.signal());
        streamed.finish();
      }
      context.output("text", TextAsset.of(result.text()));
      PcmAudio pcm = result.audio();
      if (pcm != null) {
        context.output("speech", AudioAsset.of(pcm.sampleRate(), pcm.channels(), pcm.toFloats()));
        context.log(
            String.format(
                Locale.ROOT, "speech: %.2f s at %d Hz", pcm.durationSeconds(), pcm.sampleRate()));
      } else {
        if (speech) {
          context.warn("the server sent no speech; the Speech output is empty");
        }
        context.output("speech", AudioAsset.mono(models.sampleRate(), new float[0]));
      }
    }
  }

  private static OmniMedia medium(NodeContext context, String port, MediaUrls media)
      throws IOException {
    return switch (port) {
      case "image" -> {
        ImageAsset image =
            MediaUrls.fitToPixels(
                context.input("image", ImageAsset.class), context.integer("pixel_budget"));
        yield new OmniMedia(OmniMedia.Kind.IMAGE, media.image(image, false).url(), null);
      }
      case "audio" ->
          new OmniMedia(
              OmniMedia.Kind.AUDIO,
              media.audio(context.input("audio", AudioAsset.class)).url(),
              "wav");
      default -> {
        VideoAsset video = context.input("video", VideoAsset.class);
        yield new OmniMedia(
            OmniMedia.Kind.VIDEO, media.file(video.file(), video.mediaType()).url(), null);
      }
    };
  }

  /** Shows the text as it streams and puts the speech together as it arrives. */
  private static final class Streamed implements ChatListener {
    private final NodeContext context;
    private final TextPreview text;
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    private int sampleRate;
    private double previewedSeconds;

    Streamed(NodeContext context) {
      this.context = context;
      this.text = new TextPreview(context, "", 80);
    }

    @Override
    public void onText(String delta) {
      text.append(delta);
    }

    @Override
    public void onAudio(byte[] pcm16le, int rate) {
      if (sampleRate != 0 && rate != sampleRate) {
        pcm.reset(); // a server that changes rate mid-answer: keep previews consistent
        previewedSeconds = 0;
      }
      sampleRate = rate;
      pcm.writeBytes(pcm16le);
      double seconds = pcm.size() / 2.0 / rate;
      context.progress(-1, String.format(Locale.ROOT, "speaking: %.1f s of audio", seconds));
      if (seconds - previewedSeconds >= PREVIEW_EVERY_SECONDS) {
        previewedSeconds = seconds;
        context.preview(soFar());
      }
    }

    void finish() {
      text.flush();
    }

    private AudioAsset soFar() {
      ByteBuffer b = ByteBuffer.wrap(pcm.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
      float[] samples = new float[b.remaining() / 2];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = b.getShort() / 32768f;
      }
      return AudioAsset.mono(sampleRate, samples);
    }
  }
}
