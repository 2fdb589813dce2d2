package dev.weft.pipelines.backends.openai;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Puts speech back together from Base64 fragments of a stream. DashScope sends headerless PCM16 (24
 * kHz mono) cut anywhere, even inside a Base64 group or a sample; some servers send WAV files,
 * whole per fragment or as one file spread over fragments. Both are read: bytes that start with a
 * RIFF header are parsed as WAV, anything else continues the PCM.
 */
final class AudioAssembler {
  private final Base64Chunks base64 = new Base64Chunks();
  private final ByteArrayOutputStream all = new ByteArrayOutputStream();
  private byte[] held = new byte[0]; // a WAV header not yet complete, or half a sample
  private int sampleRate;
  private int channels = 1;
  private boolean any;

  AudioAssembler(int defaultSampleRate) {
    this.sampleRate = defaultSampleRate;
  }

  boolean hasAudio() {
    return any;
  }

  /** Adds a fragment, telling {@code listener} about the whole samples it completes. */
  void fragment(String data, ChatListener listener) {
    if (data == null || data.isEmpty()) {
      return;
    }
    accept(base64.append(data), listener);
  }

  PcmAudio finish(ChatListener listener) {
    accept(base64.finish(), listener);
    if (held.length > 0 && WavReader.looksLikeWav(held)) {
      throw new IllegalArgumentException("the speech ended inside a WAV header");
    }
    // a trailing half sample cannot be played; it is dropped
    return any ? new PcmAudio(sampleRate, channels, trimToFrames(all.toByteArray())) : null;
  }

  private void accept(byte[] bytes, ChatListener listener) {
    if (bytes.length == 0) {
      return;
    }
    byte[] b = held.length == 0 ? bytes : concat(held, bytes);
    held = new byte[0];
    if (b.length >= 4 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F') {
      if (b.length < 12) {
        held = b;
        return;
      }
      PcmAudio wav;
      try {
        wav = WavReader.read(b);
      } catch (IllegalArgumentException incomplete) {
        if (b.length < 4096) {
          held = b; // the header continues in the next fragment
          return;
        }
        throw incomplete;
      }
      sampleRate = wav.sampleRate();
      channels = wav.channels();
      emit(wav.pcm16le(), listener);
      return;
    }
    int frame = 2 * channels;
    int whole = b.length / frame * frame;
    if (whole < b.length) {
      held = Arrays.copyOfRange(b, whole, b.length);
    }
    emit(Arrays.copyOf(b, whole), listener);
  }

  private void emit(byte[] pcm, ChatListener listener) {
    if (pcm.length == 0) {
      return;
    }
    any = true;
    all.writeBytes(pcm);
    listener.onAudio(pcm, sampleRate);
  }

  private byte[] trimToFrames(byte[] pcm) {
    int frame = 2 * channels;
    return pcm.length % frame == 0 ? pcm : Arrays.copyOf(pcm, pcm.length / frame * frame);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
