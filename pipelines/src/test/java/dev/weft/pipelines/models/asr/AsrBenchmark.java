package dev.weft.pipelines.models.asr;

import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.testing.WavFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the real-time factor of the local pipeline split into front end, model and decoding, and
 * the reference's total on the same model, audio and thread count. Runs only on request: {@code
 * ./mvnw -B -o test -pl pipelines -am -Dtest=AsrBenchmark -Dweft.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("native")
@EnabledIfSystemProperty(named = "weft.bench", matches = "true")
class AsrBenchmark {
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
    OrtRuntime env = OrtRuntime.create();
    int repeat = 3;
    System.out.printf(Locale.ROOT, "audio %.1f s, 1 thread, best of %d%n", audioSeconds, repeat);
    for (Path dir : List.of(sv, pf)) {
      Path modelFile = dir.resolve(dir == sv ? "model.int8.onnx" : "model.onnx");
      double fe = Double.MAX_VALUE;
      double run = Double.MAX_VALUE;
      double dec = Double.MAX_VALUE;
      try (AsrModel m =
          AsrModel.open(env, modelFile, ModelVariant.AUTO, SessionPolicy.cpuOnly(1))) {
        for (int r = 0; r < repeat + 1; r++) {
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
          if (r > 0) {
            fe = Math.min(fe, (t1 - t0) / 1e9);
            run = Math.min(run, (t2 - t1) / 1e9);
            dec = Math.min(dec, (t3 - t2) / 1e9);
          }
        }
      }
      String family = dir == sv ? "sense_voice" : "paraformer";
      var ref =
          SherpaReference.run(
              work,
              family,
              modelFile,
              dir.resolve("tokens.txt"),
              "auto",
              true,
              1,
              repeat,
              List.of(wav));
      double refSeconds = ref.get(wav).seconds();
      double total = fe + run + dec;
      System.out.printf(
          Locale.ROOT,
          "%s: weft front end %.3f s (RTF %.4f), model %.3f s (RTF %.4f), decoding %.3f s (RTF %.4f),"
              + " total %.3f s (RTF %.4f); sherpa-onnx-node total %.3f s (RTF %.4f); ratio %.2f%n",
          family,
          fe,
          fe / audioSeconds,
          run,
          run / audioSeconds,
          dec,
          dec / audioSeconds,
          total,
          total / audioSeconds,
          refSeconds,
          refSeconds / audioSeconds,
          total / refSeconds);
    }
  }
}
