package dev.weft.app;

import dev.weft.app.logging.Logging;
import dev.weft.app.shell.StudioApp;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.cli.WeftCli;
import java.util.Locale;

/** The `weft` entry point: no arguments opens the studio, a command runs headless. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PlatformDirs dirs = PlatformDirs.current();
    Logging.configure(dirs.logs());
    if (args.length == 0) {
      if (!hasDisplay()) {
        System.err.println(
            "weft: there is no display to open the studio on (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                + "Run it in a desktop session, or use a command such as: ./weft help");
        System.exit(2);
      }
      StudioApp.launchStudio(args);
      return;
    }
    int code = WeftCli.execute(args, System.out, System.err, Logging::setVerbose);
    System.exit(code);
  }

  static boolean hasDisplay() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") && !os.contains("bsd")) {
      return true;
    }
    return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
