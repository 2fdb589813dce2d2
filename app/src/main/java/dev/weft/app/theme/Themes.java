package dev.weft.app.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.weft.app.canvas.GraphCanvasView;
import dev.weft.app.settings.StudioSettings;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

/**
 * Applies the look: AtlantaFX's Primer theme (dark or light) as the user-agent stylesheet, the
 * studio's own stylesheet over it, the UI scale as the root font size, and the colours the canvas
 * paints itself.
 */
public final class Themes {
  /** The root font size at 100 %. */
  public static final double BASE_FONT = 13;

  public static final String STUDIO_CSS =
      Objects.requireNonNull(Themes.class.getResource("/dev/weft/app/theme/studio.css"))
          .toExternalForm();

  private Themes() {}

  /** Sets the global user-agent stylesheet (FX thread). */
  public static void applyBase(StudioSettings.Theme theme) {
    Application.setUserAgentStylesheet(
        theme == StudioSettings.Theme.LIGHT
            ? new PrimerLight().getUserAgentStylesheet()
            : new PrimerDark().getUserAgentStylesheet());
  }

  public static void apply(Scene scene, StudioSettings s) {
    applyBase(s.theme());
    if (!scene.getStylesheets().contains(STUDIO_CSS)) {
      scene.getStylesheets().add(STUDIO_CSS);
    }
    scale(scene.getRoot(), s.scale());
  }

  public static void scale(Parent root, double scale) {
    root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * scale));
    Scene scene = root.getScene();
    if (scene != null) {
      scene.getStylesheets().removeIf(s -> s.startsWith(SCALE_CSS_PREFIX));
      scene.getStylesheets().add(scaleSheet(scale));
    }
  }

  private static final String SCALE_CSS_PREFIX = "data:text/css;base64,";

  /**
   * Icons are glyphs with a size of their own; this sheet scales them with the UI (the canvas is
   * left out: it scales with its zoom).
   */
  static String scaleSheet(double scale) {
    String css =
        String.format(
            Locale.ROOT,
            ".ikonli-font-icon { -fx-icon-size: %.0fpx; }%n"
                + ".graph-canvas .ikonli-font-icon { -fx-icon-size: 14px; }%n",
            16 * scale);
    return SCALE_CSS_PREFIX
        + java.util.Base64.getEncoder()
            .encodeToString(css.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static void paintCanvas(GraphCanvasView canvas, StudioSettings.Theme theme) {
    if (theme == StudioSettings.Theme.LIGHT) {
      canvas.setCanvasColours(
          Color.web("#f3f5f8"),
          Color.web("#e4e8ee"),
          Color.web("#d3d9e1"),
          Color.web("#ffffff", 0.92),
          Color.web("#0969da"));
    } else {
      canvas.setCanvasColours(
          Color.web("#0f1319"),
          Color.web("#181d25"),
          Color.web("#222833"),
          Color.web("#161b22", 0.92),
          Color.web("#e6edf3"));
    }
  }
}
