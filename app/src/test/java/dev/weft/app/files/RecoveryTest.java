package dev.weft.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
  @TempDir Path dir;

  @Test
  void aLiveSessionsFileIsNotOffered() throws Exception {
    new Recovery(dir, 10, p -> true).write("{}", Optional.empty());
    assertThat(new Recovery(dir, 11, p -> p == 10).leftovers()).isEmpty();
  }

  @Test
  void aDeadSessionsFileIsOfferedWithItsOriginal() throws Exception {
    Path original = dir.resolve("a.weft.json");
    new Recovery(dir, 10, p -> true).write("{\"x\":1}", Optional.of(original));
    var left = new Recovery(dir, 11, p -> false).leftovers();
    assertThat(left).hasSize(1);
    assertThat(left.getFirst().original()).contains(original.toAbsolutePath());
    assertThat(Files.readString(left.getFirst().file())).isEqualTo("{\"x\":1}");
  }

  @Test
  void ownFileIsNeverOffered() throws Exception {
    Recovery r = new Recovery(dir, 10, p -> false);
    r.write("{}", Optional.empty());
    assertThat(r.leftovers()).isEmpty();
  }

  @Test
  void discardingRemovesTheFileAndItsNote() throws Exception {
    new Recovery(dir, 10, p -> true).write("{}", Optional.empty());
    Recovery later = new Recovery(dir, 11, p -> false);
    later.discard(later.leftovers().getFirst());
    assertThat(Files.list(dir).toList()).isEmpty();
  }

  @Test
  void aDamagedNoteStillOffersThePipeline() throws Exception {
    new Recovery(dir, 10, p -> true).write("{}", Optional.empty());
    Files.writeString(dir.resolve("session-10.meta.json"), "garbage");
    assertThat(new Recovery(dir, 11, p -> false).leftovers()).hasSize(1);
  }
}
