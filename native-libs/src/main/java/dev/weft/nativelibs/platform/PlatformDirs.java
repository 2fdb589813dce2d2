package dev.weft.nativelibs.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where Weft keeps its data, settings, caches and logs, by the platform's conventions: XDG on
 * Linux, {@code ~/Library} on macOS, {@code %APPDATA%} and {@code %LOCALAPPDATA%} on Windows.
 * {@code WEFT_HOME} (or the system property {@code weft.data.home}) puts everything under one
 * folder instead, which tests and portable installs use.
 */
public record PlatformDirs(Path data, Path config, Path cache, Path logs) {

  public PlatformDirs {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(logs, "logs");
  }

  /** The folders for this process, from its environment and system properties. */
  public static PlatformDirs current() {
    return resolve(
        System.getenv(),
        System.getProperty("os.name", ""),
        System.getProperty("user.home", "."),
        System.getProperty("weft.data.home"));
  }

  /** All folders under one root (portable installs and tests). */
  public static PlatformDirs under(Path root) {
    return new PlatformDirs(
        root.resolve("data"), root.resolve("config"), root.resolve("cache"), root.resolve("logs"));
  }

  static PlatformDirs resolve(
      Map<String, String> env, String osName, String userHome, String overrideProperty) {
    String override = overrideProperty != null ? overrideProperty : env.get("WEFT_HOME");
    if (override != null && !override.isBlank()) {
      return under(Path.of(override));
    }
    Path home = Path.of(userHome);
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      Path support = home.resolve("Library/Application Support/Weft");
      return new PlatformDirs(
          support,
          home.resolve("Library/Preferences/Weft"),
          home.resolve("Library/Caches/Weft"),
          home.resolve("Library/Logs/Weft"));
    }
    if (os.startsWith("windows")) {
      Path roaming = pathOr(env, "APPDATA", home.resolve("AppData/Roaming")).resolve("Weft");
      Path local = pathOr(env, "LOCALAPPDATA", home.resolve("AppData/Local")).resolve("Weft");
      return new PlatformDirs(
          local.resolve("Data"), roaming, local.resolve("Cache"), local.resolve("Logs"));
    }
    Path data = pathOr(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("weft");
    return new PlatformDirs(
        data,
        pathOr(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("weft"),
        pathOr(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve("weft"),
        data.resolve("logs"));
  }

  private static Path pathOr(Map<String, String> env, String name, Path fallback) {
    String v = env.get(name);
    // XDG says relative values are invalid and must be ignored.
    return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
  }

  /** Where plugin jars are picked up from. */
  public Path plugins() {
    return data.resolve("plugins");
  }
}
