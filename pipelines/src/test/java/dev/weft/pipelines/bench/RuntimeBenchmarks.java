package dev.weft.pipelines.bench;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.Provenance;
import dev.weft.assets.store.FileAssetStore;
import dev.weft.nativelibs.onnx.ModelSession;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import dev.weft.pipelines.backends.local.InProcessModelExecutor;
import dev.weft.pipelines.backends.local.ModelExecutor;
import dev.weft.pipelines.backends.local.ModelHost;
import dev.weft.pipelines.backends.local.ModelJob;
import dev.weft.pipelines.backends.local.RunnerServices;
import dev.weft.pipelines.backends.local.WorkerModelExecutor;
import dev.weft.pipelines.models.catalog.CatalogEntry;
import dev.weft.pipelines.models.catalog.DownloadCancel;
import dev.weft.pipelines.models.catalog.HubCache;
import dev.weft.pipelines.models.catalog.ModelCatalog;
import dev.weft.pipelines.models.catalog.ModelDownloader;
import dev.weft.pipelines.models.catalog.ModelFile;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import dev.weft.pipelines.models.catalog.ModelSource;
import dev.weft.pipelines.models.vad.SileroVad;
import dev.weft.pipelines.models.vad.SileroVadRunner;
import dev.weft.pipelines.models.vad.SpeechFixture;
import dev.weft.pipelines.models.vad.VadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Prints the local-inference figures kept in docs/benchmarks.md: download throughput against curl,
 * worker start, model load, the worker boundary's cost on an hour of audio, and the Silero frame
 * loop's speed (the Node.js side is bench/silero-frame-loop.mjs). Run with {@code bench/runtime}
 * from the repository root; pass section names to run only some.
 */
public final class RuntimeBenchmarks {
  private static final Path ROOT = Path.of(System.getProperty("weft.repo", ".")).toAbsolutePath();
  private static final Path DIR = ROOT.resolve("pipelines/target/bench");

  private RuntimeBenchmarks() {}

