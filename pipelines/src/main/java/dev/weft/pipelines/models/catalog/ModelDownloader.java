package dev.weft.pipelines.models.catalog;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads model files over HTTP: several at once, each resumed with a range request after a cut,
 * retried with backoff (honouring {@code Retry-After} on 429 and 503), checked against its size and
 * SHA-256 before it is accepted, with progress events and cancel. A stalled transfer is aborted and
 * resumed. Redirects are followed by hand so the hub's metadata headers ({@code X-Repo-Commit},
 * {@code X-Linked-Etag}) are read from the first answer and a token never travels to another host.
 */
public final class ModelDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDownloader.class);
  private static final int BUFFER = 1 << 20;
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Tunables; {@link #defaults()} suits real servers. */
  public record Settings(
      int parallel,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxRetryAfter,
      Duration connectTimeout,
      Duration stallTimeout) {
    public static Settings defaults() {
      return new Settings(
          4,
          6,
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofSeconds(20),
          Duration.ofSeconds(60));
    }

    public Settings withStallTimeout(Duration d) {
      return new Settings(
          parallel, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, connectTimeout, d);
    }

    public Settings withMaxAttempts(int n) {
      return new Settings(
          parallel, n, initialBackoff, maxBackoff, maxRetryAfter, connectTimeout, stallTimeout);
    }
  }

  /** Waits between attempts (tests record the waits instead). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Free bytes on the disk that holds a folder (tests simulate a full disk). */
  @FunctionalInterface
  public interface SpaceProbe {
    long usableBytes(Path dir) throws IOException;
  }

  /** Opens the partial file for appending (tests simulate a disk that fills up). */
  @FunctionalInterface
  public interface PartOpener {
    WritableByteChannel openForAppend(Path partial) throws IOException;
  }

  /** One URL to try, and whether the token may be sent to it. */
  public record Candidate(URI uri, String token) {}

  /** Moves a verified download to its final place and returns that place. */
  @FunctionalInterface
  public interface Finisher {
    Path finish(Path verified, Map<String, String> firstResponseHeaders) throws IOException;
  }

  /** One file to fetch: its catalog facts, the URLs to try in order, and where bytes go. */
  public record FileJob(
      String label, ModelFile file, List<Candidate> candidates, Path partial, Finisher finisher) {
    public FileJob {
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException(label + ": no URL to download from");
      }
    }
  }

  /** Receives progress; called from download threads. */
  @FunctionalInterface
  public interface Listener {
    void progress(DownloadProgress p);
  }

  private final HttpClient client;
  private final Settings settings;
  private final Sleeper sleeper;
  private final SpaceProbe space;
  private final PartOpener opener;

  public ModelDownloader(HttpClient client, Settings settings) {
    this(
        client,
        settings,
        d -> Thread.sleep(d),
        dir -> Files.getFileStore(dir).getUsableSpace(),
        p ->
            FileChannel.open(
                p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
  }

  public ModelDownloader(
      HttpClient client, Settings settings, Sleeper sleeper, SpaceProbe space, PartOpener opener) {
    this.client = client;
    this.settings = settings;
    this.sleeper = sleeper;
    this.space = space;
    this.opener = opener;
  }

  /** A client for real downloads: proxies from the environment, our own redirect handling. */
  public static HttpClient httpClient(Map<String, String> env, Duration connectTimeout) {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .proxy(new EnvProxySelector(env))
        .build();
  }

  /**
   * Fetches all jobs, {@link Settings#parallel()} at a time, and returns the final paths in job
   * order. On the first failure the others are stopped; partial files stay for a resume.
   */
  public List<Path> download(List<FileJob> jobs, Listener listener, DownloadCancel cancel)
      throws IOException {
    checkSpace(jobs);
    long total = 0;
    for (FileJob j : jobs) {
      total = j.file().sizeKnown() && total >= 0 ? total + j.file().size() : -1;
    }
    Batch batch = new Batch(total, listener);
    Semaphore slots = new Semaphore(Math.max(1, settings.parallel()));
    DownloadCancel inner = new DownloadCancel();
    List<Future<Path>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory())) {
      for (FileJob job : jobs) {
        futures.add(
            pool.submit(() -> {
              slots.acquire();
              try {
                return fetch(job, batch, cancel, inner, watchdog);
              } finally {
                slots.release();
              }
            }));
      }
      List<Path> out = new ArrayList<>();
      Throwable first = null;
      for (Future<Path> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause();
            inner.cancel(); // stop the others; what they fetched stays for a resume
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          inner.cancel();
          throw new CancellationException("interrupted while downloading");
        }
      }
      if (first != null) {
        throw rethrow(first, cancel);
      }
      return out;
    }
  }

  private static RuntimeException rethrow(Throwable t, DownloadCancel cancel) throws IOException {
    if (cancel.isCancelled()) {
      CancellationException c =
          new CancellationException("download cancelled; partial files are kept for a resume");
      c.initCause(t);
      throw c;
    }
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    throw new IOException(t);
  }

  private void checkSpace(List<FileJob> jobs) throws IOException {
    Map<Path, Long> need = new TreeMap<>();
    for (FileJob j : jobs) {
      long have = Files.exists(j.partial()) ? Files.size(j.partial()) : 0;
      long size = Math.max(0, j.file().size());
      Path dir = j.partial().getParent();
      Files.createDirectories(dir);
      need.merge(dir, Math.max(0, size - have), Long::sum);
    }
    for (Map.Entry<Path, Long> e : need.entrySet()) {
      long free = space.usableBytes(e.getKey());
      // finished blobs are moved, not copied, so the bytes are needed once, plus a little slack
      long want = e.getValue() + e.getValue() / 50;
      if (free < want) {
        throw new WeftException(
            String.format(
                Locale.ROOT,
                "not enough free space: the download needs %s but only %s is free",
                human(want),
                human(free)),
            Location.file(e.getKey().toString()),
            "free some space, or point HF_HUB_CACHE at a larger disk");
      }
    }
  }

  private Path fetch(
      FileJob job,
      Batch batch,
      DownloadCancel cancel,
      DownloadCancel inner,
      ScheduledExecutorService watchdog)
      throws IOException, InterruptedException {
    ModelFile file = job.file();
    List<String> permanent = new ArrayList<>();
    IOException lastTransient = null;
    int attempts = 0;
    int candidate = 0;
    while (candidate < job.candidates().size()) {
      if (cancel.isCancelled() || inner.isCancelled()) {
        throw new CancellationException(job.label() + ": cancelled");
      }
      Candidate c = job.candidates().get(candidate);
      Attempt a;
      try {
        a = attempt(job, c, batch, cancel, inner, watchdog);
      } catch (DiskException e) {
        throw e.asIo();
      } catch (IOException e) {
        if (cancel.isCancelled() || inner.isCancelled()) {
          throw new CancellationException(job.label() + ": cancelled");
        }
        a = Attempt.retry(e, null);
      }
      switch (a.kind) {
        case DONE -> {
          return a.path;
        }
        case PERMANENT -> {
          permanent.add(a.message);
          candidate++;
          attempts = 0;
        }
        case RETRY -> {
          lastTransient = a.error;
          attempts++;
          if (attempts >= settings.maxAttempts()) {
            permanent.add(
                c.uri()
                    + ": gave up after "
                    + attempts
                    + " attempts ("
                    + a.error.getMessage()
                    + ")");
            candidate++;
            attempts = 0;
            continue;
          }
          Duration wait = a.retryAfter != null ? a.retryAfter : backoff(attempts);
          LOG.info(
              "{}: {} (attempt {} of {}); retrying in {} ms",
              job.label(),
              a.error.getMessage(),
              attempts,
              settings.maxAttempts(),
              wait.toMillis());
          sleeper.sleep(wait);
        }
      }
    }
    WeftException e =
        new WeftException(
            "could not download " + file.path() + ": " + String.join("; ", permanent),
            Location.of("model file " + job.label()),
            "check the network (or HF_ENDPOINT / proxy settings), or fetch the file on another machine",
            lastTransient);
    throw e;
  }

  private Duration backoff(int attempt) {
    long ms = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
    return Duration.ofMillis(Math.min(ms, settings.maxBackoff().toMillis()));
  }

  private enum Kind {
    DONE,
    RETRY,
    PERMANENT
  }

  private record Attempt(
      Kind kind, Path path, IOException error, Duration retryAfter, String message) {
    static Attempt done(Path p) {
      return new Attempt(Kind.DONE, p, null, null, null);
    }

    static Attempt retry(IOException e, Duration after) {
      return new Attempt(Kind.RETRY, null, e, after, null);
    }

    static Attempt permanent(String message) {
      return new Attempt(Kind.PERMANENT, null, null, null, message);
    }
  }

  /** A write to the local disk failed: retrying the network will not help. */
  private static final class DiskException extends IOException {
    DiskException(String message, IOException cause) {
      super(message, cause);
    }

    IOException asIo() {
      return new IOException(getMessage(), getCause());
    }
  }

  private Attempt attempt(
      FileJob job,
      Candidate c,
      Batch batch,
      DownloadCancel cancel,
      DownloadCancel inner,
      ScheduledExecutorService watchdog)
      throws IOException, InterruptedException {
    ModelFile file = job.file();
    Path part = job.partial();
    Files.createDirectories(part.getParent());
    long have = Files.exists(part) ? Files.size(part) : 0;
    if (file.verified() && file.sizeKnown() && have > file.size()) {
      Files.delete(part); // longer than the file can be: start over
      have = 0;
    }
    Map<String, String> meta = new TreeMap<>();
    URI uri = c.uri();
    HttpResponse<InputStream> resp = null;
    for (int hop = 0; hop < 10; hop++) {
      HttpRequest.Builder rb =
          HttpRequest.newBuilder(uri).GET().timeout(settings.connectTimeout().plusSeconds(10));
      rb.header("User-Agent", "weft-studio");
      if (c.token() != null && uri.getHost() != null && uri.getHost().equals(c.uri().getHost())) {
        rb.header("Authorization", "Bearer " + c.token());
      }
      if (have > 0) {
        rb.header("Range", "bytes=" + have + "-");
      }
      resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (hop == 0) {
        collect(resp.headers(), meta);
      }
      int s = resp.statusCode();
      if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
        Optional<String> loc = resp.headers().firstValue("Location");
        resp.body().close();
        if (loc.isEmpty()) {
          return Attempt.permanent(uri + ": redirect without a Location");
        }
        uri = uri.resolve(loc.get());
        continue;
      }
      break;
    }
    int status = resp.statusCode();
    try (InputStream body = resp.body()) {
      if (status == 404 || status == 410) {
        return Attempt.permanent(uri + " answered " + status + " (not found)");
      }
      if (status == 401 || status == 403) {
        return Attempt.permanent(
            uri
                + " answered "
                + status
                + " (the repository may be gated or private; set HF_TOKEN)");
      }
      if (status == 429 || status == 503) {
        Duration after = retryAfter(resp.headers()).orElse(null);
        if (after != null && after.compareTo(settings.maxRetryAfter()) > 0) {
          return Attempt.permanent(
              uri
                  + " asks to wait "
                  + after.toSeconds()
                  + " s (Retry-After), longer than Weft waits");
        }
        return Attempt.retry(new IOException(uri + " answered " + status), after);
      }
      if (status == 416 && have > 0) {
        return finishOrRestart(job, meta, part, "the server has no bytes past " + have);
      }
      if (status >= 500) {
        return Attempt.retry(new IOException(uri + " answered " + status), null);
      }
      if (status != 200 && status != 206) {
        return Attempt.permanent(uri + " answered " + status);
      }
      if (status == 200 && have > 0) {
        LOG.info("{}: the server ignored the range request; starting over", job.label());
        Files.delete(part);
        have = 0;
      }
      if (status == 206) {
        long start = rangeStart(resp.headers()).orElse(-1L);
        if (start != have) {
          Files.deleteIfExists(part);
          return Attempt.retry(
              new IOException(uri + " sent a range from " + start + ", wanted " + have),
              Duration.ZERO);
        }
      }
      long expectEnd = expectedEnd(resp.headers(), status, have);
      batch.fileStarted(job, have);
      AtomicLong lastProgress = new AtomicLong(System.nanoTime());
      long stallNanos = settings.stallTimeout().toNanos();
      ScheduledFuture<?> dog =
          watchdog.scheduleAtFixedRate(
              () -> {
                if (System.nanoTime() - lastProgress.get() > stallNanos) {
                  closeQuietly(body);
                }
              },
              stallNanos / 4,
              stallNanos / 4,
              TimeUnit.NANOSECONDS);
      cancel.register(body);
      inner.register(body);
      long got = have;
      String hash;
      // the hash runs on its own thread, beside the network and the disk
      try (Hasher hasher = new Hasher(part, have);
          WritableByteChannel out = opener.openForAppend(part)) {
        try {
          while (true) {
            byte[] buf = hasher.buffer();
            int n = readChunk(body, buf);
            if (n <= 0) {
              hasher.recycle(buf);
              break;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            try {
              while (bb.hasRemaining()) {
                out.write(bb);
              }
            } catch (IOException e) {
              throw new DiskException(
                  "cannot write " + part + ": " + e.getMessage() + " (is the disk full?)", e);
            }
            hasher.submit(buf, n);
            got += n;
            lastProgress.set(System.nanoTime());
            batch.advance(job, got, n);
          }
        } catch (IOException e) {
          if (e instanceof DiskException) {
            throw e;
          }
          if (System.nanoTime() - lastProgress.get() > stallNanos) {
            throw new IOException(
                "no data for " + settings.stallTimeout().toMillis() + " ms (stalled)", e);
          }
          throw new IOException("connection lost after " + got + " bytes: " + e.getMessage(), e);
        }
        hash = hasher.finish();
      } finally {
        dog.cancel(false);
        cancel.unregister(body);
        inner.unregister(body);
      }
      if (cancel.isCancelled() || inner.isCancelled()) {
        throw new CancellationException(job.label() + ": cancelled");
      }
      long want = file.sizeKnown() && file.verified() ? file.size() : expectEnd;
      if (want > 0 && got < want) {
        return Attempt.retry(
            new IOException("connection closed after " + got + " of " + want + " bytes"), null);
      }
      return accept(job, meta, part, hash, got);
    }
  }

  private Attempt finishOrRestart(FileJob job, Map<String, String> meta, Path part, String why)
      throws IOException {
    MessageDigest md = sha256();
    hashExisting(part, md);
    String hash = HexFormat.of().formatHex(md.digest());
    if (job.file().sha256() == null || job.file().sha256().equals(hash)) {
      return accept(job, meta, part, hash, Files.size(part));
    }
    Files.delete(part);
    return Attempt.retry(
        new IOException(why + " and the partial file is wrong; starting over"), Duration.ZERO);
  }

  private Attempt accept(FileJob job, Map<String, String> meta, Path part, String hash, long size)
      throws IOException {
    ModelFile file = job.file();
    if (file.sha256() != null && !file.sha256().equals(hash)) {
      Files.deleteIfExists(part);
      throw new WeftException(
          "the downloaded "
              + file.path()
              + " has SHA-256 "
              + hash
              + " but the catalog expects "
              + file.sha256()
              + "; the file was deleted",
          Location.of("model file " + job.label()),
          "the source may have changed or a mirror serves a different file; try another source or update the catalog");
    }
    if (file.verified() && file.sizeKnown() && size != file.size()) {
      Files.deleteIfExists(part);
      throw new WeftException(
          "the downloaded "
              + file.path()
              + " has "
              + size
              + " bytes, the catalog expects "
              + file.size(),
          Location.of("model file " + job.label()),
          "try another source or update the catalog");
    }
    meta.put("x-weft-sha256", hash);
    Path fin = job.finisher().finish(part, meta);
    return Attempt.done(fin);
  }

  private static void collect(HttpHeaders h, Map<String, String> into) {
    h.map()
        .forEach((k, v) -> {
          if (!v.isEmpty()) {
            into.put(k.toLowerCase(Locale.ROOT), v.getFirst());
          }
        });
  }

  static Optional<Duration> retryAfter(HttpHeaders h) {
    Optional<String> v = h.firstValue("Retry-After");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** The file's full length from Content-Range's total or Content-Length, or -1. */
  private static long expectedEnd(HttpHeaders h, int status, long have) {
    if (status == 206) {
      Optional<String> cr = h.firstValue("Content-Range");
      if (cr.isPresent()) {
        int slash = cr.get().lastIndexOf('/');
        try {
          return slash > 0 ? Long.parseLong(cr.get().substring(slash + 1).strip()) : -1;
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return h.firstValueAsLong("Content-Length").stream()
        .map(l -> l + (status == 206 ? have : 0))
        .findFirst()
        .orElse(-1L);
  }

  private static Optional<Long> rangeStart(HttpHeaders h) {
    // Content-Range: bytes 100-999/1000
    return h.firstValue("Content-Range")
        .map(s -> s.replaceFirst("^bytes\\s+", ""))
        .flatMap(s -> {
          int dash = s.indexOf('-');
          try {
            return dash > 0
                ? Optional.of(Long.parseLong(s.substring(0, dash).strip()))
                : Optional.empty();
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
        });
  }

  private static void hashPrefix(Path part, long bytes, MessageDigest md) throws IOException {
    try (InputStream in = Files.newInputStream(part)) {
      byte[] buf = new byte[BUFFER];
      long left = bytes;
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n <= 0) {
          throw new IOException(part + " is shorter than the " + bytes + " bytes already fetched");
        }
        md.update(buf, 0, n);
        left -= n;
      }
    }
  }

  private static void hashExisting(Path part, MessageDigest md) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(part), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Fills {@code buf} as far as the stream allows without waiting past one short read. */
  private static int readChunk(InputStream in, byte[] buf) throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return n;
    }
    // top up while bytes are already there: fewer, larger writes and hash calls
    while (n < buf.length && in.available() > 0) {
      int m = in.read(buf, n, buf.length - n);
      if (m <= 0) {
        break;
      }
      n += m;
    }
    return n;
  }

  /**
   * SHA-256 on a thread of its own: the download thread hands it filled buffers and gets empty ones
   * back, so hashing overlaps with receiving and writing. A resumed file's existing bytes are
   * hashed first.
   */
  private static final class Hasher implements AutoCloseable {
    private static final byte[] END = new byte[0];
    private final MessageDigest md = sha256();
    private final java.util.concurrent.BlockingQueue<byte[]> free =
        new java.util.concurrent.ArrayBlockingQueue<>(8);
    private final java.util.concurrent.BlockingQueue<Object[]> full =
        new java.util.concurrent.ArrayBlockingQueue<>(8);
    private final java.util.concurrent.CompletableFuture<String> result =
        new java.util.concurrent.CompletableFuture<>();
    private final Thread thread;

    Hasher(Path existing, long existingBytes) {
      for (int i = 0; i < 8; i++) {
        free.add(new byte[BUFFER]);
      }
      thread =
          Thread.ofVirtual()
              .name("weft-sha256")
              .start(() -> {
                try {
                  if (existingBytes > 0) {
                    hashPrefix(existing, existingBytes, md); // the file grows meanwhile
                  }
                  while (true) {
                    Object[] item = full.take();
                    byte[] b = (byte[]) item[0];
                    if (b == END) {
                      break;
                    }
                    md.update(b, 0, (Integer) item[1]);
                    free.put(b);
                  }
                  result.complete(HexFormat.of().formatHex(md.digest()));
                } catch (Throwable t) {
                  result.completeExceptionally(t);
                }
              });
    }

    byte[] buffer() throws IOException {
      try {
        return free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      }
    }

    void recycle(byte[] b) {
      free.offer(b);
    }

    void submit(byte[] b, int n) throws IOException {
      try {
        full.put(new Object[] {b, n});
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      }
    }

    String finish() throws IOException {
      try {
        full.put(new Object[] {END, 0});
        return result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      } catch (ExecutionException e) {
        throw new IOException("hashing failed: " + e.getCause().getMessage(), e.getCause());
      }
    }

    @Override
    public void close() {
      if (!result.isDone()) {
        thread.interrupt();
      }
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the blocked read reports it
    }
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Progress over one batch; counts bytes once even when a file restarts. */
  private static final class Batch {
    private final long total;
    private final Listener listener;
    private final long started = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final Map<String, Long> perFile = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> lastEmit = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong fetchedThisRun = new AtomicLong();

    Batch(long total, Listener listener) {
      this.total = total;
      this.listener = listener;
    }

    void fileStarted(FileJob job, long have) {
      Long before = perFile.put(job.label(), have);
      bytes.addAndGet(have - (before == null ? 0 : before));
    }

    void advance(FileJob job, long fileBytes, int n) {
      perFile.put(job.label(), fileBytes);
      long done = bytes.addAndGet(n);
      fetchedThisRun.addAndGet(n);
      long now = System.nanoTime();
      Long last = lastEmit.get(job.label());
      boolean complete = job.file().sizeKnown() && fileBytes >= job.file().size();
      if (last == null || now - last >= PROGRESS_EVERY_NANOS || complete) {
        lastEmit.put(job.label(), now);
        double secs = Math.max(1e-3, (now - started) / 1e9);
        double rate = fetchedThisRun.get() / secs;
        Duration eta =
            total > 0 && rate > 0 ? Duration.ofMillis((long) ((total - done) / rate * 1000)) : null;
        listener.progress(
            new DownloadProgress(
                job.label(), fileBytes, job.file().size(), done, total, rate, eta, complete));
      }
    }
  }
}
