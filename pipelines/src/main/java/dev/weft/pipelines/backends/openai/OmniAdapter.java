package dev.weft.pipelines.backends.openai;

import dev.weft.pipelines.backends.http.CancelSignal;

/**
 * Turns an {@link OmniRequest} into the wire format one kind of server wants. DashScope (and the
 * OpenAI convention) streams text with headerless PCM fragments; vLLM-Omni sends a whole WAV in a
 * choice of its own, or streams when its version can.
 */
public interface OmniAdapter {

  /** A short name for the node and provenance, e.g. {@code dashscope-stream}. */
  String name();

  ChatResult talk(OmniRequest request, ChatListener listener, CancelSignal cancel);
}