  public static void main(String[] args) throws Exception {
    Files.createDirectories(DIR);
    List<String> sections =
        args.length == 0
            ? List.of("download", "worker-start", "model-load", "worker-overhead", "vad-speed")
            : List.of(args);
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s, %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        System.getProperty("os.name"));
    for (String s : sections) {
      switch (s) {
        case "download" -> download();
        case "worker-start" -> workerStart();
        case "model-load" -> modelLoad();
        case "worker-overhead" -> workerOverhead();
        case "vad-speed" -> vadSpeed();
        default -> throw new IllegalArgumentException("unknown section " + s);
      }
    }
  }

  private static Path model(String name) {
    return ROOT.resolve(".cache/test-models/vad-web/dist").resolve(name);
  }

  // ---------------------------------------------------------------- download

  private static void download() throws Exception {
    int mib = Integer.getInteger("weft.bench.download.mib", 512);
    Path file = DIR.resolve("download-" + mib + ".bin");
    if (!Files.exists(file) || Files.size(file) != (long) mib << 20) {
      byte[] chunk = new byte[1 << 20];
      Random r = new Random(1);
      try (OutputStream o = Files.newOutputStream(file)) {
        for (int i = 0; i < mib; i++) {
          r.nextBytes(chunk);
          o.write(chunk);
        }
      }
    }
    String sha = sha256(file);
    long size = Files.size(file);
    // The server runs in a JVM of its own: curl and Weft then meet the same server, and Weft's
    // client does not share its JVM (threads, GC) with it.
    Process server =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                LoopbackFileServer.class.getName(),
                file.toString(),
                sha)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String ready =
        new java.io.BufferedReader(
                new java.io.InputStreamReader(
                    server.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
            .readLine();
    if (ready == null || !ready.startsWith("port ")) {
      server.destroyForcibly();
      throw new IOException("the loopback file server did not start: " + ready);
    }
    String base = "http://127.0.0.1:" + ready.substring(5).strip();
    try {
      List<Double> curl = new ArrayList<>();
      List<Double> weft = new ArrayList<>();
      List<Double> curlHash = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        Path out = DIR.resolve("curl.bin");
        Files.deleteIfExists(out);
        long t0 = System.nanoTime();
        Process p =
            new ProcessBuilder(
                    "curl", "-s", "-o", out.toString(), base + "/bench/x/resolve/main/blob.bin")
                .inheritIO()
                .start();
        if (p.waitFor() != 0) {
          throw new IOException("curl failed");
        }
        curl.add(size / 1048576.0 / ((System.nanoTime() - t0) / 1e9));
        Files.deleteIfExists(out);
        // the same work as Weft does: fetch, write and hash
        t0 = System.nanoTime();
        p =
            new ProcessBuilder(
                    "sh",
                    "-c",
                    "curl -s '"
                        + base
                        + "/bench/x/resolve/main/blob.bin' | tee '"
                        + out
                        + "' | sha256sum >/dev/null")
                .inheritIO()
                .start();
        if (p.waitFor() != 0) {
          throw new IOException("curl | tee | sha256sum failed");
        }
        curlHash.add(size / 1048576.0 / ((System.nanoTime() - t0) / 1e9));
        Files.deleteIfExists(out);

        Path hub = DIR.resolve("hub");
        deleteTree(hub);
        CatalogEntry e =
            new CatalogEntry(
                "bench",
                "bench",
                "bench",
                "bench",
                "fp32",
                "MIT",
                "none",
                List.of(new ModelFile("blob.bin", size, sha, true)),
                List.of(new ModelSource.HuggingFace("bench/x", "main")),
                null,
                "");
        ModelLibrary lib =
            new ModelLibrary(
                ModelCatalog.of(List.of(e)),
                new HubCache(hub),
                new ModelLibrary.Settings(
                    DIR.resolve("own"), DIR.resolve("folders.json"), base, base, null, false),
                new ModelDownloader(
                    ModelDownloader.httpClient(Map.of(), Duration.ofSeconds(10)),
                    ModelDownloader.Settings.defaults()));
        t0 = System.nanoTime();
        lib.pull("bench", pr -> {}, new DownloadCancel());
        weft.add(size / 1048576.0 / ((System.nanoTime() - t0) / 1e9));
        deleteTree(hub);
      }
      double c = median(curl);
      double w = median(weft);
      System.out.printf(
          Locale.ROOT,
          "download: %d MiB over loopback, median of 3: curl %.0f MiB/s; curl | tee | sha256sum %.0f MiB/s; Weft %.0f MiB/s (SHA-256 checked, into the hub cache) = %.2fx curl, %.2fx curl+sha256sum%n",
          mib,
          c,
          median(curlHash),
          w,
          w / c,
          w / median(curlHash));
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  // ---------------------------------------------------------------- worker start

  private static void workerStart() throws Exception {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      try (WorkerModelExecutor w =
          new WorkerModelExecutor(WorkerModelExecutor.Options.defaults(DIR))) {
        long t0 = System.nanoTime();
        w.warmUp();
        ms.add((System.nanoTime() - t0) / 1e6);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "worker start (spawn the JVM until it reports ready), 7 starts: median %.0f ms, min %.0f ms, max %.0f ms%n",
        median(ms),
        ms.stream().mapToDouble(d -> d).min().orElse(0),
        ms.stream().mapToDouble(d -> d).max().orElse(0));
  }

  // ---------------------------------------------------------------- model load

  private static void modelLoad() throws Exception {
    try (OrtRuntime ort = OrtRuntime.create()) {
      for (String m :
          List.of("silero_vad_v5.onnx", "silero_vad_v6.onnx", "silero_vad_legacy.onnx")) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          long t0 = System.nanoTime();
          try (ModelSession s = ort.open(model(m), SessionPolicy.cpuOnly(1))) {
            ms.add((System.nanoTime() - t0) / 1e6);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "model load %s (CPU session, all optimisations): first %.1f ms, median of 10 %.1f ms%n",
            m,
            ms.getFirst(),
            median(ms));
      }
      byte[] minilm;
      try (InputStream in =
          RuntimeBenchmarks.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
        minilm = in == null ? null : in.readAllBytes();
      }
      if (minilm != null) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          long t0 = System.nanoTime();
          try (ModelSession s = ort.open("all-minilm-l6-v2-q", minilm, SessionPolicy.cpuOnly(2))) {
            ms.add((System.nanoTime() - t0) / 1e6);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "model load all-minilm-l6-v2-q (23 MB, int8): first %.0f ms, median of 5 %.0f ms%n",
            ms.getFirst(),
            median(ms));
      }
    }
  }

  // ---------------------------------------------------------------- worker overhead

  /** One hour of speech and silence (espeak-ng sentences, 3 s pauses), 16 kHz mono. */
  private static float[] hourOfAudio() throws Exception {
    Path cached = DIR.resolve("hour-16k.f32");
    int total = 16000 * 3600;
    if (Files.exists(cached) && Files.size(cached) == total * 4L) {
      return readF32(cached);
    }
    List<float[]> sentences =
        List.of(
            SpeechFixture.say("The quick brown fox jumps over the lazy dog.", DIR),
            SpeechFixture.say("Local models run beside the studio, not inside it.", DIR),
            SpeechFixture.say("A worker that crashes fails one node and restarts.", DIR));
    float[] out = new float[total];
    int pos = 0;
    int i = 0;
    Random r = new Random(3);
    while (pos < total) {
      float[] s = sentences.get(i++ % sentences.size());
      int n = Math.min(s.length, total - pos);
      System.arraycopy(s, 0, out, pos, n);
      pos += n + 16000 * (1 + r.nextInt(4));
    }
    ByteBuffer b = ByteBuffer.allocate(total * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(out);
    Files.write(cached, b.array());
    return out;
  }

  private static void workerOverhead() throws Exception {
    float[] hour = hourOfAudio();
    Path storeRoot = DIR.resolve("store");
    FileAssetStore store = new FileAssetStore(storeRoot);
    String hourHash = store.put(AudioAsset.mono(16000, hour), Provenance.external("bench")).hash();
    String minuteHash =
        store
            .put(
                AudioAsset.mono(16000, Arrays.copyOf(hour, 16000 * 60)),
                Provenance.external("bench"))
            .hash();
    Path m = model("silero_vad_v5.onnx");
    ModelJob.ModelRef ref =
        new ModelJob.ModelRef(
            SileroVadRunner.ID, "silero-vad-v5", m.getParent(), Map.of("silero_vad.onnx", m));
    ModelJob warm =
        new ModelJob(
            ref,
            SileroVadRunner.TASK,
            Map.of("audio", minuteHash),
            SileroVadRunner.toJobOptions(VadOptions.DEFAULTS),
            storeRoot,
            Provenance.external("bench"));
    ModelJob job =
        new ModelJob(
            ref,
            SileroVadRunner.TASK,
            Map.of("audio", hourHash),
            SileroVadRunner.toJobOptions(VadOptions.DEFAULTS),
            storeRoot,
            Provenance.external("bench"));
    double in;
    String inOut;
    try (InProcessModelExecutor ex =
        new InProcessModelExecutor(
            new ModelHost(
                ModelHost.discoverRunners(),
                new RunnerServices(OrtRuntime::create),
                0,
                Duration.ofMinutes(5),
                System::nanoTime))) {
      ex.execute(warm, ModelExecutor.RunControl.none());
      long t0 = System.nanoTime();
      inOut = ex.execute(job, ModelExecutor.RunControl.none()).get("segments");
      in = (System.nanoTime() - t0) / 1e9;
    }
    double wk;
    String wkOut;
    try (WorkerModelExecutor w =
        new WorkerModelExecutor(WorkerModelExecutor.Options.defaults(DIR))) {
      w.execute(warm, ModelExecutor.RunControl.none());
      long t0 = System.nanoTime();
      wkOut = w.execute(job, ModelExecutor.RunControl.none()).get("segments");
      wk = (System.nanoTime() - t0) / 1e9;
    }
    System.out.printf(
        Locale.ROOT,
        "worker boundary, Silero VAD v5 over 1 h of audio (asset read from the store, frame loop, transcript written), warm: in-process %.2f s, worker %.2f s, overhead %+.1f %% (same result: %s)%n",
        in,
        wk,
        (wk / in - 1) * 100,
        inOut.equals(wkOut));
  }

  // ---------------------------------------------------------------- VAD speed

  private static void vadSpeed() throws Exception {
    float[] hour = hourOfAudio();
    int seconds = Integer.getInteger("weft.bench.vad.seconds", 600);
    float[] audio = Arrays.copyOf(hour, 16000 * seconds);
    Path raw = DIR.resolve("vad-" + seconds + "s-16k.f32");
    ByteBuffer b = ByteBuffer.allocate(audio.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(audio);
    Files.write(raw, b.array());
    try (OrtRuntime ort = OrtRuntime.create()) {
      for (String m : List.of("silero_vad_v5.onnx", "silero_vad_v6.onnx")) {
        try (SileroVad vad = SileroVad.open(ort, model(m))) {
          SileroVad.Prepared p = new SileroVad.Prepared(audio, 16000);
          vad.probabilities(
              new SileroVad.Prepared(Arrays.copyOf(audio, 16000 * 30), 16000),
              () -> false); // warm-up
          List<Double> rt = new ArrayList<>();
          float sum = 0;
          for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            float[] probs = vad.probabilities(p, () -> false);
            rt.add((System.nanoTime() - t0) / 1e9);
            sum = 0;
            for (float f : probs) {
              sum += f;
            }
          }
          double t = median(rt);
          System.out.printf(
              Locale.ROOT,
              "vad-speed java %s: %d s of audio, %d frames, median of 3 %.3f s = %.0fx real time, %.1f us/frame (sum of probabilities %.3f)%n",
              m,
              seconds,
              (audio.length + 511) / 512,
              t,
              seconds / t,
              t / ((audio.length + 511) / 512) * 1e6,
              sum);
        }
      }
    }
    System.out.println("vad-speed audio for the Node.js loop: " + raw);
  }

  // ---------------------------------------------------------------- helpers

  private static float[] readF32(Path p) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    float[] f = new float[b.remaining() / 4];
    b.asFloatBuffer().get(f);
    return f;
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(d -> d).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static String sha256(Path f) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path x : walk.sorted((a, c) -> c.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
