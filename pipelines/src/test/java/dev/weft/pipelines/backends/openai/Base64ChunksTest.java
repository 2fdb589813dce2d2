package dev.weft.pipelines.backends.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Base64ChunksTest {
  @Test
  void fragmentsCutAtRandomPlacesDecodeToTheWhole() {
    SplittableRandom r = new SplittableRandom(5);
    byte[] data = new byte[10_007];
    r.nextBytes(data);
    String all = Base64.getEncoder().encodeToString(data);
    Base64Chunks d = new Base64Chunks();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int off = 0;
    while (off < all.length()) {
      int n = Math.min(all.length() - off, 1 + r.nextInt(13));
      out.writeBytes(d.append(all.substring(off, off + n)));
      off += n;
    }
    out.writeBytes(d.finish());
    assertThat(out.toByteArray()).isEqualTo(data);
  }

  @Test
  void aFragmentShorterThanAGroupYieldsNothingYet() {
    Base64Chunks d = new Base64Chunks();
    assertThat(d.append("QU")).isEmpty();
    assertThat(d.append("JD")).containsExactly('A', 'B', 'C');
  }

  @Test
  void separatelyPaddedBlocksBackToBackDecode() {
    Base64Chunks d = new Base64Chunks();
    String twoBlocks =
        Base64.getEncoder().encodeToString(new byte[] {1})
            + Base64.getEncoder().encodeToString(new byte[] {2, 3});
    assertThat(d.append(twoBlocks)).containsExactly(1, 2, 3);
  }

  @Test
  void anUnpaddedTailIsPaddedAtTheEnd() {
    Base64Chunks d = new Base64Chunks();
    assertThat(d.append("QUI")).isEmpty();
    assertThat(d.finish()).containsExactly('A', 'B');
  }

  @Test
  void whitespaceAndTheUrlSafeAlphabetAreAccepted() {
    Base64Chunks d = new Base64Chunks();
    byte[] data = {(byte) 0xFB, (byte) 0xFF};
    String urlSafe = Base64.getUrlEncoder().encodeToString(data);
    assertThat(d.append(" " + urlSafe.substring(0, 2) + "\n" + urlSafe.substring(2)))
        .containsExactly(data);
  }

  @Test
  void aCharacterOutsideBase64IsAnError() {
    assertThatThrownBy(() -> new Base64Chunks().append("AB*D")).hasMessageContaining("not Base64");
  }

  @Test
  void aSingleStrayCharacterAtTheEndIsAnError() {
    Base64Chunks d = new Base64Chunks();
    d.append("QUJDR");
    assertThatThrownBy(d::finish).hasMessageContaining("broken Base64 group");
  }
}
