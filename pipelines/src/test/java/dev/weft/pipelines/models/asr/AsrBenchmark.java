package dev.weft.pipelines.models.asr;

import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.testing.WavFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the real-time factor of the local pipeline split into front end, model and decoding, and
 * the reference's total on the same model, audio and thread count. Weft and the reference take
 * turns, round after round, and the medians are printed, so a machine busy with other work slows
 * both alike. Runs only on request: {@code ./mvnw -B -o test -pl pipelines -am -Dtest=AsrBenchmark
 * -Dweft.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("native")
@EnabledIfSystemProperty(named = "weft.bench", matches = "true")
class AsrBenchmark {
  private static final int ROUNDS = 5;

  @TempDir Path work;

  @Test
  void realTimeFactorAgainstTheReference() throws Exception {
    Map<String, Path> clips = ConformanceAudio.build(work.resolve("audio"), true);
    Path wav = clips.get("ten-minutes");
    float[] samples = WavFiles.readPcm16Mono(wav);
    double audioSeconds = samples.length / 16000.0;
    Path sv =
        AsrSignatureModels.senseVoice(work.resolve("sv"), AsrSignatureModels.Layout.SHERPA, 11, 64);
    Path pf =
        AsrSignatureModels.paraformer(
            work.resolve("pf"), AsrSignatureModels.Layout.SHERPA, 12, 64, true);
    System.out.printf(
        Locale.ROOT,
        "audio %.1f s, 1 thread, median of %d alternating rounds after a warm-up; load average %s%n",
        audioSeconds,
        ROUNDS,
        Files.readString(Path.of("/proc/loadavg")).strip());
    try (OrtRuntime runtime = OrtRuntime.create()) {
      for (Path dir : List.of(sv, pf)) {
        String family = dir == sv ? "sense_voice" : "paraformer";
        Path modelFile = dir.resolve(dir == sv ? "model.int8.onnx" : "model.onnx");
        List<Double> fe = new ArrayList<>();
        List<Double> run = new ArrayList<>();
        List<Double> dec = new ArrayList<>();
        List<Double> ref = new ArrayList<>();
        try (AsrModel m =
            AsrModel.open(runtime, modelFile, ModelVariant.AUTO, SessionPolicy.cpuOnly(1))) {
          for (int r = 0; r <= ROUNDS; r++) {
            double[] weft = timeWeft(m, samples);
            double sherpa =
                SherpaReference.run(
                        work,
                        family,
                        modelFile,
                        dir.resolve("tokens.txt"),
                        "auto",
                        true,
                        1,
                        1,
                        List.of(wav))
                    .get(wav)
                    .seconds();
            if (r > 0) { // round 0 warms both up
              fe.add(weft[0]);
              run.add(weft[1]);
              dec.add(weft[2]);
              ref.add(sherpa);
            }
          }
        }
        double f = median(fe);
        double mo = median(run);
        double d = median(dec);
        double total = f + mo + d;
        double refSeconds = median(ref);
        System.out.printf(
            Locale.ROOT,
            "%s: weft front end %.3f s (RTF %.4f), model %.3f s (RTF %.4f), decoding %.3f s (RTF"
                + " %.4f), total %.3f s (RTF %.4f); sherpa-onnx-node total %.3f s (RTF %.4f);"
                + " ratio %.2f%n",
            family,
            f,
            f / audioSeconds,
            mo,
            mo / audioSeconds,
            d,
            d / audioSeconds,
            total,
            total / audioSeconds,
            refSeconds,
            refSeconds / audioSeconds,
            total / refSeconds);
      }
    }
  }

  /** Front end, model and decoding seconds for the whole clip as one utterance. */
  private static double[] timeWeft(AsrModel m, float[] samples) {
    long t0 = System.nanoTime();
    long t1;
    long t2;
    long t3;
    if (m.family() == AsrFamily.SENSE_VOICE) {
      SenseVoiceRunner runner = new SenseVoiceRunner(m);
      var p = runner.prepare(samples, SenseVoiceRunner.Options.DEFAULT);
      t1 = System.nanoTime();
      var l = runner.run(p);
      t2 = System.nanoTime();
      runner.decode(l);
      t3 = System.nanoTime();
    } else {
      ParaformerRunner runner = new ParaformerRunner(m);
      var p = runner.prepare(samples);
      t1 = System.nanoTime();
      var o = runner.run(p);
      t2 = System.nanoTime();
      runner.decode(o);
      t3 = System.nanoTime();
    }
    return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9};
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
