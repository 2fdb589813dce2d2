package dev.weft.pipelines.models.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.audio.AudioOps;
import dev.weft.nativelibs.onnx.ModelLoadException;
import dev.weft.nativelibs.onnx.ModelSession;
import dev.weft.nativelibs.onnx.OrtRuntime;
import dev.weft.nativelibs.onnx.SessionPolicy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Silero VAD on ONNX Runtime: audio in, speech segments out. The three steps are separate: {@link
 * #prepare} (any audio to mono at 8 or 16 kHz), {@link #probabilities} (the frame loop over the
 * session, carrying the recurrent state and, for v5/v6, the previous frame's last samples as
 * context) and {@link SpeechSegmenter} (probabilities to segments). One instance is not
 * thread-safe; open one per concurrent caller.
 */
public final class SileroVad implements AutoCloseable {
  private final OrtEnvironment env;
  private final ModelSession session;
  private final SileroLayout layout;

  public SileroVad(OrtEnvironment env, ModelSession session) throws OrtException {
    this.env = env;
    this.session = session;
    this.layout = SileroLayout.of(session);
  }

  /** Opens a Silero export (v5, v6 or legacy) on the CPU with one thread, the fastest for it. */
  public static SileroVad open(OrtRuntime runtime, Path model)
      throws ModelLoadException, OrtException {
    ModelSession s = runtime.open(model, SessionPolicy.cpuOnly(1));
    try {
      return new SileroVad(runtime.environment(), s);
    } catch (OrtException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  public SileroLayout layout() {
    return layout;
  }

  /** The session, for cancel through ONNX Runtime's terminate flag. */
  public ModelSession session() {
    return session;
  }

  /** Audio ready for the model: mono and at 16 kHz (8 kHz input stays at 8 kHz). */
  public record Prepared(float[] samples, int sampleRate) {
    public double seconds() {
      return samples.length / (double) sampleRate;
    }
  }

  /** Mixes to mono and resamples (band-limited) to 16 kHz unless the audio is at 8 or 16 kHz. */
  public static Prepared prepare(AudioAsset audio) {
    AudioAsset mono = audio.channels() == 1 ? audio : AudioOps.toMono(audio);
    int rate = mono.sampleRate();
    if (rate != 16000 && rate != 8000) {
      mono = AudioOps.resample(mono, 16000);
    }
    return new Prepared(mono.copySamples(), mono.sampleRate());
  }

  /**
   * The run step: one speech probability per frame. {@code cancelled} is polled between frames; a
   * terminate on {@link #session()} stops a frame in flight.
   */
  public float[] probabilities(Prepared audio, BooleanSupplier cancelled) throws OrtException {
    return probabilities(audio, cancelled, p -> {});
  }

  /**
   * As {@link #probabilities(Prepared, BooleanSupplier)}, reporting progress (0..1) now and then.
   */
  public float[] probabilities(Prepared audio, BooleanSupplier cancelled, DoubleConsumer progress)
      throws OrtException {
    int rate = audio.sampleRate();
    int frame = layout.frameSamples(rate);
    int ctx = layout.contextSamples(rate);
    float[] x = audio.samples();
    int frames = (x.length + frame - 1) / frame;
    float[] probs = new float[frames];
    FloatBuffer input = direct(ctx + frame);
    int stateLen = 2 * layout.stateSize();
    FloatBuffer[] state = new FloatBuffer[layout.stateIn().size()];
    for (int i = 0; i < state.length; i++) {
      state[i] = direct(stateLen);
    }
    long[] stateShape = {2, 1, layout.stateSize()};
    float[] context = new float[ctx];
    int reportEvery = Math.max(1, frames / 100);
    try (OnnxTensor in = OnnxTensor.createTensor(env, input, new long[] {1, ctx + frame});
        OnnxTensor sr = OnnxTensor.createTensor(env, (long) rate)) {
      OnnxTensor[] stateTensors = new OnnxTensor[state.length];
      try {
        for (int i = 0; i < state.length; i++) {
          stateTensors[i] = OnnxTensor.createTensor(env, state[i], stateShape);
        }
        Map<String, OnnxTensor> feed = new HashMap<>();
        feed.put(layout.audioIn(), in);
        feed.put(layout.sampleRateIn(), sr);
        for (int i = 0; i < state.length; i++) {
          feed.put(layout.stateIn().get(i), stateTensors[i]);
        }
        for (int f = 0; f < frames; f++) {
          if (cancelled.getAsBoolean()) {
            throw new CancellationException("voice activity detection cancelled");
          }
          if (f % reportEvery == 0) {
            progress.accept(f / (double) frames);
          }
          int start = f * frame;
          int n = Math.min(frame, x.length - start);
          input.clear();
          input.put(context);
          input.put(x, start, n);
          for (int i = n; i < frame; i++) {
            input.put(0f); // the last frame is padded with silence
          }
          if (ctx > 0) {
            input.get(frame, context, 0, ctx); // this frame's last samples lead the next one
          }
          input.rewind();
          try (OrtSession.Result r = session.run(feed)) {
            probs[f] = probability(r.get(layout.probabilityOut()).orElseThrow());
            for (int i = 0; i < state.length; i++) {
              FloatBuffer next =
                  ((OnnxTensor) r.get(layout.stateOut().get(i)).orElseThrow()).getFloatBuffer();
              state[i].clear();
              state[i].put(next);
              state[i].rewind();
            }
          }
        }
      } finally {
        for (OnnxTensor t : stateTensors) {
          if (t != null) {
            t.close();
          }
        }
      }
    }
    return probs;
  }

  private static float probability(OnnxValue v) throws OrtException {
    return ((OnnxTensor) v).getFloatBuffer().get(0);
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /** prepare, run and decode: the speech segments of an audio asset. */
  public List<TranscriptAsset.Segment> segments(
      AudioAsset audio, VadOptions options, BooleanSupplier cancelled) throws OrtException {
    return segments(audio, options, cancelled, p -> {});
  }

  /** As above, with progress (0..1). */
  public List<TranscriptAsset.Segment> segments(
      AudioAsset audio, VadOptions options, BooleanSupplier cancelled, DoubleConsumer progress)
      throws OrtException {
    Prepared p = prepare(audio);
    float[] probs = probabilities(p, cancelled, progress);
    return SpeechSegmenter.segments(
        probs, layout.frameSamples(p.sampleRate()), p.sampleRate(), p.samples().length, options);
  }

  /** The segments as a transcript asset (segments with empty text). */
  public TranscriptAsset detect(AudioAsset audio, VadOptions options, BooleanSupplier cancelled)
      throws OrtException {
    return TranscriptAsset.ofSegments(segments(audio, options, cancelled));
  }

  @Override
  public void close() {
    session.close();
  }
}
