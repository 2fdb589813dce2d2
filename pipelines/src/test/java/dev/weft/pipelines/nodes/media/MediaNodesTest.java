package dev.weft.pipelines.nodes.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.audio.WavFormat;
import dev.weft.assets.audio.WavWriter;
import dev.weft.assets.image.ImageFiles;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.subtitle.Subtitles;
import dev.weft.assets.video.VideoEncoder;
import dev.weft.assets.video.VideoEncoding;
import dev.weft.assets.video.VideoFiles;
import dev.weft.assets.video.VideoInfo;
import dev.weft.pipelines.engine.Engine;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.engine.NodeOutcome;
import dev.weft.pipelines.engine.Project;
import dev.weft.pipelines.engine.RunOptions;
import dev.weft.pipelines.engine.RunRequest;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.format.ParsedPipeline;
import dev.weft.pipelines.format.SourceMap;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.Graphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media nodes, run through the engine on files the tests make. */
@Tag("native")
class MediaNodesTest {
  @TempDir Path dir;
  Engine engine;

  static final String PIPELINE_JSON = "{\"format\":\"weft\",\"version\":1,\"nodes\":[]}";

  /** Emits a fixed transcript, standing in for speech recognition. */
  static final class TranscriptFixtureNode implements NodeType {
    static final TranscriptAsset T =
        TranscriptAsset.ofSegments(
            List.of(
                new TranscriptAsset.Segment(0.0, 1.5, "Hello there."),
                new TranscriptAsset.Segment(2.0, 3.25, "General Kenobi.")));

    @Override
    public NodeSpec spec() {
      return NodeSpec.builder("test.transcript", "Transcript fixture")
          .output(Port.of("transcript", PortType.TRANSCRIPT))
          .build();
    }

    @Override
    public void execute(NodeContext context) {
      context.output("transcript", T);
    }
  }

