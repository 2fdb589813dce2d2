package dev.weft.pipelines.nodes.media;

import java.util.Locale;
import java.util.Optional;

/** Parses colours as people write them in a parameter: #RGB, #RRGGBB, #AARRGGBB or a name. */
final class Colours {
  private Colours() {}

  static Optional<Integer> parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "transparent":
        return Optional.of(0x00000000);
      case "black":
        return Optional.of(0xff000000);
      case "white":
        return Optional.of(0xffffffff);
      case "gray", "grey":
        return Optional.of(0xff808080);
      default:
        break;
    }
    if (!t.startsWith("#")) {
      return Optional.empty();
    }
    String hex = t.substring(1);
    if (!hex.matches("[0-9a-f]+")) {
      return Optional.empty();
    }
    return switch (hex.length()) {
      case 3 -> {
        int r = Integer.parseInt(hex.substring(0, 1), 16) * 17;
        int g = Integer.parseInt(hex.substring(1, 2), 16) * 17;
        int b = Integer.parseInt(hex.substring(2, 3), 16) * 17;
        yield Optional.of(0xff000000 | r << 16 | g << 8 | b);
      }
      case 6 -> Optional.of(0xff000000 | Integer.parseInt(hex, 16));
      case 8 -> Optional.of((int) Long.parseLong(hex, 16));
      default -> Optional.empty();
    };
  }
}
