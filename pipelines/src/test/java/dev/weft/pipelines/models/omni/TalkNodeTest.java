package dev.weft.pipelines.models.omni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.audio.WavFormat;
import dev.weft.assets.audio.WavWriter;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.RunEvent;
import dev.weft.pipelines.engine.RunHandle;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.protocol.ChatScript;
import dev.weft.pipelines.testing.protocol.CloudEngineRig;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import dev.weft.pipelines.testing.protocol.RecordedRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Talk (Qwen3-Omni) through the engine against the protocol test server. */
class TalkNodeTest {
  @TempDir Path dir;
  CloudEngineRig rig;

  @BeforeEach
  void start() {
    rig = new CloudEngineRig(dir);
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private static Graph talk(Object... params) {
    Object[] all = new Object[params.length + 2];
    all[0] = "prompt";
    all[1] = "Say hello to the studio.";
    System.arraycopy(params, 0, all, 2, params.length);
    return Graphs.create().node("talk", TalkNode.ID, all).build();
  }

  private RecordedRequest lastChat() {
    List<RecordedRequest> chats =
        rig.server().requests().stream()
            .filter(r -> r.path().endsWith("/chat/completions"))
            .toList();
    assertThat(chats).isNotEmpty();
    return chats.getLast();
  }

  private static JsonNode media(RecordedRequest r) {
    for (JsonNode m : r.json().path("messages")) {
      if (m.path("role").asText().equals("user")) {
        return m.path("content").get(0);
      }
    }
    throw new AssertionError("no user message");
  }

  /** The PCM16 samples an audio value holds, as the server would have sent them. */
  private static short[] pcm16(AudioAsset a) {
    float[] f = a.copySamples();
    short[] out = new short[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = (short) Math.round(f[i] * 32768f);
    }
    return out;
  }

  private static short[] shorts(byte[] pcm) {
    ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
    short[] out = new short[pcm.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getShort();
    }
    return out;
  }

  @Test
  void dashScopeStreamsTheTextAndTheSpeechIsPutTogetherExactly() throws Exception {
    byte[] tone = ProtocolTestServer.tone(0.75);
    rig.server().nextChat(ChatScript.text("Hello, ", "studio!").withAudio(tone, 1001));
    RunResult r = rig.engine.run(talk());
    assertThat(r.status()).as(rig.failure("talk")).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(((TextAsset) r.nodes().get("talk").output("text")).text())
        .isEqualTo("Hello, studio!");
    AudioAsset speech = (AudioAsset) r.nodes().get("talk").output("speech");
    assertThat(speech.sampleRate()).isEqualTo(24000);
    assertThat(speech.channels()).isEqualTo(1);
    assertThat(pcm16(speech)).isEqualTo(shorts(tone));
  }

  @Test
  void theRequestAsksForTextAndSpeechInTheConfiguredVoice() throws Exception {
    rig.engine.run(talk());
    JsonNode req = lastChat().json();
    assertThat(lastChat().path()).isEqualTo("/compatible-mode/v1/chat/completions");
    assertThat(req.path("model").asText()).isEqualTo("qwen3-omni-flash");
    assertThat(req.path("stream").asBoolean()).isTrue();
    assertThat(req.path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
    assertThat(req.path("audio").path("voice").asText()).isEqualTo("Cherry");
    assertThat(req.path("audio").path("format").asText()).isEqualTo("wav");
  }

  @Test
  void theVoiceParameterIsSent() throws Exception {
    rig.engine.run(talk("voice", "Ethan"));
    assertThat(lastChat().json().path("audio").path("voice").asText()).isEqualTo("Ethan");
  }

  @Test
  void theTextStreamsAsPreviews() throws Exception {
    rig.server()
        .nextChat(
            ChatScript.text("One ", "two ", "three ", "four.")
                .withSplits(150)
                .withPause(Duration.ofMillis(60)));
    rig.engine.run(talk("speech", false));
    List<String> previews =
        rig.engine.events(RunEvent.NodePreview.class).stream()
            .filter(p -> p.value() instanceof TextAsset)
            .map(p -> ((TextAsset) p.value()).text())
            .toList();
    assertThat(previews.size()).isGreaterThan(1);
    assertThat(previews).allMatch("One two three four."::startsWith);
    assertThat(previews.getLast()).isEqualTo("One two three four.");
  }

  @Test
  void withSpeechOffOnlyTextIsAskedForAndTheSpeechIsEmpty() throws Exception {
    RunResult r = rig.engine.run(talk("speech", false));
    assertThat(lastChat().json().path("modalities").toString()).isEqualTo("[\"text\"]");
    assertThat(lastChat().json().has("audio")).isFalse();
    assertThat(((AudioAsset) r.nodes().get("talk").output("speech")).frames()).isZero();
  }

  @Test
  void anImageGoesAsAnImagePart() throws Exception {
    rig.image("cat.png", 200, 100);
    Graph g =
        Graphs.create()
            .node("img", "image.load", "file", "cat.png")
            .node("talk", TalkNode.ID, "prompt", "What is this?")
            .edge("img.image", "talk.image")
            .build();
    RunResult r = rig.engine.run(g);
    assertThat(r.status()).as(rig.failure("talk")).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode part = media(lastChat());
    assertThat(part.path("type").asText()).isEqualTo("image_url");
    assertThat(part.path("image_url").path("url").asText()).startsWith("data:image/jpeg;base64,");
  }

  @Test
  void audioGoesAsInputAudioOnDashScope() throws Exception {
    Path wav = dir.resolve("q.wav");
    WavWriter.write(AudioAsset.mono(16000, new float[16000]), wav, WavFormat.PCM_S16);
    Graph g =
        Graphs.create()
            .node("a", "audio.load", "file", "q.wav")
            .node("talk", TalkNode.ID, "prompt", "Answer the question.")
            .edge("a.audio", "talk.audio")
            .build();
    RunResult r = rig.engine.run(g);
    assertThat(r.status()).as(rig.failure("talk")).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode part = media(lastChat());
    assertThat(part.path("type").asText()).isEqualTo("input_audio");
    assertThat(part.path("input_audio").path("data").asText()).startsWith("data:audio/wav;base64,");
    assertThat(part.path("input_audio").path("format").asText()).isEqualTo("wav");
  }

  @Test
  void twoMediaAtOnceFailTheNodeNamingThem() throws Exception {
    rig.image("cat.png", 64, 64);
    Path wav = dir.resolve("q.wav");
    WavWriter.write(AudioAsset.mono(16000, new float[1600]), wav, WavFormat.PCM_S16);
    Graph g =
        Graphs.create()
            .node("img", "image.load", "file", "cat.png")
            .node("a", "audio.load", "file", "q.wav")
            .node("talk", TalkNode.ID, "prompt", "Hm?")
            .edge("img.image", "talk.image")
            .edge("a.audio", "talk.audio")
            .build();
    RunResult r = rig.engine.run(g);
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("talk")).contains("at most one").contains("image and audio");
    assertThat(rig.server().requests()).isEmpty();
  }

  @Test
  void aVllmOmniServerThatCannotStreamGetsAWholeRequestAndItsWavIsRead() throws Exception {
    byte[] tone = ProtocolTestServer.tone(0.4);
    rig.server().vllmOmniStreams(false);
    rig.server().nextChat(ChatScript.text("Hi.").withAudio(tone, 1000));
    rig.server().nextChat(ChatScript.text("Hi.").withAudio(tone, 1000));
    RunResult r = rig.engine.run(talk("endpoint", "omni-box"));
    assertThat(r.status()).as(rig.failure("talk")).isEqualTo(RunStatus.SUCCEEDED);
    List<RecordedRequest> chats = rig.server().requests("POST", "/vllm-omni/v1/chat/completions");
    assertThat(chats).hasSize(2);
    assertThat(chats.get(0).json().path("stream").asBoolean()).isTrue();
    assertThat(chats.get(1).json().path("stream").asBoolean(false)).isFalse();
    assertThat(chats.get(1).json().path("model").asText())
        .isEqualTo("Qwen/Qwen3-Omni-30B-A3B-Instruct");
    AudioAsset speech = (AudioAsset) r.nodes().get("talk").output("speech");
    assertThat(pcm16(speech)).isEqualTo(shorts(tone));
    assertThat(rig.engine.events(RunEvent.NodeBackend.class).getFirst().backend())
        .isEqualTo("server:omni-box");
  }

  @Test
  void aStreamingVllmOmniServerSendsWavFragmentsThatArePutTogether() throws Exception {
    byte[] tone = ProtocolTestServer.tone(1.0);
    rig.server().vllmOmniStreams(true);
    rig.server().nextChat(ChatScript.text("Hi ", "there.").withAudio(tone, 1000));
    RunResult r = rig.engine.run(talk("endpoint", "omni-box"));
    assertThat(r.status()).as(rig.failure("talk")).isEqualTo(RunStatus.SUCCEEDED);
    AudioAsset speech = (AudioAsset) r.nodes().get("talk").output("speech");
    assertThat(pcm16(speech)).isEqualTo(shorts(tone));
    assertThat(rig.server().requests("POST", "/vllm-omni/v1/chat/completions")).hasSize(1);
  }

  @Test
  void audioGoesAsAnAudioUrlToVllmOmni() throws Exception {
    rig.server().vllmOmniStreams(true);
    Path wav = dir.resolve("q.wav");
    WavWriter.write(AudioAsset.mono(16000, new float[8000]), wav, WavFormat.PCM_S16);
    Graph g =
        Graphs.create()
            .node("a", "audio.load", "file", "q.wav")
            .node("talk", TalkNode.ID, "prompt", "Answer.", "endpoint", "omni-box")
            .edge("a.audio", "talk.audio")
            .build();
    rig.engine.run(g);
    JsonNode part = media(lastChat());
    assertThat(part.path("type").asText()).isEqualTo("audio_url");
    assertThat(part.path("audio_url").path("url").asText()).startsWith("data:audio/wav;base64,");
  }

  @Test
  void anErrorEventMidStreamFailsTheNodeAsModerated() throws Exception {
    rig.server().nextChat(ChatScript.text("a ", "b ", "c ", "d").withErrorAfter(2, null));
    RunResult r = rig.engine.run(talk());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rig.failure("talk")).contains("moderation");
  }

