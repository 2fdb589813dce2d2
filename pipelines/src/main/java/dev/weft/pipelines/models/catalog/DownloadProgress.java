package dev.weft.pipelines.models.catalog;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a download is: the file being reported and its bytes, the whole batch's bytes, the recent
 * rate, and the estimated time left (empty while unknown). Totals are -1 when unknown.
 */
public record DownloadProgress(
    String file,
    long fileBytes,
    long fileTotal,
    long bytes,
    long total,
    double bytesPerSecond,
    Duration eta,
    boolean fileDone) {

  public Optional<Duration> remaining() {
    return Optional.ofNullable(eta);
  }

  /** 0..1 over the batch, or -1 when the total is unknown. */
  public double fraction() {
    return total > 0 ? Math.min(1.0, bytes / (double) total) : -1;
  }
}
