package dev.weft.pipelines.models.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server in the hub's URL layout ({@code /owner/name/resolve/REV/path}), with a CDN
 * redirect like the real hub, range requests, and faults a test switches on: a connection cut
 * mid-file, wrong bytes, 429 with Retry-After, a stall, a slow trickle.
 */
final class HubTestServer implements AutoCloseable {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>(); // key: repo/path
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> ranges = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> cutOnce =
      new ConcurrentHashMap<>(); // key -> bytes to send before the cut
  final Map<String, byte[]> wrongBytes = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> tooMany = new ConcurrentHashMap<>(); // key -> 429s left
  volatile int retryAfterSeconds = 3;
  final Map<String, Integer> stallAfter =
      new ConcurrentHashMap<>(); // key -> bytes before stalling once
  volatile long stallMillis = 2000;
  volatile long trickleDelayMillis = 0; // per 4 KiB chunk
  final AtomicInteger inFlight = new AtomicInteger();

  /** When > 1, each transfer waits (up to 5 s) until this many are in flight at once. */
  volatile int holdUntilInFlight = 0;

  final AtomicInteger maxInFlight = new AtomicInteger();
  private final String prefix;

  HubTestServer(String prefix) throws IOException {
    this.prefix = prefix;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  void put(String repo, String path, byte[] bytes) {
    files.put(repo + "/" + path, bytes);
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String p = ex.getRequestURI().getPath();
    requests.add(p);
    try (ex) {
      if (!p.startsWith(prefix + "/")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      String rest = p.substring(prefix.length() + 1);
      if (rest.startsWith("cdn/")) {
        serveBytes(ex, rest.substring(4));
        return;
      }
      if (rest.startsWith("models/")) {
        rest = rest.substring("models/".length()); // ModelScope's layout
      }
      // owner/name/resolve/rev/path
      String[] parts = rest.split("/", 5);
      if (parts.length < 5 || !parts[2].equals("resolve")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      String key = parts[0] + "/" + parts[1] + "/" + parts[4];
      byte[] data = files.get(key);
      if (data == null) {
        ex.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
        ex.sendResponseHeaders(404, -1);
        return;
      }
      AtomicInteger limited = tooMany.get(key);
      if (limited != null && limited.getAndDecrement() > 0) {
        ex.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
        ex.sendResponseHeaders(429, -1);
        return;
      }
      // like the hub: metadata on the first answer, bytes from the CDN
      ex.getResponseHeaders().add("X-Repo-Commit", COMMIT);
      ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256(data) + "\"");
      ex.getResponseHeaders().add("Location", prefix + "/cdn/" + key);
      ex.sendResponseHeaders(302, -1);
    }
  }

  private void serveBytes(HttpExchange ex, String key) throws IOException {
    byte[] data = wrongBytes.getOrDefault(key, files.get(key));
    if (data == null) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      long until = System.nanoTime() + 5_000_000_000L;
      while (holdUntilInFlight > 1
          && maxInFlight.get() < holdUntilInFlight
          && System.nanoTime() < until) {
        sleep(5);
      }
      long start = 0;
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range != null) {
        ranges.add(range);
        start = Long.parseLong(range.replace("bytes=", "").replace("-", "").strip());
        if (start >= data.length) {
          ex.getResponseHeaders().add("Content-Range", "bytes */" + data.length);
          ex.sendResponseHeaders(416, -1);
          return;
        }
        ex.getResponseHeaders()
            .add("Content-Range", "bytes " + start + "-" + (data.length - 1) + "/" + data.length);
        ex.sendResponseHeaders(206, data.length - start);
      } else {
        ex.sendResponseHeaders(200, data.length);
      }
      OutputStream out = ex.getResponseBody();
      AtomicInteger cut = cutOnce.remove(key);
      Integer stall = stallAfter.remove(key);
      int pos = (int) start;
      while (pos < data.length) {
        int n = Math.min(4096, data.length - pos);
        if (cut != null && pos - start + n > cut.get()) {
          n = (int) Math.max(0, cut.get() - (pos - start));
          out.write(data, pos, n);
          out.flush();
          // drop the connection mid-file
          throw new IOException("test cut");
        }
        if (stall != null && pos - start >= stall) {
          out.flush();
          sleep(stallMillis);
          stall = null;
        }
        out.write(data, pos, n);
        pos += n;
        if (trickleDelayMillis > 0) {
          out.flush();
          sleep(trickleDelayMillis);
        }
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
