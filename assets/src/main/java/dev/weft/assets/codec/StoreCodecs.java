package dev.weft.assets.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.weft.assets.image.ImageFiles;
import dev.weft.assets.image.PngOptions;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.store.StoredRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The codecs the asset store uses for the built-in asset kinds. */
public final class StoreCodecs {
  private static final ObjectMapper JSON = new ObjectMapper();

  // What the store wrote it can read back: no size limits, only a generous time limit.
  private static final DecodeLimits STORED =
      new DecodeLimits(
          Integer.MAX_VALUE, Long.MAX_VALUE, Double.MAX_VALUE, java.time.Duration.ofHours(1));

  private StoreCodecs() {}

  /** All built-in store codecs, most specific first. */
  public static List<AssetCodec> builtIn() {
    return List.of(
        new TextCodec(),
        new NumberCodec(),
        new BooleanCodec(),
        new ListCodec(),
        new ImageCodec(),
        new AudioCodec(),
        new VideoCodec(),
        new TranscriptCodec());
  }

  static IOException corrupt(Path file, String what) {
    return new IOException("stored asset " + file + " is corrupt: " + what);
  }

  static final class TextCodec implements AssetCodec {
    @Override
    public String kind() {
      return "text";
    }

    @Override
    public boolean handles(Asset asset) {
      return asset instanceof TextAsset;
    }

    @Override
    public String extension(Asset asset) {
      return "txt";
    }

    @Override
    public Map<String, Object> attributes(Asset asset) {
      return Map.of();
    }

    @Override
    public void write(Asset asset, Path target) throws IOException {
      Files.writeString(target, ((TextAsset) asset).text(), StandardCharsets.UTF_8);
    }

    @Override
    public Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
        throws IOException {
      return TextAsset.of(Files.readString(file, StandardCharsets.UTF_8));
    }
  }

  static final class NumberCodec implements AssetCodec {
    @Override
    public String kind() {
      return "number";
    }

    @Override
    public boolean handles(Asset asset) {
      return asset instanceof NumberAsset;
    }

    @Override
    public String extension(Asset asset) {
      return "json";
    }

    @Override
    public Map<String, Object> attributes(Asset asset) {
      return Map.of();
    }

    @Override
    public void write(Asset asset, Path target) throws IOException {
      Files.writeString(target, Double.toString(((NumberAsset) asset).value()));
    }

    @Override
    public Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
        throws IOException {
      try {
        return NumberAsset.of(Double.parseDouble(Files.readString(file).strip()));
      } catch (IllegalArgumentException e) {
        throw corrupt(file, e.getMessage());
      }
    }
  }

  static final class BooleanCodec implements AssetCodec {
    @Override
    public String kind() {
      return "boolean";
    }

    @Override
    public boolean handles(Asset asset) {
      return asset instanceof BooleanAsset;
    }

    @Override
    public String extension(Asset asset) {
      return "json";
    }

    @Override
    public Map<String, Object> attributes(Asset asset) {
      return Map.of();
    }

    @Override
    public void write(Asset asset, Path target) throws IOException {
      Files.writeString(target, Boolean.toString(((BooleanAsset) asset).value()));
    }

    @Override
    public Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
        throws IOException {
      String s = Files.readString(file).strip();
      return switch (s) {
        case "true" -> BooleanAsset.of(true);
        case "false" -> BooleanAsset.of(false);
        default -> throw corrupt(file, "expected true or false, found '" + s + "'");
      };
    }
  }

  static final class ListCodec implements AssetCodec {
    @Override
    public String kind() {
      return "list";
    }

    @Override
    public boolean handles(Asset asset) {
      return asset instanceof ListAsset;
    }

    @Override
    public String extension(Asset asset) {
      return "json";
    }

    @Override
    public Map<String, Object> attributes(Asset asset) {
      ListAsset list = (ListAsset) asset;
      return Map.of("count", list.size(), "items", list.items().stream().map(Asset::hash).toList());
    }

    @Override
    public void write(Asset asset, Path target) throws IOException {
      ArrayNode items = JSON.createArrayNode();
      for (Asset item : ((ListAsset) asset).items()) {
        items.add(item.hash());
      }
      JSON.writeValue(target.toFile(), items);
    }

    @Override
    public Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
        throws IOException {
      JsonNode items = JSON.readTree(file.toFile());
      if (items == null || !items.isArray()) {
        throw corrupt(file, "expected a JSON array of item hashes");
      }
      List<Asset> out = new ArrayList<>(items.size());
      for (JsonNode item : items) {
        String hash = item.asText();
        out.add(
            resolve
                .apply(hash)
                .orElseThrow(() -> corrupt(file, "list item " + hash + " is not in the store")));
      }
      return ListAsset.of(out);
    }
  }

  static final class ImageCodec implements AssetCodec {
    @Override
    public String kind() {
      return "image";
    }

    @Override
    public boolean handles(Asset asset) {
      return asset instanceof ImageAsset;
    }

    @Override
    public String extension(Asset asset) {
      return "png";
    }

    @Override
    public Map<String, Object> attributes(Asset asset) {
      ImageAsset image = (ImageAsset) asset;
      return Map.of("width", image.width(), "height", image.height(), "bitDepth", image.bitDepth());
    }

