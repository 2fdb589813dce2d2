package dev.weft.pipelines.models.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops a download: reads in progress are aborted at once (their streams are closed), partial files
 * stay on disk so a later pull resumes where this one stopped.
 */
public final class DownloadCancel {
  private volatile boolean cancelled;
  private final Set<Closeable> streams = ConcurrentHashMap.newKeySet();

  public void cancel() {
    cancelled = true;
    for (Closeable c : streams) {
      try {
        c.close();
      } catch (IOException e) {
        // the read it unblocks reports the failure
      }
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  void register(Closeable c) {
    streams.add(c);
    if (cancelled) {
      cancel();
    }
  }

  void unregister(Closeable c) {
    streams.remove(c);
  }
}
