package dev.weft.pipelines.models.asr;

import dev.weft.pipelines.testing.TestFixtures;
import dev.weft.pipelines.testing.WavFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The audio the conformance suite compares on, as 16 kHz 16-bit mono WAV files: espeak-ng speech at
 * several voices and rates, digital silence, white noise, a clip under 0.1 s, and ten minutes of
 * speech with pauses.
 */
final class ConformanceAudio {
  private ConformanceAudio() {}

  record Voice(String name, String voice, int wordsPerMinute, String text) {}

  static final List<Voice> VOICES =
      List.of(
          new Voice(
              "en-us-160",
              "en-us",
              160,
              "The quick brown fox jumps over the lazy dog near the river bank."),
          new Voice(
              "en-gb-110",
              "en-gb",
              110,
              "Weft studio turns speech into timed text on your own machine."),
          new Voice(
              "de-220",
              "de",
              220,
              "Guten Morgen, heute ist ein schoener Tag fuer einen Spaziergang."),
          new Voice("cmn-150", "cmn", 150, "今天天气很好，我们一起去公园散步吧。"),
          new Voice(
              "fr-f3-180",
              "fr+f3",
              180,
              "Bonjour, je voudrais un cafe et un croissant, s'il vous plait."));

  /** Builds every clip in {@code dir}; returns name to file, in a fixed order. */
  static Map<String, Path> build(Path dir, boolean includeTenMinutes)
      throws IOException, InterruptedException {
    TestFixtures.requireTool("espeak-ng");
    TestFixtures.requireTool("sox");
    Files.createDirectories(dir);
    Map<String, Path> clips = new LinkedHashMap<>();
    List<float[]> speech = new ArrayList<>();
    for (Voice v : VOICES) {
      Path raw = dir.resolve(v.name() + "-22k.wav");
      Path wav = dir.resolve(v.name() + ".wav");
      TestFixtures.run(
          List.of(
              "espeak-ng",
              "-v",
              v.voice(),
              "-s",
              Integer.toString(v.wordsPerMinute()),
              "-w",
              raw.toString(),
              v.text()),
          dir);
      TestFixtures.run(
          List.of(
              "sox", "-D", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", wav.toString()),
          dir);
      clips.put(v.name(), wav);
      speech.add(WavFiles.readPcm16Mono(wav));
    }
    clips.put(
        "silence", WavFiles.writePcm16Mono(dir.resolve("silence.wav"), new float[32000], 16000));
    SplittableRandom rnd = new SplittableRandom(42);
    float[] noise = new float[48000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) Math.max(-1, Math.min(1, 0.1 * gauss(rnd)));
    }
    clips.put("noise", WavFiles.writePcm16Mono(dir.resolve("noise.wav"), noise, 16000));
    float[] first = speech.getFirst();
    float[] shortClip = java.util.Arrays.copyOfRange(first, 4000, 4000 + 1400); // 87.5 ms
    clips.put("short", WavFiles.writePcm16Mono(dir.resolve("short.wav"), shortClip, 16000));
    if (includeTenMinutes) {
      clips.put(
          "ten-minutes",
          WavFiles.writePcm16Mono(dir.resolve("ten-minutes.wav"), tenMinutes(speech), 16000));
    }
    return clips;
  }

  /** Speech clips in turn, each followed by 0.7 s of silence, until ten minutes are filled. */
  static float[] tenMinutes(List<float[]> speech) {
    return tenMinutes(speech, 11200);
  }

  static float[] tenMinutes(List<float[]> speech, int pause) {
    int total = 600 * 16000;
    float[] out = new float[total];
    int pos = 0;
    int k = 0;
    while (pos < total) {
      float[] clip = speech.get(k++ % speech.size());
      int n = Math.min(clip.length, total - pos);
      System.arraycopy(clip, 0, out, pos, n);
      pos += n + pause;
    }
    return out;
  }

  private static double gauss(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }
}