  @Test
  void cancellingMidStreamStopsTheNode() throws Exception {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      words.add("w" + i + " ");
    }
    rig.server()
        .nextChat(
            ChatScript.defaults().withText(words).withSplits(120).withPause(Duration.ofMillis(20)));
    RunHandle handle = rig.engine.start(talk(), RunOptions.DEFAULT);
    rig.waitFor(
        "a preview",
        () -> !rig.engine.events(RunEvent.NodePreview.class).isEmpty() || handle.isDone());
    handle.cancel();
    RunResult r = handle.await(Duration.ofSeconds(20)).orElseThrow();
    assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(r.nodes().get("talk").state()).isEqualTo(NodeOutcome.State.CANCELLED);
  }

  @Test
  void anUnknownVoiceIsAWarningBeforeTheRun() throws Exception {
    ParsedPipeline p =
        new ParsedPipeline(
            talk("voice", "Cheery"),
            "t.weft.json",
            java.util.Optional.empty(),
            dev.weft.pipelines.format.SourceMap.EMPTY,
            java.util.Map.of(),
            List.of());
    List<Problem> problems = rig.engine.engine().validate(p, false);
    assertThat(problems)
        .anySatisfy(pr -> {
          assertThat(pr.isError()).isFalse();
          assertThat(pr.message()).contains("Cheery").contains("Cherry");
        });
  }

  @Test
  void withoutAKeyTheNodeSaysHowToSetOneBeforeTheRun() {
    rig.secrets.remove(dev.weft.pipelines.settings.Secrets.DASHSCOPE);
    assertThatThrownBy(() -> rig.engine.run(talk()))
        .isInstanceOfSatisfying(
            InvalidPipelineException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p.hint()).contains("DASHSCOPE_API_KEY")));
  }
}
