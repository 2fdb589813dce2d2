package dev.weft.pipelines.backends.openai;

/**
 * A whole chat answer: the text, the reasoning (thinking models; empty otherwise), why it stopped,
 * the token counts, and the speech when audio was asked for (null otherwise).
 *
 * @param streamed whether the server streamed the answer
 */
public record ChatResult(
    String id,
    String model,
    String text,
    String reasoning,
    String finishReason,
    Usage usage,
    PcmAudio audio,
    boolean streamed) {}
