package dev.weft.pipelines.backends.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open streamed reply. Its body is closed when the call is cancelled and when no byte arrives
 * for the idle timeout, so a reader blocked on a silent server always wakes up.
 */
public final class HttpStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpStream.class);
  private final HttpCall call;
  private final int status;
  private final HttpHeaders headers;
  private final GuardedInput body;
  private final CancelSignal cancel;
  private final CancelSignal.Registration cancelRegistration;
  private final Redactor redactor;

  HttpStream(
      HttpCall call,
      int status,
      HttpHeaders headers,
      InputStream raw,
      CancelSignal cancel,
      Duration idleTimeout,
      Redactor redactor) {
    this.call = call;
    this.status = status;
    this.headers = headers;
    this.cancel = cancel;
    this.redactor = redactor;
    this.body = new GuardedInput(raw, idleTimeout);
    this.cancelRegistration = cancel.onCancel(body::abort);
  }

  public int status() {
    return status;
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** The body bytes; reading fails with an IOException once idle or cancelled. */
  public InputStream body() {
    return body;
  }

  /** Whether the reply says it is an event stream. */
  public boolean isEventStream() {
    return headers
        .firstValue("Content-Type")
        .map(v -> v.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream"))
        .orElse(false);
  }

  /**
   * Reads the body as server-sent events until the end of the stream or until {@code onEvent}
   * returns false (the caller saw its terminal event).
   *
   * @return true when the stream was left on a false from {@code onEvent}, false at its end
   * @throws CloudException when the connection drops or goes silent
   * @throws CancelledException when the call was cancelled
   */
  public boolean readEvents(EventHandler onEvent) {
    StopFlag stop = new StopFlag();
    SseParser parser =
        new SseParser(e -> {
          if (!stop.stopped && !onEvent.onEvent(e)) {
            stop.stopped = true;
          }
        });
    byte[] buf = new byte[16 * 1024];
    try {
      int n;
      while (!stop.stopped && (n = body.read(buf)) >= 0) {
        parser.feed(buf, 0, n);
      }
      if (!stop.stopped) {
        parser.finish();
      }
      return stop.stopped;
    } catch (IOException e) {
      cancel.throwIfCancelled(call.what());
      String reason =
          body.idled()
              ? "no data for "
                  + String.format(
                      java.util.Locale.ROOT, "%.3g", body.idleTimeout.toMillis() / 1000.0)
                  + " s"
              : e.getMessage();
      throw new CloudException(
          CloudException.Kind.TRANSPORT,
          call.service(),
          status,
          null,
          null,
          redactor.redact(call.what() + ": the stream broke off (" + reason + ")"),
          CloudException.hintFor(CloudException.Kind.TRANSPORT),
          e);
    }
  }

  @Override
  public void close() {
    cancelRegistration.close();
    body.abort();
  }

  /** Receives events; returning false stops reading. */
  @FunctionalInterface
  public interface EventHandler {
    boolean onEvent(SseEvent event);
  }

  private static final class StopFlag {
    boolean stopped;
  }

  /** An input stream closed from outside on cancel or after a silence longer than allowed. */
  private static final class GuardedInput extends InputStream {
    private final InputStream in;
    private final Duration idleTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean idled;

    GuardedInput(InputStream in, Duration idleTimeout) {
      this.in = in;
      this.idleTimeout = idleTimeout;
      Thread.ofVirtual().name("weft-stream-watchdog").start(this::watch);
    }

    private void watch() {
      long limit = idleTimeout.toNanos();
      while (!closed.get()) {
        long idle = System.nanoTime() - lastActivity;
        if (idle >= limit) {
          idled = true;
          abort();
          return;
        }
        try {
          Thread.sleep(Duration.ofNanos(Math.min(limit - idle, 500_000_000L) + 1));
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    boolean idled() {
      return idled;
    }

    void abort() {
      if (closed.compareAndSet(false, true)) {
        try {
          in.close();
        } catch (IOException e) {
          // the stream is being thrown away; a failure to close it changes nothing for the reader
          LOG.debug("closing an abandoned stream failed: {}", e.getMessage());
        }
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed.get()) {
        throw new IOException(idled ? "stream idle for too long" : "stream closed");
      }
      int n = in.read(b, off, len);
      lastActivity = System.nanoTime();
      if (closed.get() && n >= 0) {
        throw new IOException(idled ? "stream idle for too long" : "stream closed");
      }
      return n;
    }

    @Override
    public void close() {
      abort();
    }
  }
}
