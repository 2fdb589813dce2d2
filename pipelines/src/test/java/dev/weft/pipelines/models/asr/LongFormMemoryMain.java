package dev.weft.pipelines.models.asr;

import dev.weft.assets.TranscriptAsset;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.models.vad.SileroVad;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One long-form transcription of a file in a JVM of its own, printing one line of figures: audio
 * length, wall time, segments, the Java heap's peak use and its largest use just after a garbage
 * collection (what is really held), and the process's peak resident memory (VmHWM). Started by
 * {@link LongFormBenchmark}: {@code LongFormMemoryMain WAV MODEL_DIR VAD_ONNX}.
 */
public final class LongFormMemoryMain {
  private LongFormMemoryMain() {}

  public static void main(String[] args) throws Exception {
    // Native inference on a platform thread with a roomy stack, as the model worker runs it.
    Exception[] failure = new Exception[1];
    Thread t =
        Thread.ofPlatform()
            .stackSize(16L << 20)
            .start(() -> {
              try {
                measure(args);
              } catch (Exception e) {
                failure[0] = e;
              }
            });
    t.join();
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static void measure(String[] args) throws Exception {
    long[] liveAfterGc = new long[1];
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(() -> {
              while (true) {
                long live = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                  if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    live += pool.getCollectionUsage().getUsed();
                  }
                }
                liveAfterGc[0] = Math.max(liveAfterGc[0], live);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    Path wav = Path.of(args[0]);
    Path model = Path.of(args[1]);
    Path vadFile = Path.of(args[2]);
    long t0 = System.nanoTime();

    TranscriptAsset t;
    double seconds;
    try (OrtRuntime runtime = OrtRuntime.create();
        AsrModel asr = AsrModel.open(runtime, model, ModelVariant.AUTO, SessionPolicy.cpuOnly(1));
        SileroVad vad = SileroVad.open(runtime, vadFile);
        SpeechAudioStream in = SpeechAudioStream.open(wav)) {
      seconds = in.durationSeconds().orElse(-1);

      t =
          new LongFormTranscriber(new LocalTranscriber(asr), LongFormTranscriber.Settings.DEFAULT)
              .transcribe(
                  in,
                  LongFormTranscriber.Segmentation.vad(vad, runtime.environment()),
                  SenseVoiceRunner.Options.DEFAULT,
                  LongFormTranscriber.Listener.NONE,
                  () -> false);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPeak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "audio=%.1f s, wall %.1f s, %d segments, %d tokens; heap: peak %.0f MiB, largest after a"
            + " GC %.0f MiB (max %d MiB); process peak resident %.0f MiB%n",
        seconds,
        wall,
        t.segments().size(),
        t.tokens().size(),
        heapPeak / 1048576.0,
        liveAfterGc[0] / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576,
        rssPeakKib() / 1024.0);
    sampler.interrupt();
  }

  /** The process's peak resident set (VmHWM), in KiB; -1 off Linux. */
  static long rssPeakKib() throws java.io.IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