    @Override
    public void write(Asset asset, Path target) throws IOException {
      // Level 1: the store favours speed; files are cache entries, not deliverables.
      ImageFiles.writePng((ImageAsset) asset, target, PngOptions.DEFAULT.withCompressionLevel(1));
    }

    @Override
    public Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
        throws IOException {
      try {
        return ImageFiles.read(file, STORED);
      } catch (MediaException e) {
        throw corrupt(file, e.getMessage());
      }
    }
  }

  /**
   * Audio in the store: raw little-endian float32, interleaved; rate and channels in the sidecar.
   */
  static final class AudioCodec implements AssetCodec {
    @Override
    public String kind() {
      return "audio";
    }

    @Override
    public boolean handles(Asset asset) {
      return asset instanceof AudioAsset;
    }

    @Override
    public String extension(Asset asset) {
      return "f32";
    }

    @Override
    public Map<String, Object> attributes(Asset asset) {
      AudioAsset audio = (AudioAsset) asset;
      return Map.of("sampleRate", audio.sampleRate(), "channels", audio.channels());
    }

    @Override
    public void write(Asset asset, Path target) throws IOException {
      AudioAsset audio = (AudioAsset) asset;
      try (FileChannel ch =
          FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        var samples = audio.samples();
        while (samples.hasRemaining()) {
          buf.clear();
          while (buf.remaining() >= 4 && samples.hasRemaining()) {
            buf.putFloat(samples.get());
          }
          buf.flip();
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
        }
      }
    }

    @Override
    public Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
        throws IOException {
      int rate = intAttribute(record, "sampleRate", file);
      int channels = intAttribute(record, "channels", file);
      long size = Files.size(file);
      if (size % 4 != 0 || size / 4 > Integer.MAX_VALUE) {
        throw corrupt(file, "size " + size + " is not a whole number of float samples");
      }
      float[] samples = new float[(int) (size / 4)];
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().get(samples);
      try {
        return AudioAsset.of(rate, channels, samples);
      } catch (IllegalArgumentException e) {
        throw corrupt(file, e.getMessage());
      }
    }
  }

  static final class VideoCodec implements AssetCodec {
    @Override
    public String kind() {
      return "video";
    }

    @Override
    public boolean handles(Asset asset) {
      return asset instanceof VideoAsset;
    }

    @Override
    public String extension(Asset asset) {
      return switch (asset.mediaType()) {
        case "video/webm" -> "webm";
        case "video/quicktime" -> "mov";
        case "video/x-matroska" -> "mkv";
        default -> "mp4";
      };
    }

    @Override
    public Map<String, Object> attributes(Asset asset) {
      VideoAsset v = (VideoAsset) asset;
      return Map.of(
          "width", v.width(),
          "height", v.height(),
          "fps", v.fps(),
          "duration", v.durationSeconds(),
          "hasAudio", v.hasAudio());
    }

    @Override
    public void write(Asset asset, Path target) throws IOException {
      Files.copy(((VideoAsset) asset).file(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
        throws IOException {
      Map<String, Object> a = record.attributes();
      // The store wrote the file atomically under its hash; a size check catches a file that
      // was changed behind its back without reading gigabytes on every cache hit.
      long size = Files.size(file);
      if (size != record.sizeBytes()) {
        throw corrupt(
            file, "it holds " + size + " bytes, but " + record.sizeBytes() + " were stored");
      }
      return VideoAsset.ofKnownHash(
          record.hash(),
          file,
          record.mediaType(),
          intAttribute(record, "width", file),
          intAttribute(record, "height", file),
          ((Number) a.getOrDefault("fps", 0.0)).doubleValue(),
          ((Number) a.getOrDefault("duration", 0.0)).doubleValue(),
          Boolean.TRUE.equals(a.get("hasAudio")));
    }
  }

  static final class TranscriptCodec implements AssetCodec {
    @Override
    public String kind() {
      return "transcript";
    }

    @Override
    public boolean handles(Asset asset) {
      return asset instanceof TranscriptAsset;
    }

    @Override
    public String extension(Asset asset) {
      return "json";
    }

    @Override
    public Map<String, Object> attributes(Asset asset) {
      return Map.of("segments", ((TranscriptAsset) asset).segments().size());
    }

    @Override
    public void write(Asset asset, Path target) throws IOException {
      JSON.writeValue(target.toFile(), TranscriptJson.toJson((TranscriptAsset) asset));
    }

    @Override
    public Asset read(Path file, StoredRecord record, Function<String, Optional<Asset>> resolve)
        throws IOException {
      JsonNode node = JSON.readTree(file.toFile());
      if (!(node instanceof ObjectNode obj)) {
        throw corrupt(file, "expected a JSON object");
      }
      try {
        return TranscriptJson.fromJson(obj);
      } catch (IllegalArgumentException e) {
        throw corrupt(file, e.getMessage());
      }
    }
  }

  static int intAttribute(StoredRecord record, String name, Path file) throws IOException {
    Object v = record.attributes().get(name);
    if (v instanceof Number n) {
      return n.intValue();
    }
    throw corrupt(file, "its sidecar lacks '" + name + "'");
  }
}
