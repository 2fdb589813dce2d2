package dev.weft.assets.bench;

import dev.weft.assets.ImageAsset;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.video.FrameOptions;
import dev.weft.assets.video.VideoEncoder;
import dev.weft.assets.video.VideoEncoding;
import dev.weft.assets.video.VideoFiles;
import dev.weft.assets.video.VideoInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.Loader;

/** Video encode and frame-extraction figures. */
final class VideoBenchmarks {
  private static final int W = 854;
  private static final int H = 480;
  private static final int FPS = 30;
  private static final int FRAMES = 300;

  private VideoBenchmarks() {}

  /** A moving test pattern: gradients, stripes that scroll, a square that travels. */
  static ImageAsset pattern(int w, int h, int f) {
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = (x * 255 / w);
        int g = (y * 255 / h);
        int b = ((x + f * 6) / 32 % 2 == 0) ? 220 : 40;
        px[y * w + x] = 0xff000000 | r << 16 | g << 8 | b;
      }
    }
    int sx = (f * 7) % (w - 80);
    int sy = (f * 3) % (h - 80);
    for (int y = sy; y < sy + 80; y++) {
      for (int x = sx; x < sx + 80; x++) {
        px[y * w + x] = 0xfff0f0f0;
      }
    }
    return ImageAsset.ofArgb(w, h, px);
  }

  static void encode(Path dir) throws IOException, InterruptedException {
    List<ImageAsset> frames = new ArrayList<>(FRAMES);
    for (int f = 0; f < FRAMES; f++) {
      frames.add(pattern(W, H, f));
    }
    VideoEncoding enc = VideoEncoding.of(W, H, FPS);
    int bitrate = enc.effectiveVideoBitrate();
    System.out.printf(
        Locale.ROOT,
        "encode: %d frames %dx%d at %d fps, H.264 (libopenh264) %d bit/s, GOP %d, yuv420p%n",
        FRAMES,
        W,
        H,
        FPS,
        bitrate,
        enc.gopFrames());
    // The same frames, raw, for the ffmpeg command line of the same FFmpeg build (same
    // libopenh264).
    Path raw = dir.resolve("frames-480p.bgra");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 20)) {
      ByteBuffer b = ByteBuffer.allocate(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (ImageAsset frame : frames) {
        b.clear();
        b.asIntBuffer().put(frame.copyPixels());
        out.write(b.array());
      }
    }
    String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    Path cliOut = dir.resolve("encode-480p-cli.mp4");
    List<String> cmd =
        List.of(
            ffmpeg,
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "bgra",
            "-s",
            W + "x" + H,
            "-r",
            Integer.toString(FPS),
            "-i",
            raw.toString(),
            "-c:v",
            "libopenh264",
            "-b:v",
            Integer.toString(bitrate),
            "-g",
            Integer.toString(enc.gopFrames()),
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
            cliOut.toString());
    System.out.println("ffmpeg command: " + String.join(" ", cmd));
    // Runs alternate, so a busy machine slows both sides alike. Besides wall time, CPU time is
    // counted (this process; the ffmpeg child through bash's `times`): on a shared machine the
    // scheduler hands CPU out per thread, so wall time favours whichever side runs more threads.
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    String shell = String.join(" ", cmd.stream().map(a -> "'" + a + "'").toList()) + "; times";
    List<Double> weft = new ArrayList<>();
    List<Double> cli = new ArrayList<>();
    List<Double> weftCpu = new ArrayList<>();
    List<Double> cliCpu = new ArrayList<>();
    for (int run = 1; run <= 6; run++) {
      Path out = dir.resolve("encode-480p.mp4");
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      try (VideoEncoder e = VideoEncoder.open(out, enc)) {
        for (ImageAsset frame : frames) {
          e.addFrame(frame);
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      double sCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      long t1 = System.nanoTime();
      Process p = new ProcessBuilder("bash", "-c", shell).redirectErrorStream(true).start();
      String times =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("ffmpeg failed: " + times);
      }
      double c = (System.nanoTime() - t1) / 1e9;
      double cCpu = childCpuSeconds(times);
      System.out.printf(
          Locale.ROOT,
          "encode run %d: Weft VideoEncoder %.2f s = %.1f fps, %.2f s CPU (%d bytes); ffmpeg CLI"
              + " %.2f s = %.1f fps, %.2f s CPU (%d bytes); load average %.1f%n",
          run,
          s,
          FRAMES / s,
          sCpu,
          Files.size(out),
          c,
          FRAMES / c,
          cCpu,
          Files.size(cliOut),
          os.getSystemLoadAverage());
      if (run > 1) { // the first run warms up the JIT
        weft.add(FRAMES / s);
        cli.add(FRAMES / c);
        weftCpu.add(sCpu);
        cliCpu.add(cCpu);
      }
    }
    double mw = median(weft);
    double mc = median(cli);
    System.out.printf(
        Locale.ROOT,
        "encode median of runs 2-6: Weft %.1f fps, ffmpeg CLI %.1f fps, ratio %.2fx;"
            + " CPU per 300 frames Weft %.2f s, ffmpeg CLI %.2f s, efficiency ratio %.2fx%n",
        mw,
        mc,
        mw / mc,
        median(weftCpu),
        median(cliCpu),
        median(cliCpu) / median(weftCpu));
    Files.deleteIfExists(raw);
  }

  // bash's `times` prints the shell's then its children's user and system time: "0m1.234s 0m0.056s"
  static double childCpuSeconds(String timesOutput) {
    List<String> lines =
        timesOutput.lines().filter(l -> l.matches("\\d+m[\\d.]+s \\d+m[\\d.]+s")).toList();
    String last = lines.getLast();
    double total = 0;
    for (String part : last.split(" ")) {
      int m = part.indexOf('m');
      total +=
          Integer.parseInt(part.substring(0, m)) * 60
              + Double.parseDouble(part.substring(m + 1, part.length() - 1));
    }
    return total;
  }

  static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static void frames(Path dir) throws IOException, InterruptedException {
    Path video = dir.resolve("minute-1080p.mp4");
    if (!Files.exists(video)) {
      String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
      List<String> cmd =
          List.of(
              ffmpeg,
              "-hide_banner",
              "-loglevel",
              "error",
              "-y",
              "-f",
              "lavfi",
              "-i",
              "testsrc2=size=1920x1080:rate=30",
              "-t",
              "60",
              "-c:v",
              "libopenh264",
              "-b:v",
              "8M",
              "-g",
              "60",
              "-pix_fmt",
              "yuv420p",
              video.toString());
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException("making the 1080p test video failed");
      }
    }
    VideoInfo info = VideoFiles.probe(video);
    System.out.printf(
        Locale.ROOT,
        "frames: source %dx%d, %.1f fps, %.1f s, %s%n",
        info.width(),
        info.height(),
        info.fps(),
        info.durationSeconds(),
        info.videoCodec());
    DecodeLimits limits = DecodeLimits.DEFAULT.withTimeout(Duration.ofMinutes(10));
    for (FrameOptions o : List.of(FrameOptions.atFps(2), FrameOptions.atFps(2).withSize(640, 0))) {
      for (int run = 1; run <= 2; run++) {
        AtomicInteger n = new AtomicInteger();
        var os =
            (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        VideoFiles.decodeFrames(video, o, limits, (img, t) -> n.incrementAndGet());
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "frames run %d: %d frames at 2 fps, %s, in %.2f s = %.1fx real time, %.2f s CPU;"
                + " load average %.1f%n",
            run,
            n.get(),
            o.width() == 0 ? "full size" : "scaled to width " + o.width(),
            s,
            info.durationSeconds() / s,
            cpu,
            os.getSystemLoadAverage());
      }
    }
  }
}
