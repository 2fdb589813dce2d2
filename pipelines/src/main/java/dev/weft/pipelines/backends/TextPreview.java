package dev.weft.pipelines.backends;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.nodes.NodeContext;

/**
 * Shows text that grows as a model streams it, as previews of a node: at most one preview per
 * interval (a fast stream would otherwise flood the run's listeners), and the last state on {@link
 * #flush()}. Meant for one streaming thread.
 */
public final class TextPreview {
  private final NodeContext context;
  private final long everyNanos;
  private final StringBuilder text = new StringBuilder();
  private final String prefix;
  private long lastShown;
  private int shownLength;

  /**
   * @param prefix put before the text in previews (e.g. "Thinking: "), or empty
   * @param everyMillis the least time between two previews
   */
  public TextPreview(NodeContext context, String prefix, long everyMillis) {
    this.context = context;
    this.prefix = prefix == null ? "" : prefix;
    this.everyNanos = everyMillis * 1_000_000L;
    this.lastShown = System.nanoTime() - everyNanos;
  }

  public void append(String delta) {
    text.append(delta);
    long now = System.nanoTime();
    if (now - lastShown >= everyNanos) {
      show(now);
    }
  }

  /** Shows the text as it is now, unless it is empty or was the last thing shown. */
  public void flush() {
    if (text.length() != shownLength) {
      show(System.nanoTime());
    }
  }

  public String text() {
    return text.toString();
  }

  public boolean isEmpty() {
    return text.isEmpty();
  }

  private void show(long now) {
    lastShown = now;
    shownLength = text.length();
    context.preview(TextAsset.of(prefix + text));
  }
}
