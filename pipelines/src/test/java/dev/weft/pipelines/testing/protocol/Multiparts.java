package dev.weft.pipelines.testing.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code multipart/form-data} body into its fields (the test server's OSS form). */
final class Multiparts {
  private Multiparts() {}

  static Map<String, byte[]> parse(byte[] body, String boundary) {
    Map<String, byte[]> fields = new LinkedHashMap<>();
    byte[] delim = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int pos = indexOf(body, delim, 0);
    while (pos >= 0) {
      int start = pos + delim.length;
      if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      start += 2; // CRLF after the delimiter
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
      if (headersEnd < 0) {
        break;
      }
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      int next = indexOf(body, delim, headersEnd + 4);
      if (next < 0) {
        break;
      }
      byte[] value = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // minus CRLF
      String name = headers.replaceAll("(?s).*?; name=\"([^\"]*)\".*", "$1");
      fields.put(name, value);
      pos = next;
    }
    return fields;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
