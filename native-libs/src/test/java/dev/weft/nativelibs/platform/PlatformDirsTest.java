package dev.weft.nativelibs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformDirsTest {

  @Test
  void linuxFollowsXdgVariables() {
    PlatformDirs dirs =
        PlatformDirs.resolve(
            Map.of("XDG_DATA_HOME", "/x/data", "XDG_CONFIG_HOME", "/x/config"),
            "Linux",
            "/home/ann",
            null);
    assertThat(dirs.data()).isEqualTo(Path.of("/x/data/weft"));
    assertThat(dirs.config()).isEqualTo(Path.of("/x/config/weft"));
    assertThat(dirs.cache()).isEqualTo(Path.of("/home/ann/.cache/weft"));
    assertThat(dirs.logs()).isEqualTo(Path.of("/x/data/weft/logs"));
  }

  @Test
  void linuxIgnoresRelativeXdgValuesAsTheSpecSays() {
    PlatformDirs dirs =
        PlatformDirs.resolve(Map.of("XDG_DATA_HOME", "rel/data"), "Linux", "/home/ann", null);
    assertThat(dirs.data()).isEqualTo(Path.of("/home/ann/.local/share/weft"));
  }

  @Test
  void weftHomePutsEverythingUnderOneFolder() {
    PlatformDirs dirs =
        PlatformDirs.resolve(Map.of("WEFT_HOME", "/portable"), "Windows 11", "/home/ann", null);
    assertThat(dirs.data()).isEqualTo(Path.of("/portable/data"));
    assertThat(dirs.logs()).isEqualTo(Path.of("/portable/logs"));
  }

  @Test
  void macUsesLibraryFolders() {
    PlatformDirs dirs = PlatformDirs.resolve(Map.of(), "Mac OS X", "/Users/ann", null);
    assertThat(dirs.data()).isEqualTo(Path.of("/Users/ann/Library/Application Support/Weft"));
    assertThat(dirs.logs()).isEqualTo(Path.of("/Users/ann/Library/Logs/Weft"));
  }
}
