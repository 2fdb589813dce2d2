package dev.weft.pipelines.backends.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.testing.protocol.ChatScript;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OmniAdapterTest {
  private final CloudTestKit kit = new CloudTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  private static OmniRequest speak(OmniMedia media) {
    return new OmniRequest(
        "qwen3-omni-flash", null, "say hello", media, true, "Cherry", null, null);
  }

  /** Gathers streamed audio and checks every piece holds whole samples. */
  private static final class Audio implements ChatListener {
    final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    int pieces;
    boolean allWholeSamples = true;
    final StringBuilder text = new StringBuilder();

    @Override
    public void onText(String d) {
      text.append(d);
    }

    @Override
    public void onAudio(byte[] b, int rate) {
      pieces++;
      allWholeSamples &= b.length % 2 == 0 && rate == 24000;
      pcm.writeBytes(b);
    }
  }

  @Test
  void dashScopeSpeechFragmentsCutInsideBase64GroupsAndSamplesAreReassembled() {
    byte[] tone = ProtocolTestServer.tone(0.4);
    kit.server.nextChat(
        ChatScript.text("Hello ", "there").withAudio(tone, 1001).withSplits(5, 9, 2));
    Audio a = new Audio();
    ChatResult r =
        new StreamingOmniAdapter(kit.compatChat()).talk(speak(null), a, CancelSignal.none());
    assertThat(r.audio().pcm16le()).isEqualTo(tone);
    assertThat(r.audio().sampleRate()).isEqualTo(24000);
    assertThat(a.pcm.toByteArray()).isEqualTo(tone);
    assertThat(a.pieces).isGreaterThan(1);
    assertThat(a.allWholeSamples).isTrue();
    assertThat(r.text()).isEqualTo("Hello there");
  }

  @Test
  void theDashScopeRequestStreamsAndAsksForAudioWithTheVoice() {
    new StreamingOmniAdapter(kit.compatChat())
        .talk(
            speak(new OmniMedia(OmniMedia.Kind.AUDIO, "data:audio/wav;base64,UklGRg==", "wav")),
            ChatListener.none(),
            CancelSignal.none());
    var body = kit.server.requests("POST", "/compatible-mode/").getFirst().json();
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
    assertThat(body.path("audio").path("voice").asText()).isEqualTo("Cherry");
    var part = body.path("messages").get(0).path("content").get(0);
    assertThat(part.path("type").asText()).isEqualTo("input_audio");
    assertThat(part.path("input_audio").path("format").asText()).isEqualTo("wav");
  }

  @Test
  void textOnlyAnswersAskForTextAlone() {
    ChatResult r =
        new StreamingOmniAdapter(kit.compatChat())
            .talk(
                new OmniRequest("qwen3-omni-flash", null, "hi", null, false, null, null, null),
                ChatListener.none(),
                CancelSignal.none());
    assertThat(r.audio()).isNull();
    var body = kit.server.requests("POST", "/compatible-mode/").getFirst().json();
    assertThat(body.path("modalities").toString()).isEqualTo("[\"text\"]");
    assertThat(body.has("audio")).isFalse();
  }

  @Test
  void anOlderVllmOmniThatRefusesToStreamIsAskedForAWholeReplyAndRemembered() {
    kit.server.vllmOmniStreams(false);
    byte[] tone = ProtocolTestServer.tone(0.3);
    kit.server.defaultChat(ChatScript.text("Hi ", "from ", "vLLM").withAudio(tone, 1001));
    VllmOmniAdapter adapter = new VllmOmniAdapter(kit.vllmOmniChat());
    Audio a = new Audio();
    ChatResult r = adapter.talk(speak(null), a, CancelSignal.none());
    assertThat(r.text()).isEqualTo("Hi from vLLM");
    assertThat(r.audio().pcm16le()).isEqualTo(tone);
    assertThat(a.text.toString()).isEqualTo("Hi from vLLM");
    assertThat(adapter.streamingRefused()).isTrue();
    adapter.talk(speak(null), ChatListener.none(), CancelSignal.none());
    assertThat(kit.server.requests("POST", "/vllm-omni/")).hasSize(3);
  }

  @Test
  void aNewerVllmOmniStreamsWavFragmentsInAChoiceOfTheirOwn() {
    kit.server.vllmOmniStreams(true);
    byte[] tone = ProtocolTestServer.tone(0.5);
    kit.server.nextChat(ChatScript.text("Streaming ", "speech").withAudio(tone, 1001));
    Audio a = new Audio();
    VllmOmniAdapter adapter = new VllmOmniAdapter(kit.vllmOmniChat());
    ChatResult r = adapter.talk(speak(null), a, CancelSignal.none());
    assertThat(r.streamed()).isTrue();
    assertThat(r.text()).isEqualTo("Streaming speech");
    assertThat(r.audio().pcm16le()).isEqualTo(tone);
    assertThat(a.pieces).isGreaterThan(1);
    assertThat(adapter.streamingRefused()).isFalse();
  }

  @Test
  void vllmOmniMediaGoAsUrlParts() {
    kit.server.vllmOmniStreams(true);
    new VllmOmniAdapter(kit.vllmOmniChat())
        .talk(
            speak(new OmniMedia(OmniMedia.Kind.AUDIO, "data:audio/wav;base64,UklGRg==", "wav")),
            ChatListener.none(),
            CancelSignal.none());
    var part =
        kit.server
            .requests("POST", "/vllm-omni/")
            .getFirst()
            .json()
            .path("messages")
            .get(0)
            .path("content")
            .get(0);
    assertThat(part.path("type").asText()).isEqualTo("audio_url");
  }

  @Test
  void omniWithoutStreamingIsRefusedByDashScopeAsTheDocsSay() {
    OmniRequest r = speak(null);
    ChatRequest whole = StreamingOmniAdapter.request(r).withStream(false);
    assertThatThrownBy(() -> kit.compatChat().complete(whole, CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> assertThat(e.getMessage()).contains("only support stream mode"));
  }

  @Test
  void twoMediaInOneTurnAreRefusedByTheServer() {
    ChatRequest two =
        ChatRequest.of(
                "qwen3-omni-flash",
                List.of(
                    ChatMessage.user(
                        List.of(
                            new ContentPart.ImageUrl("https://x/a.png"),
                            new ContentPart.InputAudio("https://x/a.wav", "wav"),
                            new ContentPart.Text("both?")))))
            .withStream(true);
    assertThatThrownBy(() -> kit.compatChat().stream(two, ChatListener.none(), CancelSignal.none()))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.BAD_REQUEST));
  }
}
