package dev.weft.pipelines.backends.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends cloud calls through {@code java.net.http}: timeouts, the retry table, cancellation (which
 * aborts the exchange or closes the stream), the offline switch, and logs that never show a secret.
 * One instance is shared by every client of a studio; it is cheap to call from many virtual threads
 * at once.
 *
 * <p>Offline means nothing leaves this machine: calls to loopback hosts ({@link LoopbackHosts}: a
 * vLLM or LM Studio on localhost) still go, every other host is refused before a byte is sent, and
 * redirects are not followed (a local server must not bounce a call elsewhere).
 */
public final class CloudHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CloudHttp.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpClient client;
  private final HttpClient noRedirects;
  private final boolean ownsClients;
  private final HttpOptions options;
  private final Redactor redactor;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final BooleanSupplier offline;

  public CloudHttp(
      HttpOptions options,
      Redactor redactor,
      Sleeper sleeper,
      RandomGenerator random,
      BooleanSupplier offline) {
    this.options = options;
    this.redactor = redactor;
    this.sleeper = sleeper;
    this.random = random;
    this.offline = offline;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.noRedirects =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.ownsClients = true;
  }

  private CloudHttp(CloudHttp base, BooleanSupplier offline) {
    this.options = base.options;
    this.redactor = base.redactor;
    this.sleeper = base.sleeper;
    this.random = base.random;
    this.offline = offline;
    this.client = base.client;
    this.noRedirects = base.noRedirects;
    this.ownsClients = false;
  }

  /**
   * A view of this instance that is also offline when {@code alsoOffline} says so (a run started
   * with {@code --offline}, say). It shares the connections; closing it closes nothing.
   */
  public CloudHttp withOffline(BooleanSupplier alsoOffline) {
    BooleanSupplier mine = offline;
    return new CloudHttp(this, () -> alsoOffline.getAsBoolean() || mine.getAsBoolean());
  }

  /** Whether calls to hosts other than loopback are refused right now. */
  public boolean offline() {
    return offline.getAsBoolean();
  }

  /** Real waiting, real randomness, never offline. */
  public static CloudHttp standard(Redactor redactor) {
    return new CloudHttp(
        HttpOptions.defaults(),
        redactor,
        Sleeper.real(),
        RandomGenerator.getDefault(),
        () -> false);
  }

  public Redactor redactor() {
    return redactor;
  }

  public HttpOptions options() {
    return options;
  }

  /** Sends a call and buffers its reply; error statuses become {@link CloudException}s. */
  public HttpReply send(HttpCall call, CancelSignal cancel) {
    HttpResponse<byte[]> r = exchange(call, cancel, HttpResponse.BodyHandlers.ofByteArray());
    return new HttpReply(call.service(), call.what(), r.statusCode(), r.headers(), r.body());
  }

  /**
   * Sends a call whose reply is a stream (SSE, a download). Retries happen only before the first
   * byte of a successful reply; after that a failure is reported, never hidden by a resend.
   */
  public HttpStream openStream(HttpCall call, CancelSignal cancel) {
    HttpResponse<InputStream> r = exchange(call, cancel, HttpResponse.BodyHandlers.ofInputStream());
    return new HttpStream(
        call, r.statusCode(), r.headers(), r.body(), cancel, options.idleTimeout(), redactor);
  }

  /**
   * Downloads a URL into {@code target}, atomically: a failed or cancelled download leaves no file
   * behind. {@code progress} receives the bytes written so far.
   *
   * @return the number of bytes written
   */
  public long download(HttpCall call, Path target, LongConsumer progress, CancelSignal cancel) {
    int attempt = 0;
    while (true) {
      Path part = target.resolveSibling(target.getFileName() + ".part");
      try (HttpStream stream = openStream(call, cancel)) {
        long written = 0;
        try (InputStream in = stream.body();
            OutputStream out = Files.newOutputStream(part)) {
          byte[] buf = new byte[64 * 1024];
          int n;
          while ((n = in.read(buf)) >= 0) {
            cancel.throwIfCancelled(call.what());
            out.write(buf, 0, n);
            written += n;
            progress.accept(written);
          }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        return written;
      } catch (IOException e) {
        deleteQuietly(part);
        cancel.throwIfCancelled(call.what());
        attempt++;
        Optional<Duration> delay =
            call.retry().delayBefore(attempt, new RetryPolicy.Transport(true), call.kind(), random);
        if (delay.isEmpty()) {
          throw transportError(call, e);
        }
        logRetry(call, "transfer broke: " + e.getMessage(), attempt, delay.get());
        sleeper.sleep(delay.get(), cancel);
      } catch (RuntimeException e) {
        deleteQuietly(part);
        throw e;
      }
    }
  }

  private <T> HttpResponse<T> exchange(
      HttpCall call, CancelSignal cancel, HttpResponse.BodyHandler<T> handler) {
    boolean off = offline.getAsBoolean();
    if (off && !LoopbackHosts.isLoopback(call.uri())) {
      throw new CloudException(
          CloudException.Kind.OFFLINE,
          call.service(),
          0,
          null,
          null,
          call.what()
              + " needs "
              + (call.uri().getHost() == null ? "the network" : call.uri().getHost())
              + ", but Weft is set to Offline (only servers on this machine may be called)",
          CloudException.hintFor(CloudException.Kind.OFFLINE),
          null);
    }
    HttpClient via = off ? noRedirects : client;
    HttpRequest request = buildRequest(call);
    int attempt = 0;
    while (true) {
      cancel.throwIfCancelled(call.what());
      long started = System.nanoTime();
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} {}: {} {} headers={}",
            call.service(),
            call.what(),
            call.method(),
            redactor.redact(call.uri()),
            redactor.redactHeaders(request.headers().map()));
      }
      RetryPolicy.Failure failure;
      CloudException error;
      try {
        HttpResponse<T> response = await(via.sendAsync(request, handler), cancel, call);
        int status = response.statusCode();
        if (off && status >= 300 && status < 400) {
          errorBody(response.body());
          throw new CloudException(
              CloudException.Kind.OFFLINE,
              call.service(),
              status,
              null,
              null,
              redactor.redact(
                  call.what()
                      + ": the server on this machine redirected to "
                      + response.headers().firstValue("Location").orElse("another address")
                      + ", which Offline mode does not follow"),
              CloudException.hintFor(CloudException.Kind.OFFLINE),
              null);
        }
        LOG.debug(
            "{} {}: HTTP {} in {} ms",
            call.service(),
            call.what(),
            status,
            (System.nanoTime() - started) / 1_000_000);
        if (status >= 200 && status < 300) {
          return response;
        }
        byte[] body = errorBody(response.body());
        ErrorReply reply = ErrorReply.parse(body);
        failure = new RetryPolicy.ErrorStatus(status, reply.code(), retryAfter(response.headers()));
        error = reply.toException(call.service(), call.what(), status, redactor);
      } catch (IOException e) {
        boolean arrived = !isConnectFailure(e);
        failure = new RetryPolicy.Transport(arrived);
        error = transportError(call, e);
      }
      attempt++;
      Optional<Duration> delay = call.retry().delayBefore(attempt, failure, call.kind(), random);
      if (delay.isEmpty()) {
        throw error;
      }
      logRetry(call, error.getMessage(), attempt, delay.get());
      sleeper.sleep(delay.get(), cancel);
    }
  }

  private HttpRequest buildRequest(HttpCall call) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(call.uri())
            .method(
                call.method(),
                call.body() == null ? HttpRequest.BodyPublishers.noBody() : call.body())
            .header("User-Agent", options.userAgent());
    // for streams the request timeout covers only the wait for the headers; the idle timeout
    // of HttpStream guards the body
    b.timeout(options.requestTimeout());
    if ("http".equalsIgnoreCase(call.uri().getScheme())) {
      // plain-HTTP servers (vLLM, llama.cpp, Ollama) do not all survive an h2c upgrade offer
      b.version(HttpClient.Version.HTTP_1_1);
    }
    for (Map.Entry<String, String> h : call.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
      if (Redactor.isSecretHeader(h.getKey())) {
        String v = h.getValue();
        redactor.addSecret(v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7) : v);
      }
    }
    return b.build();
  }

  private static <T> HttpResponse<T> await(
      CompletableFuture<HttpResponse<T>> future, CancelSignal cancel, HttpCall call)
      throws IOException {
    try (CancelSignal.Registration ignored = cancel.onCancel(() -> future.cancel(true))) {
      return future.get();
    } catch (CancellationException e) {
      throw new CancelledException(call.what() + " was cancelled");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancelledException(call.what() + " was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CancellationException || cancel.isCancelled()) {
        throw new CancelledException(call.what() + " was cancelled");
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    }
  }

  private static byte[] errorBody(Object body) throws IOException {
    if (body instanceof byte[] bytes) {
      return bytes;
    }
    if (body instanceof InputStream in) {
      try (in) {
        return in.readNBytes(MAX_ERROR_BODY);
      }
    }
    return new byte[0];
  }

  static boolean isConnectFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers) {
    Optional<String> v = headers.firstValue("Retry-After");
    if (v.isEmpty()) {
      return null;
    }
    String s = v.get().strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(s)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  CloudException transportError(HttpCall call, IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CloudException(
        CloudException.Kind.TRANSPORT,
        call.service(),
        0,
        null,
        null,
        redactor.redact(call.what() + " failed: " + reason + " (" + call.uri().getHost() + ")"),
        CloudException.hintFor(CloudException.Kind.TRANSPORT),
        e);
  }

  private void logRetry(HttpCall call, String why, int attempt, Duration delay) {
    LOG.warn(
        "{} {}: {}; retry {} in {} ms",
        call.service(),
        call.what(),
        redactor.redact(why),
        attempt,
        delay.toMillis());
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("could not delete partial download {}: {}", p, e.getMessage());
    }
  }

  /** URIs resolved against a base that may or may not end with a slash. */
  public static URI resolve(String base, String path) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String p = path.startsWith("/") ? path : "/" + path;
    return URI.create(b + p);
  }

  @Override
  public void close() {
    if (ownsClients) {
      client.close();
      noRedirects.close();
    }
  }
}
