package dev.weft.assets.bench;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioFiles;
import dev.weft.assets.media.DecodeLimits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints the media figures kept in docs/benchmarks.md. Run with {@code ./mvnw -B -Pbench -pl assets
 * -am verify -DskipTests}; pass section names (audio, encode, frames) to run only some.
 */
public final class MediaBenchmarks {
  private MediaBenchmarks() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(System.getProperty("weft.bench.dir", "target/bench"));
    Files.createDirectories(dir);
    List<String> sections = args.length == 0 ? List.of("audio", "encode", "frames") : List.of(args);
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s, max heap %d MiB%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    if (sections.contains("audio")) {
      audio(dir);
    }
    if (sections.contains("encode")) {
      VideoBenchmarks.encode(dir);
    }
    if (sections.contains("frames")) {
      VideoBenchmarks.frames(dir);
    }
  }

  /** Decode and resample one hour of 44.1 kHz stereo 16-bit WAV to 16 kHz mono. */
  static void audio(Path dir) throws IOException {
    Path wav = dir.resolve("hour-44k1-stereo.wav");
    double seconds = 3600;
    if (!Files.exists(wav) || Files.size(wav) < 44100L * 4 * 3600) {
      writeTestWav(wav, 44100, seconds);
    }
    DecodeLimits limits = DecodeLimits.DEFAULT.withTimeout(Duration.ofMinutes(30));
    // warm-up on a prefix-sized run is not possible with whole-file reads; run twice, report both
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int run = 1; run <= 3; run++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      AudioAsset a = AudioFiles.read(wav, 16000, true, limits);
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "audio run %d: decoded+resampled %.0f s of 44.1 kHz stereo WAV to %d Hz mono"
              + " (%d frames) in %.2f s = %.0fx real time, %.2f s CPU; load average %.1f%n",
          run,
          seconds,
          a.sampleRate(),
          a.frames(),
          s,
          seconds / s,
          cpu,
          os.getSystemLoadAverage());
    }
  }

  // A 16-bit stereo WAV of a slow chirp plus a little noise, written in pieces.
  static void writeTestWav(Path wav, int rate, double seconds) throws IOException {
    long frames = (long) (rate * seconds);
    long dataBytes = frames * 4;
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0x46464952).putInt((int) (36 + dataBytes)).putInt(0x45564157);
    h.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate);
    h.putInt(rate * 4).putShort((short) 4).putShort((short) 16);
    h.putInt(0x61746164).putInt((int) dataBytes);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(wav), 1 << 20)) {
      out.write(h.array());
      ByteBuffer block = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      long seed = 42;
      double phase = 0;
      for (long i = 0; i < frames; i++) {
        double f = 200 + 3000 * ((i % (rate * 60L)) / (rate * 60.0));
        phase += 2 * Math.PI * f / rate;
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        double noise = ((seed >>> 40) / (double) (1L << 24) - 0.5) * 0.02;
        short l = (short) (Math.sin(phase) * 12000 + noise * 32767);
        short r = (short) (Math.sin(phase * 1.5) * 9000 - noise * 32767);
        block.putShort(l).putShort(r);
        if (!block.hasRemaining()) {
          out.write(block.array(), 0, block.position());
          block.clear();
        }
      }
      out.write(block.array(), 0, block.position());
    }
  }
}
