package dev.weft.assets.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.Provenance;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.audio.AudioEncoding;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.image.ImageFiles;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("native")
class VideoFilesTest {
  @TempDir static Path shared;
  @TempDir Path dir;

  static Path clip; // 2 s, 320x240 at 24 fps: red for 1 s then blue, with a 440 Hz tone

  static final int RED = 0xffdd2222;
  static final int BLUE = 0xff2222dd;

  static ImageAsset solid(int w, int h, int argb) {
    int[] px = new int[w * h];
    Arrays.fill(px, argb);
    return ImageAsset.ofArgb(w, h, px);
  }

  static AudioAsset tone(double seconds) {
    float[] s = new float[(int) (48000 * seconds)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
    }
    return AudioAsset.mono(48000, s);
  }

  @BeforeAll
  static void encodeClip() throws IOException {
    clip = shared.resolve("clip.mp4");
    try (VideoEncoder enc = VideoEncoder.open(clip, VideoEncoding.of(320, 240, 24), tone(2.0))) {
      for (int i = 0; i < 48; i++) {
        enc.addFrame(solid(320, 240, i < 24 ? RED : BLUE));
      }
    }
  }

  @Test
  void anEncodedClipProbesAsH264WithAudio() throws IOException {
    VideoInfo info = VideoFiles.probe(clip);
    assertThat(info.width()).isEqualTo(320);
    assertThat(info.height()).isEqualTo(240);
    assertThat(info.fps()).isCloseTo(24, within(0.01));
    assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.1));
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.hasAudio()).isTrue();
    assertThat(info.audioSampleRate()).isEqualTo(48000);
  }

  @Test
  void framesComeBackWithTheirColours() throws IOException {
    List<ImageAsset> frames =
        VideoFiles.extractFrames(clip, FrameOptions.ALL, DecodeLimits.DEFAULT);
    assertThat(frames).hasSize(48);
    assertClose(frames.get(5).argb(160, 120), RED);
    assertClose(frames.get(40).argb(160, 120), BLUE);
  }

  @Test
  void framesAreSampledAtTheChosenRateAndSize() throws IOException {
    List<Double> times = new java.util.ArrayList<>();
    List<ImageAsset> frames = new java.util.ArrayList<>();
    VideoFiles.decodeFrames(
        clip,
        FrameOptions.atFps(4).withSize(160, 0),
        DecodeLimits.DEFAULT,
        (img, t) -> {
          frames.add(img);
          times.add(t);
        });
    assertThat(frames).hasSize(8);
    assertThat(frames.getFirst().width()).isEqualTo(160);
    assertThat(frames.getFirst().height()).isEqualTo(120);
    for (int i = 0; i < times.size(); i++) {
      assertThat(times.get(i)).isCloseTo(i * 0.25, within(1 / 48.0));
    }
  }

  @Test
  void maxFramesStopsEarly() throws IOException {
    assertThat(
            VideoFiles.extractFrames(
                clip, FrameOptions.atFps(10).withMaxFrames(3), DecodeLimits.DEFAULT))
        .hasSize(3);
  }

  @Test
  void aRangeSkipsTheFramesBeforeItsStart() throws IOException {
    List<ImageAsset> frames =
        VideoFiles.extractFrames(
            clip, FrameOptions.atFps(2).withRange(1.25, 2.0), DecodeLimits.DEFAULT);
    assertThat(frames).isNotEmpty();
    assertClose(frames.getFirst().argb(10, 10), BLUE);
  }

  @Test
  void theAudioTrackIsExtracted() throws IOException {
    AudioAsset a = VideoFiles.extractAudio(clip, DecodeLimits.DEFAULT);
    assertThat(a.sampleRate()).isEqualTo(48000);
    assertThat(a.durationSeconds()).isCloseTo(2.0, within(0.1));
    float[] s = a.channel(0);
    int crossings = 0;
    for (int i = 9600; i < 9600 + 48000; i++) {
      if (s[i] <= 0 && s[i + 1] > 0) {
        crossings++;
      }
    }
    assertThat(crossings).isBetween(438, 442);
  }

  @Test
  void aThumbnailFitsItsMaximumSide() throws IOException {
    ImageAsset t = VideoFiles.thumbnail(clip, 1.5, 100);
    assertThat(Math.max(t.width(), t.height())).isLessThanOrEqualTo(100);
    assertClose(t.argb(t.width() / 2, t.height() / 2), BLUE);
  }

  @Test
  void openDescribesTheFileAsAnAsset() throws IOException {
    VideoAsset v = VideoFiles.open(clip);
    assertThat(v.width()).isEqualTo(320);
    assertThat(v.hasAudio()).isTrue();
    assertThat(v.mediaType()).isEqualTo("video/mp4");
  }

  @Test
  void mp4CarriesPipelineAndProvenance() throws IOException {
    Provenance prov =
        new Provenance(
            "b-roll.weft.json",
            "v1",
            "video.frames-to-video",
            1,
            Map.of("fps", 12, "token", "ok", "api_key", "sk-0123456789abcdef0123"),
            null,
            null,
            7L,
            "local",
            "0.1.0");
    String pipeline = "{\"format\":\"weft\",\"version\":1,\"nodes\":[]}";
    Path f = dir.resolve("meta.mp4");
    try (VideoEncoder enc =
        VideoEncoder.open(
            f, VideoEncoding.of(64, 64, 12).withEmbedded(new EmbeddedProvenance(pipeline, prov)))) {
      for (int i = 0; i < 6; i++) {
        enc.addFrame(solid(64, 64, RED));
      }
    }
    EmbeddedProvenance back = VideoFiles.readEmbedded(f).orElseThrow();
    assertThat(back.pipelineJson()).isEqualTo(pipeline);
    assertThat(back.provenance().nodeType()).isEqualTo("video.frames-to-video");
    assertThat(back.provenance().seed()).isEqualTo(7L);
    assertThat(back.provenance().params())
        .containsKeys("fps", "token")
        .doesNotContainKey("api_key");
  }

  @Test
  void anMp4WithoutProvenanceYieldsNone() throws IOException {
    assertThat(VideoFiles.readEmbedded(clip)).isEmpty();
  }

  @Test
  void movMkvAndWebmAreDecoded() throws IOException {
    for (String name : List.of("a.mov", "a.mkv", "a.webm")) {
      Path f = dir.resolve(name);
      writeWithRecorder(
          f, name.endsWith(".webm") ? avcodec.AV_CODEC_ID_VP8 : avcodec.AV_CODEC_ID_H264);
      List<ImageAsset> frames = VideoFiles.extractFrames(f, FrameOptions.ALL, DecodeLimits.DEFAULT);
      assertThat(frames).as(name).hasSize(10);
      assertClose(frames.get(3).argb(32, 32), BLUE);
    }
  }

  private static void writeWithRecorder(Path f, int codec) throws IOException {
    String name = f.getFileName().toString();
    try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(f.toFile(), 64, 64, 0);
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      r.setFormat(name.endsWith(".mov") ? "mov" : name.endsWith(".webm") ? "webm" : "matroska");
      r.setVideoCodec(codec);
      r.setFrameRate(10);
      r.setVideoBitrate(400_000);
      r.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
      r.start();
      var bi =
          new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
      var g = bi.createGraphics();
      g.setColor(new java.awt.Color(BLUE));
      g.fillRect(0, 0, 64, 64);
      g.dispose();
      for (int i = 0; i < 10; i++) {
        r.record(conv.convert(bi));
      }
      r.stop();
    }
  }

  @Test
  void encodingAFrameOfTheWrongSizeIsRefused() throws IOException {
    Path f = dir.resolve("wrong.mp4");
    try (VideoEncoder enc = VideoEncoder.open(f, VideoEncoding.of(64, 64, 10))) {
      assertThatThrownBy(() -> enc.addFrame(solid(32, 32, RED)))
          .hasMessageContaining("32x32")
          .hasMessageContaining("64x64");
      enc.abort();
    }
    assertThat(f).doesNotExist();
  }

  @Test
  void anAbortedEncodeLeavesNoFileBehind() throws IOException {
    Path f = dir.resolve("aborted.mp4");
    VideoEncoder enc = VideoEncoder.open(f, VideoEncoding.of(64, 64, 10));
    enc.addFrame(solid(64, 64, RED));
    enc.abort();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void muxingCopiesThePictureAndReplacesTheSound() throws IOException {
    float[] s = new float[16000 * 3];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
    }
    Path out = dir.resolve("dubbed.mp4");
    AudioMuxer.mux(
        clip,
        AudioAsset.mono(16000, s),
        out,
        96_000,
        java.util.Optional.of(new EmbeddedProvenance("{\"nodes\":[]}", null)),
        DecodeLimits.DEFAULT);
    VideoInfo info = VideoFiles.probe(out);
    assertThat(info.frameCount()).isEqualTo(48);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.audioSampleRate()).isEqualTo(16000);
    assertThat(info.metadata()).containsEntry(EmbeddedProvenance.PIPELINE_KEY, "{\"nodes\":[]}");
    // the audio is cut to the video's 2 s, and it is the new 1 kHz tone
    AudioAsset track = VideoFiles.extractAudio(out, DecodeLimits.DEFAULT);
    assertThat(track.durationSeconds()).isCloseTo(2.0, within(0.1));
    float[] t = track.channel(0);
    int crossings = 0;
    for (int i = 3200; i < 3200 + 16000; i++) {
      if (t[i] <= 0 && t[i + 1] > 0) {
        crossings++;
      }
    }
    assertThat(crossings).isBetween(995, 1005);
    // the picture is the same packets: frames decode to the same pixels as the source's
    List<ImageAsset> a = VideoFiles.extractFrames(clip, FrameOptions.ALL, DecodeLimits.DEFAULT);
    List<ImageAsset> b = VideoFiles.extractFrames(out, FrameOptions.ALL, DecodeLimits.DEFAULT);
    assertThat(b).containsExactlyElementsOf(a);
  }

  @Test
  void aPortraitPhoneVideoIsTurnedUpright() throws Exception {
    // stored 64x32 landscape, left half red, right half blue, flagged "turn 90 degrees CCW"
    Path stored = dir.resolve("stored.mp4");
    try (VideoEncoder enc = VideoEncoder.open(stored, VideoEncoding.of(64, 32, 10))) {
      int[] px = new int[64 * 32];
      for (int i = 0; i < px.length; i++) {
        px[i] = (i % 64) < 32 ? RED : BLUE;
      }
      for (int i = 0; i < 5; i++) {
        enc.addFrame(ImageAsset.ofArgb(64, 32, px));
      }
    }
    Path rotated = dir.resolve("portrait.mp4");
    String ffmpeg = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    Process p =
        new ProcessBuilder(
                ffmpeg,
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-display_rotation",
                "90",
                "-i",
                stored.toString(),
                "-c",
                "copy",
                rotated.toString())
            .inheritIO()
            .start();
    assertThat(p.waitFor()).isZero();

    VideoInfo info = VideoFiles.probe(rotated);
    assertThat(info.rotationDegrees()).isEqualTo(90);
    assertThat(info.width()).isEqualTo(32);
    assertThat(info.height()).isEqualTo(64);
    ImageAsset frame =
        VideoFiles.extractFrames(rotated, FrameOptions.ALL.withMaxFrames(1), DecodeLimits.DEFAULT)
            .getFirst();
    assertThat(frame.width()).isEqualTo(32);
    assertThat(frame.height()).isEqualTo(64);
    assertClose(frame.argb(16, 8), BLUE); // the right side turns to the top
    assertClose(frame.argb(16, 56), RED);
  }

  // ---------------------------------------------------------------- broken files

  @Test
  void aVideoWithoutAVideoStreamIsRefused() throws IOException {
    Path f = dir.resolve("voice.m4a");
    AudioFiles.write(tone(0.5), f, AudioEncoding.AAC);
    Path renamed = dir.resolve("voice.mp4");
    Files.move(f, renamed);
    assertThatThrownBy(() -> VideoFiles.probe(renamed))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("voice.mp4")
        .hasMessageContaining("no video stream")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.NO_STREAM));
  }

  @Test
  void aZeroByteMp4IsRefused() throws IOException {
    Path f = Files.createFile(dir.resolve("empty.mp4"));
    assertThatThrownBy(() -> VideoFiles.probe(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("empty.mp4")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.TRUNCATED));
  }

  @Test
  void anMp4CutShortIsRefusedNamingTheFile() throws IOException {
    Path f = dir.resolve("cut.mp4");
    byte[] bytes = Files.readAllBytes(clip);
    Files.write(f, Arrays.copyOf(bytes, 200)); // faststart: the index is cut in half
    assertThatThrownBy(() -> VideoFiles.extractFrames(f, FrameOptions.ALL, DecodeLimits.DEFAULT))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("cut.mp4");
  }

  @Test
  void anMp4ThatIsAPngIsMislabelled() throws IOException {
    Path png = dir.resolve("x.png");
    ImageFiles.writePng(solid(8, 8, RED), png);
    Path f = dir.resolve("movie.mp4");
    Files.move(png, f);
    assertThatThrownBy(() -> VideoFiles.probe(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("movie.mp4")
        .hasMessageContaining("PNG")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.MISLABELLED));
  }

  @Test
  void decodingStopsAtItsTimeLimit() {
    DecodeLimits instant = DecodeLimits.DEFAULT.withTimeout(java.time.Duration.ofNanos(1));
    assertThatThrownBy(() -> VideoFiles.extractFrames(clip, FrameOptions.ALL, instant))
        .isInstanceOf(MediaException.class)
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.TIMED_OUT));
  }

  @Test
  void hugeFrameSizesAreRefused() {
    DecodeLimits small = DecodeLimits.DEFAULT.withMaxPixels(1000);
    assertThatThrownBy(() -> VideoFiles.probe(clip, small))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("320x240")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.TOO_LARGE));
  }

  static void assertClose(int actual, int expected) {
    for (int s = 0; s < 24; s += 8) {
      assertThat((actual >> s) & 0xFF)
          .as("channel at bit %d of %08x vs %08x", s, actual, expected)
          .isCloseTo((expected >> s) & 0xFF, within(12));
    }
  }
}
