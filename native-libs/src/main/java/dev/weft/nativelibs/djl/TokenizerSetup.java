package dev.weft.nativelibs.djl;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * DJL's Hugging Face tokenizers, set up for offline use: DJL never downloads anything ({@code
 * ai.djl.offline}), and its cache (where the tokenizers' native library is unpacked) lives under
 * Weft's data folder unless the user set {@code DJL_CACHE_DIR} or {@code ENGINE_CACHE_DIR}.
 */
public final class TokenizerSetup {
  private final Path cacheDir;

  private TokenizerSetup(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /**
   * Applies the settings to this process; call once from the composition root, before the first
   * tokenizer is made. {@code weftData} is Weft's data folder.
   */
  public static TokenizerSetup apply(Path weftData) throws IOException {
    Objects.requireNonNull(weftData, "weftData");
    System.setProperty("ai.djl.offline", "true");
    Path cache = weftData.resolve("djl");
    String fromEnv = System.getenv("DJL_CACHE_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      cache = Path.of(fromEnv); // DJL reads the environment first; report what it will use
    } else {
      System.setProperty("DJL_CACHE_DIR", cache.toString());
    }
    String engineEnv = System.getenv("ENGINE_CACHE_DIR");
    if (engineEnv == null || engineEnv.isBlank()) {
      System.setProperty("ENGINE_CACHE_DIR", cache.toString());
    }
    Files.createDirectories(cache);
    return new TokenizerSetup(cache);
  }

  /** Where DJL keeps its files. */
  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * Loads a {@code tokenizer.json} (or a folder holding one). Padding and truncation are set
   * explicitly, because some exports carry a fixed padding length that would silently change the
   * token count.
   */
  public HuggingFaceTokenizer load(Path tokenizer, boolean padding, int maxLength)
      throws IOException {
    Path file = Files.isDirectory(tokenizer) ? tokenizer.resolve("tokenizer.json") : tokenizer;
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString(), null, "no tokenizer.json here");
    }
    try {
      return HuggingFaceTokenizer.builder()
          .optTokenizerPath(file)
          .optPadding(padding)
          .optTruncation(maxLength > 0)
          .optMaxLength(maxLength > 0 ? maxLength : 512)
          .build();
    } catch (RuntimeException e) {
      throw new IOException(file + ": DJL could not load this tokenizer: " + e.getMessage(), e);
    }
  }

  /** Loads a tokenizer from JSON text (for tokenizers shipped inside a jar). */
  public HuggingFaceTokenizer load(
      String name, String tokenizerJson, boolean padding, int maxLength) throws IOException {
    Path tmp = Files.createTempDirectory(cacheDir, "tokenizer-");
    try {
      Path f = tmp.resolve("tokenizer.json");
      Files.writeString(f, tokenizerJson);
      return load(f, padding, maxLength);
    } catch (IOException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    } finally {
      try (var files = Files.list(tmp)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(tmp);
    }
  }

  /** The settings as they stand, for {@code weft doctor}. */
  public Map<String, String> describe() {
    return Map.of(
        "ai.djl.offline", String.valueOf(System.getProperty("ai.djl.offline")),
        "DJL cache", cacheDir.toString());
  }
}
