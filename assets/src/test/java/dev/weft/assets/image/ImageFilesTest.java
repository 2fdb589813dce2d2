package dev.weft.assets.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.assets.ImageAsset;
import dev.weft.assets.Provenance;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path dir;

  /** A lossless 4x3 WebP: red, green, blue, half-transparent white, shifted by one each row. */
  static final String WEBP_4X3 =
      "UklGRjQAAABXRUJQVlA4TCgAAAAvA4AAEB8gEEjeHzqN+RcQFPwfnYCg6LrlImYPgkAgEU5uiRkj+h8H";

  static final int[] FIXTURE = {0xffff0000, 0xff00ff00, 0xff0000ff, 0x80ffffff};

  static ImageAsset gradient(int w, int h, boolean alpha) {
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int a = alpha ? (x * 255 / Math.max(1, w - 1)) : 255;
        px[y * w + x] = a << 24 | (x * 7 & 0xFF) << 16 | (y * 13 & 0xFF) << 8 | ((x + y) & 0xFF);
      }
    }
    return ImageAsset.ofArgb(w, h, px);
  }

  static ImageAsset gradient16(int w, int h) {
    short[] px = new short[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      px[i * 4] = (short) (i * 251);
      px[i * 4 + 1] = (short) (65535 - i * 97);
      px[i * 4 + 2] = (short) (i * 3 + 1);
      px[i * 4 + 3] = (short) (40000 + i);
    }
    return ImageAsset.ofRgba16(w, h, px);
  }

  @Test
  void png8RoundTripsExactlyWithAlpha() throws IOException {
    ImageAsset img = gradient(37, 21, true);
    Path f = dir.resolve("a.png");
    ImageFiles.writePng(img, f);
    assertThat(ImageFiles.read(f)).isEqualTo(img);
  }

  @Test
  void opaquePng8RoundTripsExactly() throws IOException {
    ImageAsset img = gradient(16, 9, false);
    Path f = dir.resolve("a.png");
    ImageFiles.writePng(img, f);
    assertThat(ImageFiles.read(f)).isEqualTo(img);
  }

  @Test
  void png16KeepsSixteenBitsPerChannel() throws IOException {
    ImageAsset img = gradient16(11, 7);
    Path f = dir.resolve("deep.png");
    ImageFiles.writePng(img, f);
    ImageAsset back = ImageFiles.read(f);
    assertThat(back.bitDepth()).isEqualTo(16);
    assertThat(back).isEqualTo(img);
    assertThat(Files.readAllBytes(f)[24]).as("IHDR bit depth").isEqualTo((byte) 16);
  }

  @Test
  void jpegRoundTripIsCloseAtHighQuality() throws IOException {
    int[] px = new int[64 * 48];
    for (int i = 0; i < px.length; i++) {
      px[i] = 0xff000000 | ((i % 64) * 4) << 16 | ((i / 64) * 5) << 8 | 128;
    }
    ImageAsset img = ImageAsset.ofArgb(64, 48, px);
    Path f = dir.resolve("a.jpg");
    ImageFiles.writeJpeg(img, f, 0.98f);
    ImageAsset back = ImageFiles.read(f);
    assertThat(back.width()).isEqualTo(64);
    assertThat(meanAbsoluteError(img, back)).isLessThan(2.0);
  }

  @Test
  void jpegExifOrientationSixTurnsThePictureClockwise() throws IOException {
    ImageAsset img = gradient(40, 20, false);
    Path plain = dir.resolve("plain.jpg");
    ImageFiles.writeJpeg(img, plain, 1f);
    Path rotated = dir.resolve("rotated.jpg");
    Files.write(rotated, withExifOrientation(Files.readAllBytes(plain), 6));
    ImageAsset upright = ImageFiles.read(rotated);
    assertThat(upright.width()).isEqualTo(20);
    assertThat(upright.height()).isEqualTo(40);
    assertThat(ImageFiles.size(rotated)).containsExactly(20, 40);
    ImageAsset expected = ImageTransforms.orient(ImageFiles.read(plain), 6);
    assertThat(upright).isEqualTo(expected);
  }

  @Test
  void aJpegWithAGarbledExifBlockStillReads() throws IOException {
    Path plain = dir.resolve("plain.jpg");
    ImageFiles.writeJpeg(gradient(16, 8, false), plain, 0.9f);
    byte[] jpeg = Files.readAllBytes(plain);
    byte[] exif = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2};
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, 0, (byte) (exif.length + 2)});
    out.write(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    Path f = Files.write(dir.resolve("garbled-exif.jpg"), out.toByteArray());
    assertThat(ImageFiles.read(f).width()).isEqualTo(16);
  }

  @Test
  void webpIsRead() throws IOException {
    Path f = dir.resolve("a.webp");
    Files.write(f, Base64.getDecoder().decode(WEBP_4X3));
    ImageAsset img = ImageFiles.read(f);
    assertThat(img.width()).isEqualTo(4);
    assertThat(img.height()).isEqualTo(3);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        assertThat(img.argb(x, y)).as("(%d,%d)", x, y).isEqualTo(FIXTURE[(x + y) % 4]);
      }
    }
  }

  @Test
  void bmpRoundTripsOpaqueImagesExactly() throws IOException {
    ImageAsset img = gradient(13, 5, false);
    Path f = dir.resolve("a.bmp");
    ImageFiles.writeBmp(img, f);
    assertThat(ImageFiles.read(f)).isEqualTo(img);
  }

  @Test
  void writeChoosesTheFormatFromTheExtension() throws IOException {
    Path f = dir.resolve("out.jpeg");
    ImageFiles.write(gradient(8, 8, false), f, ImageWriteOptions.DEFAULT);
    assertThat(Files.readAllBytes(f)[0]).isEqualTo((byte) 0xFF);
  }

  @Test
  void pngCarriesPipelineAndProvenanceWithoutSecrets() throws IOException {
    Provenance prov =
        new Provenance(
            "scene.weft.json",
            "n3",
            "image.generate",
            2,
            Map.of("prompt", "a fox", "apiKey", "sk-abcdefghijklmnopqrstuvwxyz", "steps", 20),
            "wan2.1-t2i",
            "abc123",
            42L,
            "local",
            "0.1.0");
    String pipeline =
        "{\"format\":\"weft\",\"version\":1,\"nodes\":[{\"id\":\"n3\",\"params\":{\"prompt\":\"a"
            + " fox\",\"api_key\":\"sk-shouldnotappear12345678\"}}]}";
    Path f = dir.resolve("with-provenance.png");
    ImageFiles.writePng(
        gradient(4, 4, false),
        f,
        PngOptions.DEFAULT.withEmbedded(new EmbeddedProvenance(pipeline, prov)));

    EmbeddedProvenance back = ImageFiles.readEmbedded(f).orElseThrow();
    assertThat(back.pipelineJson()).contains("\"n3\"").contains("a fox");
    assertThat(back.provenance().nodeId()).isEqualTo("n3");
    assertThat(back.provenance().seed()).isEqualTo(42L);
    assertThat(back.provenance().params()).containsEntry("prompt", "a fox");
    assertThat(back.provenance().params()).doesNotContainKey("apiKey");
    String raw = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(raw).contains("iTXt").contains(EmbeddedProvenance.PIPELINE_KEY);
    assertThat(back.pipelineJson()).doesNotContain("sk-").doesNotContain("api_key");
  }

  @Test
  void aPngWithoutProvenanceYieldsNone() throws IOException {
    Path f = dir.resolve("plain.png");
    ImageFiles.writePng(gradient(4, 4, false), f);
    assertThat(ImageFiles.readEmbedded(f)).isEmpty();
  }

  // ---------------------------------------------------------------- broken files

  @Test
  void aPngThatIsAJpegIsRefusedAsMislabelled() throws IOException {
    Path jpeg = dir.resolve("a.jpg");
    ImageFiles.writeJpeg(gradient(8, 8, false), jpeg, 0.9f);
    Path f = dir.resolve("photo.png");
    Files.copy(jpeg, f);
    assertThatThrownBy(() -> ImageFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("photo.png")
        .hasMessageContaining("JPEG")
        .hasMessageContaining(".jpg")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.MISLABELLED));
  }

  @Test
  void aTruncatedPngIsRefusedNamingTheFile() throws IOException {
    Path full = dir.resolve("full.png");
    ImageFiles.writePng(gradient(200, 100, true), full, PngOptions.DEFAULT.withCompressionLevel(0));
    byte[] bytes = Files.readAllBytes(full);
    Path f = dir.resolve("cut.png");
    Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ImageFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("cut.png");
  }

  @Test
  void aTruncatedJpegIsRefusedNamingTheFile() throws IOException {
    Path full = dir.resolve("full.jpg");
    ImageFiles.writeJpeg(gradient(200, 100, false), full, 0.9f);
    byte[] bytes = Files.readAllBytes(full);
    Path f = dir.resolve("cut.jpg");
    Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ImageFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("cut.jpg")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.TRUNCATED));
  }

  @Test
  void aPngWithGarbageAfterTheSignatureIsCorrupt() throws IOException {
    Path f = dir.resolve("garbage.png");
    byte[] b = new byte[200];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, b, 0, 8);
    Arrays.fill(b, 8, b.length, (byte) 0x5A);
    Files.write(f, b);
    assertThatThrownBy(() -> ImageFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("garbage.png");
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    Path f = Files.createFile(dir.resolve("empty.png"));
    assertThatThrownBy(() -> ImageFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("empty.png")
        .hasMessageContaining("empty");
  }

  @Test
  void unknownBytesAreRefusedWithWhatTheyAre() throws IOException {
    Path f = dir.resolve("notes.png");
    Files.writeString(f, "hello, this is text");
    assertThatThrownBy(() -> ImageFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("notes.png")
        .hasMessageContaining("hello");
  }

  @Test
  void hugeDimensionsAreRefusedBeforeAllocation() throws IOException {
    // 100000 x 100000 RGBA would need 40 GB; the test JVM has 2 GB, so decoding would die.
    Path f = dir.resolve("bomb.png");
    Files.write(f, pngWithHeaderOnly(100_000, 100_000));
    assertThatThrownBy(() -> ImageFiles.read(f))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("bomb.png")
        .hasMessageContaining("100000x100000")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.TOO_LARGE));
  }

  @Test
  void decodingStopsAtItsTimeLimit() throws IOException {
    Path f = dir.resolve("big.png");
    ImageFiles.writePng(gradient(3000, 2000, true), f, PngOptions.DEFAULT.withCompressionLevel(1));
    DecodeLimits instant = DecodeLimits.DEFAULT.withTimeout(Duration.ofNanos(1));
    assertThatThrownBy(() -> ImageFiles.read(f, instant))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("big.png")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.TIMED_OUT));
  }

  // ---------------------------------------------------------------- helpers

  static double meanAbsoluteError(ImageAsset a, ImageAsset b) {
    long sum = 0;
    for (int y = 0; y < a.height(); y++) {
      for (int x = 0; x < a.width(); x++) {
        int p = a.argb(x, y);
        int q = b.argb(x, y);
        for (int s = 0; s < 24; s += 8) {
          sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.width() * a.height());
  }

  /** Inserts an APP1 Exif segment holding only an orientation tag after the SOI marker. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
    tiff.putShort((short) 1);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);
    tiff.putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0);
    byte[] exif = new byte[6 + tiff.capacity()];
    System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
    System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xE1);
    int len = exif.length + 2;
    out.write(len >> 8);
    out.write(len & 0xFF);
    out.write(exif, 0, exif.length);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  static byte[] pngWithHeaderOnly(int w, int h) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
    ihdr.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
    ByteBuffer out = ByteBuffer.allocate(8 + 25 + 12 + 12);
    out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[0]);
    chunk(out, "IEND", new byte[0]);
    return Arrays.copyOf(out.array(), out.position());
  }

  private static void chunk(ByteBuffer out, String type, byte[] data) {
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.putInt(data.length).put(t).put(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.putInt((int) crc.getValue());
  }
}
