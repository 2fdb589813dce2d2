package dev.weft.pipelines.backends.onnx;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the folder layouts real ONNX exports use and names their parts: the onnx-community /
 * transformers.js layout ({@code config.json}, {@code onnx/<part><suffix>.onnx} with external data
 * shards), sherpa-onnx folders ({@code *.onnx} with {@code .int8} variants, {@code tokens.txt}),
 * and per-component diffusion folders ({@code text_encoder/}, {@code transformer/}, ...).
 */
public record ExportFolder(
    Path root,
    Layout layout,
    Map<String, Map<String, Part>> parts,
    Optional<Path> config,
    Optional<Path> tokens,
    Optional<Path> tokenizer) {

  /** Which convention the folder follows. */
  public enum Layout {
    TRANSFORMERS_JS,
    SHERPA_ONNX,
    DIFFUSION
  }

  /** One ONNX file of a part in one precision, with its external-data shards in order. */
  public record Part(String name, String variant, Path onnx, List<Path> externalData) {
    public Part {
      externalData = List.copyOf(externalData);
    }

    public long totalBytes() throws IOException {
      long n = Files.size(onnx);
      for (Path p : externalData) {
        n += Files.size(p);
      }
      return n;
    }
  }

  /**
   * transformers.js suffixes and the variant each means, longest first so "_q4f16" wins over "_q4".
   */
  private static final List<Map.Entry<String, String>> SUFFIXES =
      List.of(
          Map.entry("_q4f16", "q4f16"),
          Map.entry("_quantized", "int8"),
          Map.entry("_uint8", "uint8"),
          Map.entry("_int8", "int8"),
          Map.entry("_fp16", "fp16"),
          Map.entry("_bnb4", "bnb4"),
          Map.entry("_q4", "q4"));

  private static final List<String> DIFFUSION_PARTS =
      List.of(
          "text_encoder",
          "text_encoder_2",
          "image_encoder",
          "transformer",
          "unet",
          "vae_decoder",
          "vae_encoder");
  private static final Pattern SHARD = Pattern.compile(".*\\.onnx_data(?:_(\\d+))?$");

  public static ExportFolder read(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new WeftException(
          "not a model folder",
          Location.file(root.toString()),
          "give the folder of an ONNX export");
    }
    Optional<Path> config = existing(root.resolve("config.json"));
    Optional<Path> tokenizer = existing(root.resolve("tokenizer.json"));
    Optional<Path> tokens = existing(root.resolve("tokens.txt"));
    if (Files.isDirectory(root.resolve("onnx"))) {
      Map<String, Map<String, Part>> parts = transformersJs(root.resolve("onnx"));
      return new ExportFolder(root, Layout.TRANSFORMERS_JS, parts, config, tokens, tokenizer);
    }
    List<String> components =
        DIFFUSION_PARTS.stream().filter(p -> Files.isDirectory(root.resolve(p))).toList();
    if (!components.isEmpty()) {
      Map<String, Map<String, Part>> parts = new LinkedHashMap<>();
      for (String c : components) {
        Path dir = root.resolve(c);
        Map<String, Map<String, Part>> inner =
            Files.isDirectory(dir.resolve("onnx"))
                ? transformersJs(dir.resolve("onnx"))
                : sherpa(dir);
        Map<String, Part> variants = new TreeMap<>();
        inner
            .values()
            .forEach(m ->
                m.forEach((v, p) -> variants.put(v, new Part(c, v, p.onnx(), p.externalData()))));
        if (!variants.isEmpty()) {
          parts.put(c, variants);
        }
      }
      return new ExportFolder(root, Layout.DIFFUSION, parts, config, tokens, tokenizer);
    }
    Map<String, Map<String, Part>> parts = sherpa(root);
    if (parts.isEmpty()) {
      throw new WeftException(
          "the folder holds no .onnx file",
          Location.file(root.toString()),
          "give the folder of an ONNX export");
    }
    return new ExportFolder(root, Layout.SHERPA_ONNX, parts, config, tokens, tokenizer);
  }

  private static Optional<Path> existing(Path p) {
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  private static Map<String, Map<String, Part>> transformersJs(Path onnxDir) throws IOException {
    Map<String, Map<String, Part>> parts = new TreeMap<>();
    for (Path f : onnxFiles(onnxDir)) {
      String base = f.getFileName().toString();
      base = base.substring(0, base.length() - ".onnx".length());
      String variant = "fp32";
      for (Map.Entry<String, String> s : SUFFIXES) {
        if (base.endsWith(s.getKey())) {
          base = base.substring(0, base.length() - s.getKey().length());
          variant = s.getValue();
          break;
        }
      }
      parts
          .computeIfAbsent(base, k -> new TreeMap<>())
          .put(variant, new Part(base, variant, f, shards(f)));
    }
    return parts;
  }

  /** sherpa-onnx names: model.onnx / model.int8.onnx, encoder-epoch-99-avg-1.int8.onnx, ... */
  private static Map<String, Map<String, Part>> sherpa(Path dir) throws IOException {
    Map<String, Map<String, Part>> parts = new TreeMap<>();
    for (Path f : onnxFiles(dir)) {
      String base = f.getFileName().toString();
      base = base.substring(0, base.length() - ".onnx".length());
      String variant = "fp32";
      for (String v : List.of("int8", "fp16", "uint8")) {
        if (base.endsWith("." + v)) {
          base = base.substring(0, base.length() - v.length() - 1);
          variant = v;
        }
      }
      String name = base.replaceFirst("-epoch-\\d+-avg-\\d+$", "");
      parts
          .computeIfAbsent(name, k -> new TreeMap<>())
          .put(variant, new Part(name, variant, f, shards(f)));
    }
    return parts;
  }

  private static List<Path> onnxFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".onnx"))
          .sorted()
          .toList();
    }
  }

  /** {@code x.onnx_data}, {@code x.onnx_data_1}, ... in shard order. */
  private static List<Path> shards(Path onnx) throws IOException {
    String prefix = onnx.getFileName().toString() + "_data";
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(onnx.getParent())) {
      s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> SHARD.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingInt(ExportFolder::shardIndex))
          .forEach(out::add);
    }
    return out;
  }

  private static int shardIndex(Path p) {
    Matcher m = SHARD.matcher(p.getFileName().toString());
    return m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The part names, e.g. {@code vision_encoder}, {@code decoder_model_merged}. */
  public List<String> partNames() {
    return List.copyOf(parts.keySet());
  }

  /** The variants a part comes in. */
  public List<String> variants(String part) {
    return List.copyOf(parts.getOrDefault(part, Map.of()).keySet());
  }

  /** A part in the first available of the preferred variants. */
  public Part part(String name, List<String> preferred) {
    Map<String, Part> v = parts.get(name);
    if (v == null) {
      throw new WeftException(
          "the export has no part '"
              + name
              + "' (it has "
              + String.join(", ", parts.keySet())
              + ")",
          Location.file(root.toString()),
          "check the model folder is a complete "
              + layout.name().toLowerCase(Locale.ROOT).replace('_', '-')
              + " export");
    }
    for (String p : preferred) {
      if (v.containsKey(p)) {
        return v.get(p);
      }
    }
    throw new WeftException(
        "part '"
            + name
            + "' comes in "
            + String.join(", ", v.keySet())
            + ", none of "
            + String.join(", ", preferred),
        Location.file(root.toString()),
        "download a variant Weft can use");
  }
}
