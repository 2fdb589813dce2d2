package dev.weft.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
  @TempDir Path dir;

  @Test
  void savedSettingsReadBackEqual() throws Exception {
    SettingsFile f = new SettingsFile(dir.resolve("studio.json"));
    StudioSettings s =
        StudioSettings.DEFAULTS
            .withTheme(StudioSettings.Theme.LIGHT)
            .withScale(1.5)
            .withDefaultRunMode(RunMode.OFFLINE)
            .withMinimap(false)
            .withWelcomeSeen(true)
            .withRecent("/a.weft.json")
            .withRecent("/b.weft.json");
    f.save(s);
    assertThat(f.load()).isEqualTo(s);
  }

  @Test
  void aMissingFileGivesTheDefaults() {
    assertThat(new SettingsFile(dir.resolve("none.json")).load())
        .isEqualTo(StudioSettings.DEFAULTS);
  }

  @Test
  void aDamagedFileGivesTheDefaults() throws Exception {
    Path p = dir.resolve("studio.json");
    Files.writeString(p, "[1, 2");
    assertThat(new SettingsFile(p).load()).isEqualTo(StudioSettings.DEFAULTS);
  }

  @Test
  void recentFilesMoveToTheTopAndStayBounded() {
    StudioSettings s = StudioSettings.DEFAULTS;
    for (int i = 0; i < 20; i++) {
      s = s.withRecent("/f" + i);
    }
    s = s.withRecent("/f10");
    assertThat(s.recentFiles()).hasSize(StudioSettings.MAX_RECENT).first().isEqualTo("/f10");
  }

  @Test
  void scaleIsKeptBetweenOneAndTwo() {
    assertThat(StudioSettings.DEFAULTS.withScale(5).scale()).isEqualTo(2.0);
    assertThat(StudioSettings.DEFAULTS.withScale(0.2).scale()).isEqualTo(1.0);
  }
}
