package dev.weft.assets.video;

import java.util.Map;

/**
 * What a video file holds, read from its headers.
 *
 * @param width frame width in pixels as displayed (after the stream's rotation)
 * @param height frame height in pixels as displayed
 * @param fps frames per second (the stream's average rate)
 * @param durationSeconds the container's duration
 * @param frameCount the stream's frame count when known, else an estimate from duration and fps
 * @param videoCodec the decoder FFmpeg picked, e.g. "h264"
 * @param hasAudio whether an audio stream is present
 * @param audioSampleRate the audio stream's rate, 0 without audio
 * @param audioChannels the audio stream's channels, 0 without audio
 * @param format the container as FFmpeg names it, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
 * @param metadata the container's metadata entries
 * @param rotationDegrees how far the stored picture is turned counter-clockwise for display (0, 90,
 *     180 or 270; phones record portrait video this way); frames are delivered turned already
 */
public record VideoInfo(
    int width,
    int height,
    double fps,
    double durationSeconds,
    long frameCount,
    String videoCodec,
    boolean hasAudio,
    int audioSampleRate,
    int audioChannels,
    String format,
    Map<String, String> metadata,
    int rotationDegrees) {
  public VideoInfo {
    metadata = Map.copyOf(metadata);
  }
}
