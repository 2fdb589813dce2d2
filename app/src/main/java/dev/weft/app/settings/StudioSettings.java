package dev.weft.app.settings;

import java.util.List;
import java.util.Locale;

/**
 * The studio's own preferences: theme, UI scale, the run mode new pipelines start with, whether the
 * minimap shows, the recent files, and whether the welcome panel was seen. Immutable.
 */
public record StudioSettings(
    Theme theme,
    double scale,
    RunMode defaultRunMode,
    boolean minimap,
    boolean welcomeSeen,
    List<String> recentFiles) {
  public static final int MAX_RECENT = 12;
  public static final double MIN_SCALE = 1.0;
  public static final double MAX_SCALE = 2.0;

  /** Dark (the default) or light. */
  public enum Theme {
    DARK,
    LIGHT;

    public static Theme parse(String s) {
      return "light".equalsIgnoreCase(s) ? LIGHT : DARK;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final StudioSettings DEFAULTS =
      new StudioSettings(Theme.DARK, 1.0, RunMode.AUTO, true, false, List.of());

  public StudioSettings {
    theme = theme == null ? Theme.DARK : theme;
    scale = Double.isFinite(scale) ? Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale)) : 1.0;
    defaultRunMode = defaultRunMode == null ? RunMode.AUTO : defaultRunMode;
    recentFiles =
        recentFiles == null
            ? List.of()
            : List.copyOf(recentFiles.stream().distinct().limit(MAX_RECENT).toList());
  }

  public StudioSettings withTheme(Theme t) {
    return new StudioSettings(t, scale, defaultRunMode, minimap, welcomeSeen, recentFiles);
  }

  public StudioSettings withScale(double s) {
    return new StudioSettings(theme, s, defaultRunMode, minimap, welcomeSeen, recentFiles);
  }

  public StudioSettings withDefaultRunMode(RunMode m) {
    return new StudioSettings(theme, scale, m, minimap, welcomeSeen, recentFiles);
  }

  public StudioSettings withMinimap(boolean on) {
    return new StudioSettings(theme, scale, defaultRunMode, on, welcomeSeen, recentFiles);
  }

  public StudioSettings withWelcomeSeen(boolean seen) {
    return new StudioSettings(theme, scale, defaultRunMode, minimap, seen, recentFiles);
  }

  /** The file moves to the top of the recent list. */
  public StudioSettings withRecent(String file) {
    List<String> list = new java.util.ArrayList<>();
    list.add(file);
    recentFiles.stream().filter(f -> !f.equals(file)).forEach(list::add);
    return new StudioSettings(theme, scale, defaultRunMode, minimap, welcomeSeen, list);
  }

  public StudioSettings withoutRecent(String file) {
    return new StudioSettings(
        theme,
        scale,
        defaultRunMode,
        minimap,
        welcomeSeen,
        recentFiles.stream().filter(f -> !f.equals(file)).toList());
  }
}
