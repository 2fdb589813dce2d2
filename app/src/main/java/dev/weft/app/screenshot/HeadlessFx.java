package dev.weft.app.screenshot;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts JavaFX without a display: Monocle's headless glass and the software renderer, unless a
 * toolkit is already running (tests, or a studio window in this process).
 */
public final class HeadlessFx {
  private static volatile boolean started;

  private HeadlessFx() {}

  /** Starts the toolkit headless once per process; later calls return at once. */
  public static synchronized void start() {
    if (started) {
      return;
    }
    if (System.getProperty("glass.platform") == null) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
      System.setProperty("headless.geometry", "8000x8000-32");
      System.setProperty("java.awt.headless", "true");
    }
    CountDownLatch ready = new CountDownLatch(1);
    try {
      Platform.startup(ready::countDown);
    } catch (IllegalStateException alreadyRunning) {
      ready.countDown();
    }
    Platform.setImplicitExit(false);
    try {
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("JavaFX did not start within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting JavaFX", e);
    }
    started = true;
  }
}
