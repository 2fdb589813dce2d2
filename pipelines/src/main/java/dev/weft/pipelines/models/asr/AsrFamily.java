package dev.weft.pipelines.models.asr;

/** The model families the local speech recogniser runs. */
public enum AsrFamily {
  /** SenseVoiceSmall: CTC over the encoder, with language, emotion, event and ITN tags. */
  SENSE_VOICE,
  /** Paraformer: non-autoregressive, one token per CIF-predicted position. */
  PARAFORMER
}
