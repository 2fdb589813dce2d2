package dev.weft.app.canvas;

import dev.weft.pipelines.graph.PortType;
import java.util.Locale;
import javafx.scene.paint.Color;

/** One colour per kind of value, shared by ports, wires, the minimap and the palette. */
public final class PortColors {
  private PortColors() {}

  public static Color of(PortType.Kind kind) {
    return switch (kind) {
      case TEXT -> Color.web("#e5c07b");
      case IMAGE -> Color.web("#61afef");
      case AUDIO -> Color.web("#98c379");
      case VIDEO -> Color.web("#c678dd");
      case TRANSCRIPT -> Color.web("#56b6c2");
      case NUMBER -> Color.web("#d19a66");
      case BOOLEAN -> Color.web("#e06c75");
      case ANY -> Color.web("#9aa5b5");
    };
  }

  public static Color of(PortType type) {
    return of(type.kind());
  }

  /** The accent of a node category (its header stripe). */
  public static Color category(String category) {
    return switch (category.toLowerCase(Locale.ROOT)) {
      case "text" -> of(PortType.Kind.TEXT);
      case "image" -> of(PortType.Kind.IMAGE);
      case "audio", "speech" -> of(PortType.Kind.AUDIO);
      case "video" -> of(PortType.Kind.VIDEO);
      case "transcript", "transcription" -> of(PortType.Kind.TRANSCRIPT);
      case "values", "number", "numbers" -> of(PortType.Kind.NUMBER);
      case "output", "outputs" -> Color.web("#8fbcbb");
      default -> Color.web("#81a1c1");
    };
  }

  public static String css(Color c) {
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        (int) Math.round(c.getRed() * 255),
        (int) Math.round(c.getGreen() * 255),
        (int) Math.round(c.getBlue() * 255));
  }
}
