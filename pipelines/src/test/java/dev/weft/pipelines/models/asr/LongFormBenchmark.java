package dev.weft.pipelines.models.asr;

import dev.weft.nativelibs.testing.TestFixtures;
import dev.weft.pipelines.testing.WavFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the memory of long-form transcription on ten minutes and on one hour of speech, each in a
 * fresh JVM (with a 2 GiB heap, then a 128 MiB one), streamed from a 16 kHz WAV file through Silero
 * VAD and the SenseVoice signature model: if memory is flat, the hour peaks where the ten minutes
 * do. Runs only on request: {@code ./mvnw -B -o test -pl pipelines -am -Dtest=LongFormBenchmark
 * -Dweft.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("native")
@EnabledIfSystemProperty(named = "weft.bench", matches = "true")
class LongFormBenchmark {
  @TempDir Path work;

  @Test
  void memoryOnTenMinutesAndOnOneHour() throws Exception {
    Map<String, Path> clips = ConformanceAudio.build(work.resolve("audio"), false);
    List<float[]> speech = new ArrayList<>();
    for (ConformanceAudio.Voice v : ConformanceAudio.VOICES) {
      speech.add(WavFiles.readPcm16Mono(clips.get(v.name())));
    }
    float[] tenMinutes = ConformanceAudio.tenMinutes(speech);
    Path ten = WavFiles.writePcm16Mono(work.resolve("ten-minutes.wav"), tenMinutes, 16000);
    Path hour = writeRepeated(work.resolve("one-hour.wav"), tenMinutes, 6);
    Path model =
        AsrSignatureModels.senseVoice(work.resolve("sv"), AsrSignatureModels.Layout.SHERPA, 11, 64);
    Path vad = TestFixtures.testModel("vad-web/dist/silero_vad_v5.onnx");
    System.out.printf("load average %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    for (String heap : List.of("2g", "128m")) {
      for (Path wav : List.of(ten, hour)) {
        System.out.println(
            "-Xmx" + heap + " " + wav.getFileName() + ": " + measure(wav, model, vad, heap));
      }
    }
  }

  /** A 16-bit mono WAV holding {@code samples} {@code times} over, written without holding it. */
  private static Path writeRepeated(Path file, float[] samples, int times) throws IOException {
    long dataBytes = 2L * samples.length * times;
    ByteBuffer pcm = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : samples) {
      pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32768))));
    }
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0x46464952).putInt((int) (36 + dataBytes)).putInt(0x45564157);
    header.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1);
    header.putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16);
    header.putInt(0x61746164).putInt((int) dataBytes);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ch.write(header.flip());
      pcm.flip();
      for (int i = 0; i < times; i++) {
        pcm.rewind();
        while (pcm.hasRemaining()) {
          ch.write(pcm);
        }
      }
    }
    return file;
  }

  private static String measure(Path wav, Path model, Path vad, String heap) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-XX:ErrorFile=" + wav.resolveSibling("hs_err_%p.log"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(LongFormMemoryMain.class.getName());
    cmd.add(wav.toString());
    cmd.add(model.toString());
    cmd.add(vad.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    int code = p.waitFor();
    if (code != 0) {
      try (var errs = Files.list(wav.getParent())) {
        for (Path e : errs.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList()) {
          out += "\n" + Files.readString(e).lines().limit(40).reduce("", (a, b) -> a + "\n" + b);
        }
      }
      throw new IOException(
          "the measurement failed with exit code " + code + ": " + out + " (" + cmd + ")");
    }
    String[] lines = out.split("\n");
    return lines[lines.length - 1];
  }
}
