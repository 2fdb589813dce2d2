package dev.weft.assets.media;

import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegLogCallback;

/** FFmpeg set-up shared by the audio and video codecs: quiet logging, and error translation. */
public final class Ffmpeg {
  private static volatile boolean configured;

  private Ffmpeg() {}

  /** Loads the natives once and keeps FFmpeg's console output to errors. */
  public static void ensureLoaded() {
    if (!configured) {
      synchronized (Ffmpeg.class) {
        if (!configured) {
          avutil.av_log_set_level(avutil.AV_LOG_ERROR);
          FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
          configured = true;
        }
      }
    }
  }

  /** Turns an FFmpeg failure on open into a message naming the file and what is wrong. */
  public static MediaException openFailure(Path file, String what, Exception e) {
    String msg = String.valueOf(e.getMessage());
    String lower = msg.toLowerCase(Locale.ROOT);
    MediaException.Reason reason =
        lower.contains("end of file") || lower.contains("-541478725")
            ? MediaException.Reason.TRUNCATED
            : MediaException.Reason.CORRUPT;
    return new MediaException(
        file, reason, "FFmpeg cannot read it as " + what + " (" + msg.strip() + ")", e);
  }
}