  @BeforeEach
  void setUp() {
    List<NodeType> types = new ArrayList<>();
    ServiceLoader.load(NodeType.class, getClass().getClassLoader()).forEach(types::add);
    types.add(new TranscriptFixtureNode());
    engine =
        new Engine(
            NodeCatalog.of(types),
            Services.builder().build(),
            new Lanes(Lanes.Config.forThisMachine()),
            "test");
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  RunResult run(Graph graph) throws InterruptedException {
    ParsedPipeline parsed =
        new ParsedPipeline(
            graph,
            "test.weft.json",
            Optional.of(dir.resolve("test.weft.json")),
            SourceMap.EMPTY,
            Map.of(),
            List.of());
    RunRequest request =
        new RunRequest(
            parsed,
            Project.at(dir),
            dir.resolve("outputs"),
            RunOptions.DEFAULT,
            Optional.of(PIPELINE_JSON));
    return engine.run(request, e -> {});
  }

  static NodeOutcome ok(RunResult r, String node) {
    NodeOutcome o = r.node(node).orElseThrow();
    assertThat(o.succeeded()).as(node + ": " + o.error()).isTrue();
    return o;
  }

  Path picture() throws IOException {
    int[] px = new int[120 * 80];
    for (int i = 0; i < px.length; i++) {
      px[i] = 0xff000000 | ((i % 120) * 2) << 16 | ((i / 120) * 3) << 8 | 90;
    }
    Path f = dir.resolve("pic.png");
    ImageFiles.writePng(ImageAsset.ofArgb(120, 80, px), f);
    return f;
  }

  Path clip() throws IOException {
    Path f = dir.resolve("clip.mp4");
    float[] tone = new float[48000 * 2];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / 48000.0));
    }
    try (VideoEncoder enc =
        VideoEncoder.open(f, VideoEncoding.of(96, 64, 10), AudioAsset.mono(48000, tone))) {
      for (int i = 0; i < 20; i++) {
        int[] px = new int[96 * 64];
        Arrays.fill(px, i < 10 ? 0xffcc3333 : 0xff3333cc);
        enc.addFrame(ImageAsset.ofArgb(96, 64, px));
      }
    }
    return f;
  }

  @Test
  void resizeFillGivesTheExactSizeAndSaveWritesAJpeg() throws Exception {
    Path pic = picture();
    RunResult r =
        run(
            Graphs.create()
                .node("load", "image.load", "file", pic.toString())
                .node("resize", "image.resize", "width", 64L, "height", 64L, "mode", "fill")
                .node("save", "output.save", "name", "square", "format", "jpg")
                .edge("load.image", "resize.image")
                .edge("resize.image", "save.value")
                .build());
    ImageAsset out = (ImageAsset) ok(r, "resize").output("image");
    assertThat(out.width()).isEqualTo(64);
    assertThat(out.height()).isEqualTo(64);
    Path saved = dir.resolve("outputs").resolve("square.jpg");
    assertThat(ImageFiles.read(saved).width()).isEqualTo(64);
  }

  @Test
  void resizePadLetterboxesWithTheColour() throws Exception {
    RunResult r =
        run(
            Graphs.create()
                .node("load", "image.load", "file", picture().toString())
                .node(
                    "resize",
                    "image.resize",
                    "width",
                    60L,
                    "height",
                    60L,
                    "mode",
                    "pad",
                    "pad_colour",
                    "#00ff00")
                .edge("load.image", "resize.image")
                .build());
    ImageAsset out = (ImageAsset) ok(r, "resize").output("image");
    assertThat(out.width()).isEqualTo(60);
    assertThat(out.argb(30, 0)).isEqualTo(0xff00ff00);
    assertThat(out.argb(30, 30)).isNotEqualTo(0xff00ff00);
  }

  @Test
  void cropAndPadChangeTheSize() throws Exception {
    RunResult r =
        run(
            Graphs.create()
                .node("load", "image.load", "file", picture().toString())
                .node("crop", "image.crop", "x", 10L, "y", 20L, "width", 50L, "height", 0L)
                .node("pad", "image.pad", "top", 5L, "left", 7L, "colour", "white")
                .edge("load.image", "crop.image")
                .edge("crop.image", "pad.image")
                .build());
    ImageAsset cropped = (ImageAsset) ok(r, "crop").output("image");
    assertThat(cropped.width()).isEqualTo(50);
    assertThat(cropped.height()).isEqualTo(60);
    ImageAsset padded = (ImageAsset) ok(r, "pad").output("image");
    assertThat(padded.width()).isEqualTo(57);
    assertThat(padded.argb(0, 0)).isEqualTo(0xffffffff);
  }

  @Test
  void savedPngsCarryThePipelineAndProvenance() throws Exception {
    RunResult r =
        run(
            Graphs.create()
                .node("load", "image.load", "file", picture().toString())
                .node("save", "output.save", "name", "with-meta")
                .edge("load.image", "save.value")
                .build());
    ok(r, "save");
    EmbeddedProvenance e =
        ImageFiles.readEmbedded(dir.resolve("outputs").resolve("with-meta.png")).orElseThrow();
    assertThat(e.pipelineJson()).isEqualTo(PIPELINE_JSON);
    assertThat(e.provenance().nodeId()).isEqualTo("save");
  }

  @Test
  void aMislabelledImageFailsTheNodeNamingTheFile() throws Exception {
    Path fake = dir.resolve("photo.png");
    ImageFiles.writeJpeg(ImageFiles.read(picture()), dir.resolve("x.jpg"), 0.9f);
    Files.move(dir.resolve("x.jpg"), fake);
    RunResult r = run(Graphs.create().node("load", "image.load", "file", fake.toString()).build());
    NodeOutcome o = r.node("load").orElseThrow();
    assertThat(o.state()).isEqualTo(NodeOutcome.State.FAILED);
    assertThat(o.error()).contains("photo.png").contains("JPEG");
  }

  @Test
  void audioLoadsResampledTrimsAndSavesAsFlac() throws Exception {
    float[] l = new float[44100];
    for (int i = 0; i < l.length; i++) {
      l[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
    }
    float[] stereo = new float[l.length * 2];
    for (int i = 0; i < l.length; i++) {
      stereo[2 * i] = l[i];
      stereo[2 * i + 1] = l[i];
    }
    Path wav = dir.resolve("tone.wav");
    WavWriter.write(AudioAsset.of(44100, 2, stereo), wav, WavFormat.PCM_S16);
    RunResult r =
        run(
            Graphs.create()
                .node("load", "audio.load", "file", wav.toString())
                .node(
                    "resample",
                    "audio.resample",
                    "rate",
                    16000L,
                    "mono",
                    true,
                    "level",
                    "peak",
                    "target_db",
                    -3.0)
                .node("trim", "audio.trim", "start", 0.25, "end", 0.75)
                .node("save", "output.save", "name", "clip", "format", "flac")
                .edge("load.audio", "resample.audio")
                .edge("resample.audio", "trim.audio")
                .edge("trim.audio", "save.value")
                .build());
    AudioAsset trimmed = (AudioAsset) ok(r, "trim").output("audio");
    assertThat(trimmed.sampleRate()).isEqualTo(16000);
    assertThat(trimmed.channels()).isEqualTo(1);
    assertThat(trimmed.frames()).isEqualTo(8000);
    AudioAsset saved = AudioFiles.read(dir.resolve("outputs").resolve("clip.flac"));
    assertThat(saved.frames()).isEqualTo(8000);
    assertThat(20 * Math.log10(dev.weft.assets.audio.AudioOps.peak(saved)))
        .isCloseTo(-3, within(0.1));
  }

  @Test
  void framesAreExtractedAndEncodedBackWithTheVideosAudio() throws Exception {
    Path clip = clip();
    RunResult r =
        run(
            Graphs.create()
                .node("video", "video.load", "file", clip.toString())
                .node("frames", "video.frames", "fps", 5.0, "max_frames", 8L, "width", 48L)
                .node("audio", "video.audio", "rate", 16000L, "mono", true)
                .node("encode", "video.from-frames", "fps", 5.0, "quality", "high")
                .node("save", "output.save", "name", "remade")
                .edge("video.video", "frames.video")
                .edge("video.video", "audio.video")
                .edge("frames.frames", "encode.frames")
                .edge("audio.audio", "encode.audio")
                .edge("encode.video", "save.value")
                .build());
    VideoAsset loaded = (VideoAsset) ok(r, "video").output("video");
    assertThat(loaded.width()).isEqualTo(96);
    assertThat(loaded.hasAudio()).isTrue();
    ListAsset frames = (ListAsset) ok(r, "frames").output("frames");
    assertThat(frames.size()).isEqualTo(8);
    assertThat(((ImageAsset) frames.items().getFirst()).width()).isEqualTo(48);
    assertThat(((TextAsset) ok(r, "frames").output("times")).text().lines()).hasSize(8);
    AudioAsset audio = (AudioAsset) ok(r, "audio").output("audio");
    assertThat(audio.sampleRate()).isEqualTo(16000);
    VideoAsset made = (VideoAsset) ok(r, "encode").output("video");
    assertThat(made.file()).exists();
    Path saved = dir.resolve("outputs").resolve("remade.mp4");
    VideoInfo info = VideoFiles.probe(saved);
    assertThat(info.width()).isEqualTo(48);
    assertThat(info.frameCount()).isEqualTo(8);
    assertThat(info.hasAudio()).isTrue();
    assertThat(VideoFiles.readEmbedded(saved).orElseThrow().provenance().nodeId())
        .isEqualTo("encode");
  }

  @Test
  void muxReplacesTheSoundtrack() throws Exception {
    Path clip = clip();
    float[] s = new float[16000 * 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
    }
    Path wav = dir.resolve("voice.wav");
    WavWriter.write(AudioAsset.mono(16000, s), wav, WavFormat.PCM_S16);
    RunResult r =
        run(
            Graphs.create()
                .node("video", "video.load", "file", clip.toString())
                .node("voice", "audio.load", "file", wav.toString())
                .node("mux", "video.mux-audio")
                .edge("video.video", "mux.video")
                .edge("voice.audio", "mux.audio")
                .build());
    VideoAsset muxed = (VideoAsset) ok(r, "mux").output("video");
    VideoInfo info = VideoFiles.probe(muxed.file());
    assertThat(info.frameCount()).isEqualTo(20);
    assertThat(info.audioSampleRate()).isEqualTo(16000);
    AudioAsset track =
        VideoFiles.extractAudio(muxed.file(), dev.weft.assets.media.DecodeLimits.DEFAULT);
    float[] t = track.channel(0);
    int crossings = 0;
    for (int i = 1600; i < 1600 + 16000 && i + 1 < t.length; i++) {
      if (t[i] <= 0 && t[i + 1] > 0) {
        crossings++;
      }
    }
    assertThat(crossings).isBetween(990, 1010);
  }

  @Test
  void aVideoWithoutAudioFailsExtractAudioWithAClearError() throws Exception {
    Path f = dir.resolve("silent.mp4");
    try (VideoEncoder enc = VideoEncoder.open(f, VideoEncoding.of(32, 32, 5))) {
      for (int i = 0; i < 5; i++) {
        enc.addFrame(ImageAsset.ofArgb(32, 32, new int[32 * 32]));
      }
    }
    RunResult r =
        run(
            Graphs.create()
                .node("video", "video.load", "file", f.toString())
                .node("audio", "video.audio")
                .edge("video.video", "audio.video")
                .build());
    NodeOutcome o = r.node("audio").orElseThrow();
    assertThat(o.state()).isEqualTo(NodeOutcome.State.FAILED);
    assertThat(o.error()).contains("silent.mp4").contains("no audio");
  }

  @Test
  void transcriptsBecomeSubtitlesAndSaveAsVtt() throws Exception {
    RunResult r =
        run(
            Graphs.create()
                .node("t", "test.transcript")
                .node("srt", "transcript.subtitles", "format", "srt")
                .node("save", "output.save", "name", "captions", "format", "vtt")
                .edge("t.transcript", "srt.transcript")
                .edge("t.transcript", "save.value")
                .build());
    String srt = ((TextAsset) ok(r, "srt").output("subtitles")).text();
    assertThat(srt).startsWith("1\n00:00:00,000 --> 00:00:01,500\nHello there.");
    String vtt = Files.readString(dir.resolve("outputs").resolve("captions.vtt"));
    assertThat(vtt).startsWith("WEBVTT");
    assertThat(Subtitles.parse(vtt).segments()).isEqualTo(TranscriptFixtureNode.T.segments());
  }

  @Test
  void savingAudioAsPngIsRefusedOnTheFormatParameter() throws Exception {
    Path wav = dir.resolve("a.wav");
    WavWriter.write(AudioAsset.mono(8000, new float[800]), wav, WavFormat.PCM_S16);
    RunResult r =
        run(
            Graphs.create()
                .node("load", "audio.load", "file", wav.toString())
                .node("save", "output.save", "format", "png")
                .edge("load.audio", "save.value")
                .build());
    NodeOutcome o = r.node("save").orElseThrow();
    assertThat(o.state()).isEqualTo(NodeOutcome.State.FAILED);
    assertThat(o.error()).contains("audio cannot be saved as png");
  }
}
