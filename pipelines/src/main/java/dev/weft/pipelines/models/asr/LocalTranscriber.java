package dev.weft.pipelines.models.asr;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Transcribes audio on this machine with one loaded SenseVoice or Paraformer model: conditions the
 * audio (mono, 16 kHz), then prepare, run and decode with the family's runner.
 */
public final class LocalTranscriber {
  private static final int SAMPLE_RATE = KaldiFbank.SAMPLE_RATE;
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
    return recognize(List.of(mono16k), options).getFirst();
  }

  /**
   * Recognises several utterances (16 kHz mono samples each) in one model call when the export
   * allows batches, else one call each; one result per utterance, in order.
   *
   * @throws java.util.concurrent.CancellationException when {@link AsrModel#terminate()} stopped a
   *     run
   */
  public List<Utterance> recognize(List<float[]> utterances, SenseVoiceRunner.Options options) {
    if (!model.batchable() && utterances.size() > 1) {
      List<Utterance> out = new ArrayList<>(utterances.size());
      for (float[] u : utterances) {
        out.add(recognize(u, options));
      }
      return out;
    }
    List<Utterance> out = new ArrayList<>(utterances.size());
    List<Integer> audible = new ArrayList<>();
    for (int i = 0; i < utterances.size(); i++) {
      float[] u = utterances.get(i);
      if (model.frontEnd().frames(u.length) == 0) {
        // Shorter than one 25 ms analysis frame: nothing the model could hear.
        out.add(
            new Utterance(
                "", null, null, null, List.of(), List.of(), u.length / (double) SAMPLE_RATE));
      } else {
        out.add(null);
        audible.add(i);
      }
    }
    if (audible.isEmpty()) {
      return out;
    }
    List<Utterance> heard;
    if (senseVoice != null) {
      List<SenseVoiceRunner.Prepared> in = new ArrayList<>();
      for (int i : audible) {
        in.add(senseVoice.prepare(utterances.get(i), options));
      }
      heard = senseVoice.run(in).stream().map(senseVoice::decode).toList();
    } else {
      List<ParaformerRunner.Prepared> in = new ArrayList<>();
      for (int i : audible) {
        in.add(paraformer.prepare(utterances.get(i)));
      }
      heard = paraformer.run(in).stream().map(paraformer::decode).toList();
    }
    for (int k = 0; k < audible.size(); k++) {
      out.set(audible.get(k), heard.get(k));
    }
    return out;
  }
}
