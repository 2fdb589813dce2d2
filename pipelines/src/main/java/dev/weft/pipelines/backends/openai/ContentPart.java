package dev.weft.pipelines.backends.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/** One part of a chat message: text, or an image, video or audio given by URL or data URL. */
public sealed interface ContentPart {

  /** The part as Chat Completions JSON. */
  ObjectNode toJson();

  /** Whether this part is media (not text). */
  default boolean isMedia() {
    return !(this instanceof Text);
  }

  record Text(String text) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("type", "text");
      o.put("text", text);
      return o;
    }
  }

  /** {@code {"type":"image_url","image_url":{"url":…}}}; pixel limits go in the part (Qwen-VL). */
  record ImageUrl(String url, Integer minPixels, Integer maxPixels) implements ContentPart {
    public ImageUrl {
      Objects.requireNonNull(url, "url");
    }

    public ImageUrl(String url) {
      this(url, null, null);
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("type", "image_url");
      o.putObject("image_url").put("url", url);
      if (minPixels != null) {
        o.put("min_pixels", minPixels);
      }
      if (maxPixels != null) {
        o.put("max_pixels", maxPixels);
      }
      return o;
    }
  }

  /** A video file by URL, with an optional frame-sampling hint. */
  record VideoUrl(String url, Double fps) implements ContentPart {
    public VideoUrl {
      Objects.requireNonNull(url, "url");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("type", "video_url");
      o.putObject("video_url").put("url", url);
      if (fps != null) {
        o.put("fps", fps);
      }
      return o;
    }
  }

  /** A video given as its frames (DashScope's {@code video} part). */
  record VideoFrames(List<String> frameUrls, Double fps) implements ContentPart {
    public VideoFrames {
      frameUrls = List.copyOf(frameUrls);
      if (frameUrls.size() < 2) {
        throw new IllegalArgumentException(
            "a video needs at least 2 frames, got " + frameUrls.size());
      }
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("type", "video");
      var arr = o.putArray("video");
      frameUrls.forEach(arr::add);
      if (fps != null) {
        o.put("fps", fps);
      }
      return o;
    }
  }

  /** {@code {"type":"input_audio","input_audio":{"data":…,"format":…}}} (DashScope, OpenAI). */
  record InputAudio(String data, String format) implements ContentPart {
    public InputAudio {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(format, "format");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("type", "input_audio");
      ObjectNode a = o.putObject("input_audio");
      a.put("data", data);
      a.put("format", format);
      return o;
    }
  }

  /** {@code {"type":"audio_url","audio_url":{"url":…}}} (vLLM). */
  record AudioUrl(String url) implements ContentPart {
    public AudioUrl {
      Objects.requireNonNull(url, "url");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("type", "audio_url");
      o.putObject("audio_url").put("url", url);
      return o;
    }
  }
}
