package dev.weft.pipelines.backends.http;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A {@code multipart/form-data} body built from fields and one or more files. Files are streamed
 * from disk, not loaded, and the body can be sent again (for a retry).
 */
public final class Multipart {
  private final String boundary;
  private final List<BodyPublisher> parts = new ArrayList<>();

  public Multipart(RandomGenerator random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    this.boundary = "weft-" + HexFormat.of().formatHex(b);
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public Multipart field(String name, String value) {
    parts.add(
        ascii(
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + escape(name)
                + "\"\r\n\r\n"));
    parts.add(BodyPublishers.ofString(value, StandardCharsets.UTF_8));
    parts.add(ascii("\r\n"));
    return this;
  }

  public Multipart file(String name, String fileName, String contentType, Path file)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("cannot upload " + file + ": not a readable file");
    }
    parts.add(
        BodyPublishers.ofString(
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + escape(name)
                + "\"; filename=\""
                + escape(fileName)
                + "\"\r\nContent-Type: "
                + contentType
                + "\r\n\r\n",
            StandardCharsets.UTF_8));
    parts.add(BodyPublishers.ofFile(file));
    parts.add(ascii("\r\n"));
    return this;
  }

  public BodyPublisher body() {
    List<BodyPublisher> all = new ArrayList<>(parts);
    all.add(ascii("--" + boundary + "--\r\n"));
    return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
  }

  private static BodyPublisher ascii(String s) {
    return BodyPublishers.ofString(s, StandardCharsets.US_ASCII);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
  }
}
