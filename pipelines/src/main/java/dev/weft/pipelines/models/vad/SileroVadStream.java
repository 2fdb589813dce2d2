package dev.weft.pipelines.models.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weft.nativelibs.onnx.ModelSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Silero VAD fed piece by piece: audio of any length goes in as it arrives, and out comes the
 * speech probability of every frame it completed, the recurrent state (and for v5/v6 the previous
 * frame's last samples) carried across pieces. The probabilities equal those {@link
 * SileroVad#probabilities} gives for the whole signal, so long audio never has to be held at once.
 * Not thread-safe; close it to free its tensors.
 */
public final class SileroVadStream implements AutoCloseable {
  private final ModelSession session;
  private final SileroLayout layout;
  private final int sampleRate;
  private final int frame;
  private final int ctx;
  private final FloatBuffer input;
  private final FloatBuffer[] state;
  private final OnnxTensor in;
  private final OnnxTensor sr;
  private final OnnxTensor[] stateTensors;
  private final Map<String, OnnxTensor> feed = new HashMap<>();
  private final float[] context;
  private final float[] pending;
  private int pendingLength;
  private long frames;
  private boolean finished;
  private boolean closed;

  /** A stream over {@code vad}'s session at 8 or 16 kHz. */
  public SileroVadStream(SileroVad vad, OrtEnvironment env, int sampleRate) throws OrtException {
    if (sampleRate != 8000 && sampleRate != 16000) {
      throw new IllegalArgumentException("Silero VAD runs at 8 or 16 kHz, not " + sampleRate);
    }
    this.session = vad.session();
    this.layout = vad.layout();
    this.sampleRate = sampleRate;
    this.frame = layout.frameSamples(sampleRate);
    this.ctx = layout.contextSamples(sampleRate);
    this.input = direct(ctx + frame);
    this.context = new float[ctx];
    this.pending = new float[frame];
    this.state = new FloatBuffer[layout.stateIn().size()];
    for (int i = 0; i < state.length; i++) {
      state[i] = direct(2 * layout.stateSize());
    }
    this.stateTensors = new OnnxTensor[state.length];
    OnnxTensor audio = null;
    OnnxTensor rate = null;
    try {
      audio = OnnxTensor.createTensor(env, input, new long[] {1, ctx + frame});
      rate = OnnxTensor.createTensor(env, (long) sampleRate);
      long[] stateShape = {2, 1, layout.stateSize()};
      for (int i = 0; i < state.length; i++) {
        stateTensors[i] = OnnxTensor.createTensor(env, state[i], stateShape);
      }
    } catch (OrtException | RuntimeException e) {
      closeAll(audio, rate);
      throw e;
    }
    this.in = audio;
    this.sr = rate;
    feed.put(layout.audioIn(), in);
    feed.put(layout.sampleRateIn(), sr);
    for (int i = 0; i < state.length; i++) {
      feed.put(layout.stateIn().get(i), stateTensors[i]);
    }
  }

  /** New samples per frame (one probability each). */
  public int frameSamples() {
    return frame;
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** Frames completed so far. */
  public long frames() {
    return frames;
  }

  /**
   * Feeds {@code length} samples from {@code offset}; returns the probability of each frame they
   * completed (possibly none).
   */
  public float[] accept(float[] samples, int offset, int length) throws OrtException {
    if (finished) {
      throw new IllegalStateException("the stream was finished");
    }
    int total = pendingLength + length;
    float[] out = new float[total / frame];
    int produced = 0;
    int pos = offset;
    int left = length;
    while (left > 0) {
      int n = Math.min(frame - pendingLength, left);
      System.arraycopy(samples, pos, pending, pendingLength, n);
      pendingLength += n;
      pos += n;
      left -= n;
      if (pendingLength == frame) {
        out[produced++] = run(pending);
        pendingLength = 0;
      }
    }
    return out;
  }

  /** Ends the audio: the last partial frame, padded with silence, gives one more probability. */
  public float[] finish() throws OrtException {
    if (finished) {
      return new float[0];
    }
    finished = true;
    if (pendingLength == 0) {
      return new float[0];
    }
    java.util.Arrays.fill(pending, pendingLength, frame, 0f);
    pendingLength = 0;
    return new float[] {run(pending)};
  }

  private float run(float[] samples) throws OrtException {
    input.clear();
    input.put(context);
    input.put(samples, 0, frame);
    if (ctx > 0) {
      input.get(frame, context, 0, ctx); // this frame's last samples lead the next one
    }
    input.rewind();
    try (OrtSession.Result r = session.run(feed)) {
      float p = ((OnnxTensor) r.get(layout.probabilityOut()).orElseThrow()).getFloatBuffer().get(0);
      for (int i = 0; i < state.length; i++) {
        FloatBuffer next =
            ((OnnxTensor) r.get(layout.stateOut().get(i)).orElseThrow()).getFloatBuffer();
        state[i].clear();
        state[i].put(next);
        state[i].rewind();
      }
      frames++;
      return p;
    }
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private void closeAll(OnnxTensor audio, OnnxTensor rate) {
    if (audio != null) {
      audio.close();
    }
    if (rate != null) {
      rate.close();
    }
    for (OnnxTensor t : stateTensors) {
      if (t != null) {
        t.close();
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeAll(in, sr);
    }
  }
}
