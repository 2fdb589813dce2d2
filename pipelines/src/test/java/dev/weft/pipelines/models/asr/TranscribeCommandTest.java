package dev.weft.pipelines.models.asr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.nativelibs.testing.TestFixtures;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.backends.CloudClients;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.local.InProcessModelExecutor;
import dev.weft.pipelines.backends.local.ModelExecutor;
import dev.weft.pipelines.backends.local.ModelHost;
import dev.weft.pipelines.cli.ExitCodes;
import dev.weft.pipelines.cli.Interrupts;
import dev.weft.pipelines.cli.WeftCli;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import dev.weft.pipelines.models.catalog.TestLibraries;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import dev.weft.pipelines.testing.WavFiles;
import dev.weft.pipelines.testing.protocol.CloudTestKit;
import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft transcribe} end to end: a one-node pipeline run by the engine per file; the JSON line
 * carries the reference's tokens and times; subtitles are written; bad arguments, missing models
 * and cloud limits exit as {@code weft run} does, with the fix in the message.
 */
@Tag("native")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TranscribeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  static Path senseVoice;
  static Path vadFolder;
  static Map<String, Path> clips;
  static InProcessModelExecutor inProcess;

  @TempDir Path dir;
  private ModelLibrary library;
  private CloudTestKit cloud;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void buildFixtures() throws Exception {
    senseVoice =
        AsrSignatureModels.senseVoice(
            shared.resolve("sense-voice"), AsrSignatureModels.Layout.SHERPA, 11, 64);
    vadFolder = Files.createDirectories(shared.resolve("silero-v5"));
    Files.copy(
        TestFixtures.testModel("vad-web/dist/silero_vad_v5.onnx"),
        vadFolder.resolve("silero_vad.onnx"));
    clips = ConformanceAudio.build(shared.resolve("audio"), false);
    inProcess = new InProcessModelExecutor(ModelHost.standard(0, Duration.ofMinutes(5)));
  }

  @AfterAll
  static void closeExecutor() {
    if (inProcess != null) {
      inProcess.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    library = TestLibraries.offline(dir);
    library.addFolder(vadFolder, "silero-vad-v5");
    cloud = new CloudTestKit();
  }

  @AfterEach
  void tearDown() {
    cloud.close();
  }

  private int weft(Interrupts interrupts, String... args) {
    Settings settings = Settings.defaults(SettingsStore.defaultModels());
    CloudClients clients =
        new CloudClients(
            () -> settings,
            Secrets.inMemory(Map.of(Secrets.DASHSCOPE, ProtocolTestServer.KEY)),
            cloud.http,
            Map.of("DASHSCOPE_BASE_URL", cloud.server.baseUrl()),
            cloud.sleeper,
            new SplittableRandom(2),
            new PollCadence(Duration.ofMillis(1), 3, Duration.ofMillis(5)));
    PlatformDirs dirs = PlatformDirs.under(dir.resolve("home"));
    Services services =
        Services.builder()
            .put(PlatformDirs.class, dirs)
            .put(ModelLibrary.class, library)
            .put(ModelExecutor.class, inProcess)
            .put(CloudClients.class, clients)
            .build();
    return WeftCli.execute(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        v -> {},
        () ->
            new WeftContext(
                dirs,
                NodeCatalog.load(getClass().getClassLoader()),
                services,
                new Lanes(Lanes.Config.forThisMachine())),
        interrupts);
  }

  private int weft(String... args) {
    return weft(Interrupts.none(), args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String clip(String name) {
    return clips.get(name).toString();
  }

  @Test
  void jsonGivesOneLinePerFileWithTheReferencesTokensAndTimes() throws Exception {
    List<Path> wavs = List.of(clips.get("en-us-160"), clips.get("cmn-150"));
    int code =
        weft(
            "transcribe",
            wavs.get(0).toString(),
            wavs.get(1).toString(),
            "--model",
            senseVoice.toString(),
            "--no-vad",
            "--json");
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    String[] lines = stdout().strip().split("\n");
    assertThat(lines).hasSize(2);
    Map<Path, SherpaReference.Result> ref =
        SherpaReference.run(
            shared,
            "sense_voice",
            senseVoice.resolve("model.int8.onnx"),
            senseVoice.resolve("tokens.txt"),
            "auto",
            true,
            1,
            1,
            wavs);
    for (int i = 0; i < 2; i++) {
      JsonNode line = JSON.readTree(lines[i]);
      SherpaReference.Result r = ref.get(wavs.get(i));
      assertThat(line.path("file").asText()).isEqualTo(wavs.get(i).toString());
      List<String> tokens = new ArrayList<>();
      line.path("tokens").forEach(t -> tokens.add(t.asText()));
      assertThat(tokens).isEqualTo(r.tokens());
      List<Long> times = new ArrayList<>();
      line.path("timestamps").forEach(t -> times.add(Math.round(t.asDouble() * 100)));
      assertThat(times).isEqualTo(r.timestamps().stream().map(t -> Math.round(t * 100)).toList());
      assertThat(line.path("text").asText()).isEqualTo(r.text().strip());
      assertThat(line.path("lang").asText()).isEqualTo(SenseVoiceRunner.tag(r.field("lang")));
      assertThat(line.path("emotion").asText()).isEqualTo(SenseVoiceRunner.tag(r.field("emotion")));
      assertThat(line.path("event").asText()).isEqualTo(SenseVoiceRunner.tag(r.field("event")));
      assertThat(line.path("segments")).hasSize(1);
    }
    assertThat(tokensOf(lines[0])).anyMatch(t -> t.startsWith(" "));
  }

  private static List<String> tokensOf(String line) throws Exception {
    List<String> out = new ArrayList<>();
    JSON.readTree(line).path("tokens").forEach(t -> out.add(t.asText()));
    return out;
  }

  @Test
  void plainOutputIsTheTextAndSubtitlesAreWritten() throws Exception {
    Path srt = dir.resolve("out.srt");
    Path vtt = dir.resolve("subs/out.vtt");
    int code =
        weft(
            "transcribe",
            clip("en-gb-110"),
            "--model",
            senseVoice.toString(),
            "--srt",
            srt.toString(),
            "--vtt",
            vtt.toString());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(stdout().strip()).isNotEmpty().doesNotContain("{");
    assertThat(Files.readString(srt)).startsWith("1\n").contains(" --> ");
    assertThat(Files.readString(vtt)).startsWith("WEBVTT").contains(" --> ");
  }

  @Test
  void severalFilesWriteTheirSubtitlesIntoAFolderUnderTheirNames() throws Exception {
    Path folder = dir.resolve("subtitles");
    int code =
        weft(
            "transcribe",
            clip("en-us-160"),
            clip("de-220"),
            "--model",
            senseVoice.toString(),
            "--srt",
            folder.toString());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    assertThat(folder.resolve("en-us-160.srt")).exists();
    assertThat(folder.resolve("de-220.srt")).exists();
  }

  @Test
  void aMissingModelExitsTwoWithTheCommandToFetchIt() {
    int code = weft("transcribe", clip("en-us-160"), "--backend", "local");
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr())
        .contains("sensevoice-small-int8 is not installed")
        .contains("weft models pull sensevoice-small-int8");
  }

  @Test
  void aLocalFileForTheCloudSaysTheFileApiTakesUrlsOnly() {
    int code = weft("transcribe", clip("en-us-160"), "--backend", "cloud");
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("public http(s) URLs only").contains("--backend local");
  }

  @Test
  void aUrlIsTranscribedInTheCloud() throws Exception {
    int code = weft("transcribe", "https://example.com/talk.wav", "--lang", "en", "--json");
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.OK);
    JsonNode line = JSON.readTree(stdout().strip());
    assertThat(line.path("file").asText()).isEqualTo("https://example.com/talk.wav");
    assertThat(line.path("text").asText()).contains("Hello from the test server.");
    assertThat(line.path("segments")).hasSize(2);
    assertThat(line.path("lang").asText()).isEqualTo("en");
  }

  @Test
  void aUrlCannotBeTranscribedLocally() {
    int code = weft("transcribe", "https://example.com/talk.wav", "--backend", "local");
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("needs the audio on this machine");
  }

  @Test
  void aFileThatIsNotAudioExitsOneNamingIt() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
    int code = weft("transcribe", notes.toString(), "--model", senseVoice.toString());
    assertThat(code).isEqualTo(ExitCodes.NODE_FAILED);
    assertThat(stderr()).contains("notes.wav");
  }

  @Test
  void anUnknownLanguageExitsTwo() {
    int code =
        weft("transcribe", clip("en-us-160"), "--model", senseVoice.toString(), "--lang", "fr");
    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(stderr()).contains("unknown language \"fr\"").contains("auto, zh, en");
  }

  @Test
  void ctrlCCancelsAndExits130() throws Exception {
    List<float[]> speech = new ArrayList<>();
    for (ConformanceAudio.Voice v : ConformanceAudio.VOICES) {
      speech.add(WavFiles.readPcm16Mono(clips.get(v.name())));
    }
    Path tenMinutes = dir.resolve("ten.wav");
    AudioFiles.write(AudioAsset.mono(16000, ConformanceAudio.tenMinutes(speech)), tenMinutes);
    Interrupts onFirstProgress =
        action -> {
          Thread watcher =
              Thread.ofVirtual()
                  .start(() -> {
                    while (!stderr().contains("%")) {
                      try {
                        Thread.sleep(5);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                    action.run();
                  });
          return watcher::interrupt;
        };
    int code =
        weft(
            onFirstProgress, "transcribe", tenMinutes.toString(), "--model", senseVoice.toString());
    assertThat(code).as(stderr()).isEqualTo(ExitCodes.CANCELLED);
    assertThat(stdout()).isEmpty();
  }

  @Test
  void helpListsTheOptions() {
    assertThat(weft("transcribe", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(stdout())
        .contains("--model")
        .contains("--backend")
        .contains("--lang")
        .contains("--[no-]itn")
        .contains("--json")
        .contains("--srt")
        .contains("--vtt");
  }
}
