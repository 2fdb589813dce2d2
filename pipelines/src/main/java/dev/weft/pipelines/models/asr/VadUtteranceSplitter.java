package dev.weft.pipelines.models.asr;

import ai.onnxruntime.OrtException;
import dev.weft.nativelibs.onnx.RunTerminatedException;
import dev.weft.pipelines.models.vad.SileroVadStream;
import dev.weft.pipelines.models.vad.StreamingSegmenter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Utterances where Silero VAD hears speech: the audio runs through the VAD frame by frame, the
 * streaming segmenter turns probabilities into spans (over-long speech split at its quietest frame,
 * so with the padding no span exceeds the maximum), and each finished span is cut from the window
 * of recent audio, which is trimmed to what a span still to come may need.
 */
final class VadUtteranceSplitter implements UtteranceSplitter {
  private final SileroVadStream vad;
  private final StreamingSegmenter segmenter;
  private final SampleWindow window = new SampleWindow();
  private long fed;

  VadUtteranceSplitter(SileroVadStream vad, StreamingSegmenter segmenter) {
    if (vad.sampleRate() != KaldiFbank.SAMPLE_RATE) {
      throw new IllegalArgumentException("the VAD must run at 16 kHz, not " + vad.sampleRate());
    }
    this.vad = vad;
    this.segmenter = segmenter;
  }

  @Override
  public List<Piece> accept(float[] samples, int length) throws IOException {
    window.append(samples, length);
    fed += length;
    float[] probabilities = probabilities(() -> vad.accept(samples, 0, length));
    List<Piece> out = new ArrayList<>();
    for (float p : probabilities) {
      cut(segmenter.accept(p), out);
    }
    window.dropBefore(segmenter.retainFrom());
    return out;
  }

  @Override
  public List<Piece> finish() throws IOException {
    List<Piece> out = new ArrayList<>();
    for (float p : probabilities(vad::finish)) {
      cut(segmenter.accept(p), out);
    }
    cut(segmenter.finish(fed), out);
    window.dropBefore(fed);
    return out;
  }

  private interface VadStep {
    float[] run() throws OrtException;
  }

  private static float[] probabilities(VadStep step) throws IOException {
    try {
      return step.run();
    } catch (RunTerminatedException e) {
      CancellationException c = new CancellationException("voice activity detection cancelled");
      c.initCause(e);
      throw c;
    } catch (OrtException e) {
      throw new IOException("the voice activity model failed: " + e.getMessage(), e);
    }
  }

  private void cut(List<StreamingSegmenter.Span> spans, List<Piece> out) {
    for (StreamingSegmenter.Span s : spans) {
      long end = Math.min(s.end(), window.end());
      if (end > s.start()) {
        out.add(new Piece(s.start(), window.copy(s.start(), end)));
      }
    }
  }

  @Override
  public int heldSamples() {
    return window.size();
  }

  @Override
  public void close() {
    vad.close();
  }
}
