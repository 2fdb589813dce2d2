package dev.weft.pipelines.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Walks JSON text once and records where each value starts, keyed by JSON pointer. */
final class JsonLocations {
  private JsonLocations() {}

  static SourceMap index(JsonFactory factory, String json) throws IOException {
    Map<String, SourceMap.Position> out = new HashMap<>();
    // Each frame is the pointer of a container plus, for arrays, the next index.
    Deque<String> pointers = new ArrayDeque<>();
    Deque<int[]> arrayIndex = new ArrayDeque<>();
    String field = null;
    try (JsonParser p = factory.createParser(json)) {
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          pointers.pop();
          arrayIndex.pop();
          continue;
        }
        String pointer;
        if (pointers.isEmpty()) {
          pointer = "";
        } else {
          int[] idx = arrayIndex.peek();
          String key = idx[0] >= 0 ? Integer.toString(idx[0]++) : escape(field);
          pointer = pointers.peek() + "/" + key;
        }
        JsonLocation loc = p.currentTokenLocation();
        out.put(pointer, new SourceMap.Position(loc.getLineNr(), loc.getColumnNr()));
        if (t == JsonToken.START_OBJECT) {
          pointers.push(pointer);
          arrayIndex.push(new int[] {-1});
        } else if (t == JsonToken.START_ARRAY) {
          pointers.push(pointer);
          arrayIndex.push(new int[] {0});
        }
      }
    }
    return new SourceMap(out);
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
