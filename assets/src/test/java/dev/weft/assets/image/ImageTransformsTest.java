package dev.weft.assets.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.ImageAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTransformsTest {
  // 3x2: a b c / d e f
  static final ImageAsset ABC =
      ImageAsset.ofArgb(
          3, 2, new int[] {0xff000001, 0xff000002, 0xff000003, 0xff000004, 0xff000005, 0xff000006});

  @Test
  void orientationSixRotatesClockwise() {
    ImageAsset r = ImageTransforms.orient(ABC, 6);
    // d a / e b / f c
    assertThat(r.width()).isEqualTo(2);
    assertThat(r.copyPixels())
        .containsExactly(0xff000004, 0xff000001, 0xff000005, 0xff000002, 0xff000006, 0xff000003);
  }

  @Test
  void orientationEightRotatesCounterClockwise() {
    ImageAsset r = ImageTransforms.orient(ABC, 8);
    // c f / b e / a d
    assertThat(r.copyPixels())
        .containsExactly(0xff000003, 0xff000006, 0xff000002, 0xff000005, 0xff000001, 0xff000004);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 7})
  void mirroringOrientationsUndoThemselvesWhenAppliedTwice(int o) {
    if (o == 5 || o == 7 || o == 2 || o == 3 || o == 4) {
      assertThat(ImageTransforms.orient(ImageTransforms.orient(ABC, o), o)).isEqualTo(ABC);
    }
  }

  @Test
  void cropTakesTheRectangle() {
    assertThat(ImageTransforms.crop(ABC, 1, 0, 2, 2).copyPixels())
        .containsExactly(0xff000002, 0xff000003, 0xff000005, 0xff000006);
  }

  @Test
  void cropOutsideTheImageIsRefused() {
    assertThatThrownBy(() -> ImageTransforms.crop(ABC, 2, 0, 2, 2))
        .hasMessageContaining("does not fit")
        .hasMessageContaining("3x2");
  }

  @Test
  void padSurroundsWithTheFill() {
    ImageAsset p = ImageTransforms.pad(ABC, 1, 0, 0, 1, 0x00000000);
    assertThat(p.width()).isEqualTo(4);
    assertThat(p.height()).isEqualTo(3);
    assertThat(p.argb(0, 0)).isZero();
    assertThat(p.argb(1, 1)).isEqualTo(0xff000001);
  }

  @Test
  void resizingAFlatColourKeepsIt() {
    int[] px = new int[50 * 30];
    java.util.Arrays.fill(px, 0xff336699);
    ImageAsset r = ImageTransforms.resize(ImageAsset.ofArgb(50, 30, px), 17, 11);
    assertThat(r.width()).isEqualTo(17);
    for (int p : r.copyPixels()) {
      assertThat(p).isEqualTo(0xff336699);
    }
  }

  @Test
  void resizingDoesNotBleedColourFromTransparentPixels() {
    // opaque red next to fully transparent *black*: the red edge must stay red, not darken.
    int[] px = new int[8 * 8];
    for (int i = 0; i < px.length; i++) {
      px[i] = (i % 8) < 4 ? 0xffff0000 : 0x00000000;
    }
    ImageAsset r = ImageTransforms.resize(ImageAsset.ofArgb(8, 8, px), 5, 5);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        int p = r.argb(x, y);
        if ((p >>> 24) > 16) {
          assertThat((p >> 16) & 0xFF).as("red at (%d,%d)", x, y).isGreaterThan(240);
        }
      }
    }
  }

  @Test
  void resizingKeepsSixteenBits() {
    short[] px = new short[4 * 4 * 4];
    java.util.Arrays.fill(px, (short) 1001);
    ImageAsset r = ImageTransforms.resize(ImageAsset.ofRgba16(4, 4, px), 2, 2);
    assertThat(r.bitDepth()).isEqualTo(16);
    assertThat(r.rgba16().get(0) & 0xFFFF).isEqualTo(1001);
  }
}
