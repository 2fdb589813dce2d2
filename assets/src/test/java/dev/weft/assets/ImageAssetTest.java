package dev.weft.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageAssetTest {
  @Test
  void equalPixelsMakeEqualAssetsWithEqualHashes() {
    ImageAsset a = ImageAsset.ofArgb(2, 1, new int[] {0xff102030, 0x80405060});
    ImageAsset b = ImageAsset.ofArgb(2, 1, new int[] {0xff102030, 0x80405060});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.hash()).isEqualTo(b.hash()).hasSize(64);
  }

  @Test
  void oneDifferentPixelMakesADifferentHash() {
    ImageAsset a = ImageAsset.ofArgb(2, 1, new int[] {0xff102030, 0x80405060});
    ImageAsset b = ImageAsset.ofArgb(2, 1, new int[] {0xff102030, 0x80405061});
    assertThat(a.hash()).isNotEqualTo(b.hash());
  }

  @Test
  void theSizeIsPartOfTheHash() {
    int[] px = new int[6];
    assertThat(ImageAsset.ofArgb(2, 3, px).hash()).isNotEqualTo(ImageAsset.ofArgb(3, 2, px).hash());
  }

  @Test
  void sixteenBitChannelsRoundToTheNearestEightBitValue() {
    ImageAsset deep =
        ImageAsset.ofRgba16(
            1, 1, new short[] {(short) 65535, (short) 128, (short) 129, (short) 32896});
    assertThat(deep.bitDepth()).isEqualTo(16);
    assertThat(deep.argb(0, 0)).isEqualTo(0x80ff0001);
    assertThat(deep.to8Bit().bitDepth()).isEqualTo(8);
  }

  @Test
  void eightBitChannelsWidenExactlyToSixteen() {
    ImageAsset a = ImageAsset.ofArgb(1, 1, new int[] {0x80ff0001});
    var wide = a.rgba16();
    assertThat(wide.get(0) & 0xFFFF).isEqualTo(65535);
    assertThat(wide.get(1) & 0xFFFF).isZero();
    assertThat(wide.get(2) & 0xFFFF).isEqualTo(257);
    assertThat(wide.get(3) & 0xFFFF).isEqualTo(128 * 257);
  }

  @Test
  void pixelViewsAreReadOnly() {
    ImageAsset a = ImageAsset.ofArgb(1, 1, new int[] {1});
    assertThatThrownBy(() -> a.pixels().put(0, 2))
        .isInstanceOf(java.nio.ReadOnlyBufferException.class);
  }

  @Test
  void theCallersArrayIsCopied() {
    int[] px = {0xff000000};
    ImageAsset a = ImageAsset.ofArgb(1, 1, px);
    px[0] = 0xffffffff;
    assertThat(a.argb(0, 0)).isEqualTo(0xff000000);
  }

  @Test
  void aWrongPixelCountIsRefused() {
    assertThatThrownBy(() -> ImageAsset.ofArgb(2, 2, new int[3])).hasMessageContaining("2x2");
  }
}
