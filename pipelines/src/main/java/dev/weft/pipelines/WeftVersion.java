package dev.weft.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Weft this build is. */
public final class WeftVersion {
  private static final String VERSION = load();

  private WeftVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = WeftVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
