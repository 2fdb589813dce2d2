package dev.weft.pipelines.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.assets.Asset;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.BooleanAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.NumberAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.VideoAsset;
import dev.weft.assets.codec.TranscriptJson;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.engine.RunEvent;
import java.io.PrintStream;
import java.util.Locale;

/** Writes run events and problems as JSON, one object per line (the schema is in the README). */
public final class JsonEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;

  public JsonEvents(PrintStream out) {
    this.out = out;
  }

  public void event(RunEvent e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("event", name(e));
    o.put("run", e.runId());
    o.put("seq", e.seq());
    o.put("time", e.time().toString());
    if (e.nodeId() != null) {
      o.put("node", e.nodeId());
    }
    switch (e) {
      case RunEvent.RunStarted x -> {
        o.put("pipeline", x.pipeline());
        x.nodes().forEach(o.putArray("nodes")::add);
      }
      case RunEvent.RunFinished x -> {
        o.put("status", x.status().name().toLowerCase(Locale.ROOT));
        o.put("executed", x.executed());
        o.put("cached", x.cached());
        o.put("failed", x.failed());
        o.put("durationMs", x.durationMillis());
      }
      case RunEvent.NodeQueued x -> o.put("lane", x.lane());
      case RunEvent.NodeStarted x -> o.put("lane", x.lane());
      case RunEvent.NodeProgress x -> {
        if (x.fraction() >= 0) {
          o.put("fraction", x.fraction());
        } else {
          o.putNull("fraction");
        }
        o.put("message", x.message());
      }
      case RunEvent.NodePreview x -> o.set("value", asset(x.value()));
      case RunEvent.NodeLog x -> {
        o.put("level", x.level().name().toLowerCase(Locale.ROOT));
        o.put("message", x.message());
      }
      case RunEvent.NodeBackend x -> {
        o.put("backend", x.backend());
        o.put("model", x.model());
      }
      case RunEvent.NodeCached x -> {
        ObjectNode outs = o.putObject("outputs");
        x.outputs().forEach((port, hash) -> outs.putObject(port).put("hash", hash));
      }
      case RunEvent.NodeFinished x -> {
        o.put("durationMs", x.durationMillis());
        ObjectNode outs = o.putObject("outputs");
        x.outputs().forEach((port, value) -> outs.set(port, asset(value)));
      }
      case RunEvent.NodeFailed x -> {
        o.put("message", x.message());
        o.put("hint", x.hint());
        o.put("internal", x.internal());
        o.set("location", location(x.location()));
      }
      case RunEvent.NodeCancelled x -> {}
      case RunEvent.NodeBlocked x -> o.put("upstream", x.failedUpstream());
    }
    print(o);
  }

  public void problem(Problem p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("event", "problem");
    o.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
    o.put("code", p.code());
    o.put("message", p.message());
    o.put("hint", p.hint());
    o.set("location", location(p.location()));
    print(o);
  }

  private void print(ObjectNode o) {
    try {
      out.println(JSON.writeValueAsString(o));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String name(RunEvent e) {
    return switch (e) {
      case RunEvent.RunStarted x -> "run.started";
      case RunEvent.RunFinished x -> "run.finished";
      case RunEvent.NodeQueued x -> "node.queued";
      case RunEvent.NodeStarted x -> "node.started";
      case RunEvent.NodeProgress x -> "node.progress";
      case RunEvent.NodePreview x -> "node.preview";
      case RunEvent.NodeLog x -> "node.log";
      case RunEvent.NodeBackend x -> "node.backend";
      case RunEvent.NodeCached x -> "node.cached";
      case RunEvent.NodeFinished x -> "node.finished";
      case RunEvent.NodeFailed x -> "node.failed";
      case RunEvent.NodeCancelled x -> "node.cancelled";
      case RunEvent.NodeBlocked x -> "node.blocked";
    };
  }

  static ObjectNode location(Location l) {
    ObjectNode o = JSON.createObjectNode();
    if (l.file() != null) {
      o.put("file", l.file());
    }
    if (l.line() > 0) {
      o.put("line", l.line());
      o.put("column", l.column());
    }
    if (l.nodeId() != null) {
      o.put("node", l.nodeId());
    }
    if (l.nodeTitle() != null) {
      o.put("title", l.nodeTitle());
    }
    if (l.port() != null) {
      o.put("port", l.port());
    }
    if (l.param() != null) {
      o.put("param", l.param());
    }
    if (l.detail() != null) {
      o.put("detail", l.detail());
    }
    return o;
  }

  /** An asset as JSON: hash, media type, a summary, and the value itself when it is small. */
  public static ObjectNode asset(Asset a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("hash", a.hash());
    o.put("mediaType", a.mediaType());
    o.put("summary", a.describe());
    switch (a) {
      case TextAsset t -> o.put("text", t.text());
      case NumberAsset n -> o.put("value", n.value());
      case BooleanAsset b -> o.put("value", b.value());
      case ImageAsset i -> o.put("width", i.width()).put("height", i.height());
      case AudioAsset au ->
          o.put("sampleRate", au.sampleRate())
              .put("channels", au.channels())
              .put("seconds", au.durationSeconds());
      case VideoAsset v -> o.put("file", v.file().toString()).put("seconds", v.durationSeconds());
      case TranscriptAsset t -> o.set("transcript", TranscriptJson.toJson(t));
      case ListAsset l -> {
        var items = o.putArray("items");
        l.items().forEach(item -> items.add(asset(item)));
      }
      default -> {}
    }
    return o;
  }
}
