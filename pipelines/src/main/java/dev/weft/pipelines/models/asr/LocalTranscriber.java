package dev.weft.pipelines.models.asr;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.util.Objects;

/**
 * Transcribes audio on this machine with one loaded SenseVoice or Paraformer model: conditions the
 * audio (mono, 16 kHz), then prepare, run and decode with the family's runner.
 */
public final class LocalTranscriber {
  private final AsrModel model;
  private final SenseVoiceRunner senseVoice;
  private final ParaformerRunner paraformer;

  public LocalTranscriber(AsrModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.senseVoice = model.family() == AsrFamily.SENSE_VOICE ? new SenseVoiceRunner(model) : null;
    this.paraformer = model.family() == AsrFamily.PARAFORMER ? new ParaformerRunner(model) : null;
  }

  public AsrModel model() {
    return model;
  }

  /**
   * Transcribes one utterance (the whole of {@code audio}).
   *
   * @throws WeftException when the audio holds no samples
   */
  public TranscriptAsset transcribe(
      AudioAsset audio, SenseVoiceRunner.Options options, Location where) {
    if (audio.frames() == 0) {
      throw new WeftException(
          "the audio is empty (0 samples)", where, "check that the file holds sound");
    }
    return recognize(ModelAudio.toMono16k(audio), options).toTranscript();
  }

  /** Recognises 16 kHz mono samples as one utterance. */
  public Utterance recognize(float[] mono16k, SenseVoiceRunner.Options options) {
    double duration = mono16k.length / (double) KaldiFbank.SAMPLE_RATE;
    if (model.frontEnd().frames(mono16k.length) == 0) {
      // Shorter than one 25 ms analysis frame: nothing the model could hear.
      return new Utterance(
          "", null, null, null, java.util.List.of(), java.util.List.of(), duration);
    }
    if (senseVoice != null) {
      return senseVoice.decode(senseVoice.run(senseVoice.prepare(mono16k, options)));
    }
    return paraformer.decode(paraformer.run(paraformer.prepare(mono16k)));
  }
}
