package dev.weft.pipelines.models.vad;

import dev.weft.nativelibs.testing.TestFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech made with espeak-ng and converted with sox to 16 kHz mono floats, laid between known
 * stretches of silence, with the true speech intervals (found by energy) for assertions.
 */
public final class SpeechFixture {
  public static final int RATE = 16000;

  /** The samples and where speech truly is, in seconds. */
  public record Speech(float[] samples, List<double[]> intervals) {}

  private SpeechFixture() {}

  /** espeak-ng's voice for a sentence, trimmed of its own leading and trailing silence. */
  public static float[] say(String sentence, Path work) throws IOException, InterruptedException {
    Path espeak = TestFixtures.tool("espeak-ng", "espeak-ng");
    Path sox = TestFixtures.tool("sox", "sox");
    Files.createDirectories(work);
    Path wav = Files.createTempFile(work, "speech", ".wav");
    Path raw = Files.createTempFile(work, "speech", ".f32");
    run(List.of(espeak.toString(), "-w", wav.toString(), sentence));
    run(
        List.of(
            sox.toString(),
            wav.toString(),
            "-r",
            "16000",
            "-c",
            "1",
            "-e",
            "floating-point",
            "-b",
            "32",
            "-t",
            "raw",
            raw.toString()));
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    float[] s = new float[b.remaining() / 4];
    b.asFloatBuffer().get(s);
    Files.deleteIfExists(wav);
    Files.deleteIfExists(raw);
    int lo = 0;
    int hi = s.length;
    while (lo < hi && Math.abs(s[lo]) < 0.01f) {
      lo++;
    }
    while (hi > lo && Math.abs(s[hi - 1]) < 0.01f) {
      hi--;
    }
    float[] out = new float[hi - lo];
    System.arraycopy(s, lo, out, 0, out.length);
    return out;
  }

  /** silence, then for each sentence: speech followed by {@code gapSeconds} of silence. */
  public static Speech compose(double leadSeconds, double gapSeconds, List<float[]> sentences) {
    int lead = (int) (leadSeconds * RATE);
    int gap = (int) (gapSeconds * RATE);
    int total = lead;
    for (float[] s : sentences) {
      total += s.length + gap;
    }
    float[] all = new float[total];
    List<double[]> intervals = new ArrayList<>();
    int pos = lead;
    for (float[] s : sentences) {
      System.arraycopy(s, 0, all, pos, s.length);
      intervals.add(new double[] {pos / (double) RATE, (pos + s.length) / (double) RATE});
      pos += s.length + gap;
    }
    return new Speech(all, intervals);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + new String(out));
    }
  }
}
