package dev.weft.pipelines.testing.protocol;

import java.time.Duration;
import java.util.List;

/**
 * What the protocol test server answers to the next chat completion, and how it cuts the stream.
 *
 * @param textPieces the answer's text deltas (null: an answer made from the request)
 * @param reasoningPieces reasoning deltas sent before the text
 * @param audioPcm headerless PCM16 speech to send when audio is asked for (null: a tone)
 * @param audioFragmentChars how many Base64 characters each audio delta carries (not a multiple of
 *     4, to cut groups)
 * @param splitSizes the byte sizes the stream is written in, cycled; cuts events and UTF-8
 *     characters
 * @param pause a pause after each write
 * @param errorAfterPieces send an error event after this many text pieces (-1: never)
 * @param dropAfterBytes close the connection after this many bytes (-1: never)
 * @param omitDone end without {@code [DONE]}
 */
public record ChatScript(
    List<String> textPieces,
    List<String> reasoningPieces,
    byte[] audioPcm,
    int audioFragmentChars,
    int[] splitSizes,
    Duration pause,
    int errorAfterPieces,
    String errorCode,
    long dropAfterBytes,
    boolean omitDone) {

  /** The server's default: answers from the request, stream cut at odd byte sizes. */
  public static ChatScript defaults() {
    return new ChatScript(
        null,
        List.of(),
        null,
        1001,
        new int[] {7, 3, 11, 1, 5},
        Duration.ZERO,
        -1,
        null,
        -1,
        false);
  }

  public static ChatScript text(String... pieces) {
    return defaults().withText(List.of(pieces));
  }

  public ChatScript withText(List<String> pieces) {
    return new ChatScript(
        pieces,
        reasoningPieces,
        audioPcm,
        audioFragmentChars,
        splitSizes,
        pause,
        errorAfterPieces,
        errorCode,
        dropAfterBytes,
        omitDone);
  }

  public ChatScript withReasoning(String... pieces) {
    return new ChatScript(
        textPieces,
        List.of(pieces),
        audioPcm,
        audioFragmentChars,
        splitSizes,
        pause,
        errorAfterPieces,
        errorCode,
        dropAfterBytes,
        omitDone);
  }

  public ChatScript withAudio(byte[] pcm, int fragmentChars) {
    return new ChatScript(
        textPieces,
        reasoningPieces,
        pcm,
        fragmentChars,
        splitSizes,
        pause,
        errorAfterPieces,
        errorCode,
        dropAfterBytes,
        omitDone);
  }

  public ChatScript withSplits(int... sizes) {
    return new ChatScript(
        textPieces,
        reasoningPieces,
        audioPcm,
        audioFragmentChars,
        sizes,
        pause,
        errorAfterPieces,
        errorCode,
        dropAfterBytes,
        omitDone);
  }

  public ChatScript withPause(Duration p) {
    return new ChatScript(
        textPieces,
        reasoningPieces,
        audioPcm,
        audioFragmentChars,
        splitSizes,
        p,
        errorAfterPieces,
        errorCode,
        dropAfterBytes,
        omitDone);
  }

  public ChatScript withErrorAfter(int pieces, String code) {
    return new ChatScript(
        textPieces,
        reasoningPieces,
        audioPcm,
        audioFragmentChars,
        splitSizes,
        pause,
        pieces,
        code,
        dropAfterBytes,
        omitDone);
  }

  public ChatScript withDropAfter(long bytes) {
    return new ChatScript(
        textPieces,
        reasoningPieces,
        audioPcm,
        audioFragmentChars,
        splitSizes,
        pause,
        errorAfterPieces,
        errorCode,
        bytes,
        omitDone);
  }

  public ChatScript withoutDone() {
    return new ChatScript(
        textPieces,
        reasoningPieces,
        audioPcm,
        audioFragmentChars,
        splitSizes,
        pause,
        errorAfterPieces,
        errorCode,
        dropAfterBytes,
        true);
  }
}
