package dev.weft.pipelines.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example pipelines that ship inside Weft (resources under {@code
 * dev/weft/pipelines/examples/}, listed in {@code index.txt}), so the studio's welcome panel, the
 * CLI and the tests all see the same files.
 */
public final class Examples {
  private static final String ROOT = "/dev/weft/pipelines/examples/";

  /** One example: its file name and JSON text. */
  public record Example(String fileName, String json) {}

  private Examples() {}

  public static List<String> names() {
    try (InputStream in = Examples.class.getResourceAsStream(ROOT + "index.txt")) {
      if (in == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          String s = line.strip();
          if (!s.isEmpty() && !s.startsWith("#")) {
            out.add(s);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("the example index cannot be read", e);
    }
  }

  public static List<Example> all() {
    return names().stream().map(Examples::load).toList();
  }

  public static Example load(String fileName) {
    try (InputStream in = Examples.class.getResourceAsStream(ROOT + fileName)) {
      if (in == null) {
        throw new IllegalArgumentException("there is no example named " + fileName);
      }
      return new Example(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("the example " + fileName + " cannot be read", e);
    }
  }
}
