package dev.weft.pipelines.models.asr;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioOps;

/**
 * Brings any audio to what the speech models take: one channel at 16 kHz. Channels are averaged;
 * other rates are resampled with the assets module's band-limited resampler, never refused.
 */
final class ModelAudio {
  private ModelAudio() {}

  static float[] toMono16k(AudioAsset audio) {
    return AudioOps.resample(AudioOps.toMono(audio), KaldiFbank.SAMPLE_RATE).copySamples();
  }
}
