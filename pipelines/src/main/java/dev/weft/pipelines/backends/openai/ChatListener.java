package dev.weft.pipelines.backends.openai;

/** Hears a chat answer as it streams. Every method has a do-nothing default. */
public interface ChatListener {
  /** The next piece of the answer's text. */
  default void onText(String delta) {}

  /** The next piece of a thinking model's reasoning, kept apart from the answer. */
  default void onReasoning(String delta) {}

  /** The next piece of spoken answer as 16-bit little-endian PCM (whole samples only). */
  default void onAudio(byte[] pcm16le, int sampleRate) {}

  /** The token counts, when the server sends them. */
  default void onUsage(Usage usage) {}

  static ChatListener none() {
    return new ChatListener() {};
  }
}
