package dev.weft.assets.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import dev.weft.assets.media.MediaFormat;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads PNG (8 and 16 bit), JPEG (EXIF orientation applied), WebP and BMP files into {@link
 * ImageAsset}s, and writes PNG (with embedded provenance), JPEG and BMP.
 */
public final class ImageFiles {
  private static final String PNG_METADATA = "javax_imageio_png_1.0";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageFiles.class);

  private ImageFiles() {}

  /** Reads an image with the default limits. */
  public static ImageAsset read(Path file) throws IOException {
    return read(file, DecodeLimits.DEFAULT);
  }

  /**
   * Reads an image. The format comes from the bytes and must agree with the extension; the size is
   * checked against the limits before any pixel is allocated; decoding stops at the time limit.
   */
  public static ImageAsset read(Path file, DecodeLimits limits) throws IOException {
    MediaFormat format = MediaFormat.detect(file, MediaFormat.Kind.IMAGE);
    int orientation = format == MediaFormat.JPEG ? exifOrientation(file) : 1;
    BufferedImage image = decode(file, format, limits);
    ImageAsset asset = toAsset(image);
    return orientation == 1 ? asset : ImageTransforms.orient(asset, orientation);
  }

  /** Width and height from the header alone, without decoding pixels. */
  public static int[] size(Path file) throws IOException {
    MediaFormat format = MediaFormat.detect(file, MediaFormat.Kind.IMAGE);
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = readerFor(file, format);
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        int orientation = format == MediaFormat.JPEG ? exifOrientation(file) : 1;
        return orientation >= 5 ? new int[] {h, w} : new int[] {w, h};
      } catch (IOException | RuntimeException e) {
        throw failure(file, format, e);
      } finally {
        reader.dispose();
      }
    }
  }

  private static BufferedImage decode(Path file, MediaFormat format, DecodeLimits limits)
      throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new MediaException(file, Reason.CORRUPT, "cannot be opened for reading");
      }
      ImageReader reader = readerFor(file, format);
      List<String> warnings = new ArrayList<>();
      IIOReadWarningListener onWarning = (source, warning) -> warnings.add(warning);
      reader.addIIOReadWarningListener(onWarning);
      AtomicBoolean timedOut = new AtomicBoolean();
      Thread watchdog =
          Thread.ofVirtual()
              .start(() -> {
                try {
                  Thread.sleep(limits.timeout());
                  timedOut.set(true);
                  reader.abort();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      try {
        reader.setInput(in, true, true);
        limits.checkImageSize(file, reader.getWidth(0), reader.getHeight(0));
        BufferedImage image = reader.read(0, reader.getDefaultReadParam());
        if (timedOut.get()) {
          throw new MediaException(
              file,
              Reason.TIMED_OUT,
              "decoding took longer than the limit of "
                  + limits.timeout().toSeconds()
                  + " s and was stopped");
        }
        if (image == null) {
          throw new MediaException(
              file, Reason.CORRUPT, "the " + format + " decoder gave no image");
        }
        for (String w : warnings) {
          if (isTruncationWarning(w)) {
            throw new MediaException(
                file, Reason.TRUNCATED, "the " + format + " data ends early (" + w + ")");
          }
        }
        return image;
      } catch (MediaException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw failure(file, format, e);
      } finally {
        watchdog.interrupt();
        reader.dispose();
      }
    }
  }

  private static boolean isTruncationWarning(String w) {
    String s = w.toLowerCase(Locale.ROOT);
    return s.contains("premature end") || s.contains("truncated") || s.contains("corrupt");
  }

  private static MediaException failure(Path file, MediaFormat format, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    boolean truncated =
        root instanceof EOFException
            || String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT).contains("end of");
    String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new MediaException(
        file,
        truncated ? Reason.TRUNCATED : Reason.CORRUPT,
        (truncated ? "the " + format + " data ends early" : "not a valid " + format + " image")
            + " ("
            + detail
            + ")",
        e);
  }

  private static ImageReader readerFor(Path file, MediaFormat format) throws MediaException {
    String name =
        switch (format) {
          case PNG -> "png";
          case JPEG -> "jpeg";
          case WEBP -> "webp";
          case BMP -> "bmp";
          default ->
              throw new MediaException(file, Reason.UNSUPPORTED, format + " is not an image");
        };
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(name);
    if (!readers.hasNext()) {
      throw new MediaException(
          file, Reason.UNSUPPORTED, "no " + format + " decoder is installed in this build");
    }
    return readers.next();
  }

  /** Turns a decoded image into an asset, keeping 16 bits per channel where the file had them. */
  static ImageAsset toAsset(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    if (raster.getTransferType() == DataBuffer.TYPE_USHORT
        && image.getColorModel() instanceof ComponentColorModel cm
        && raster.getNumBands() <= 4) {
      int bands = raster.getNumBands();
      boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
      int[] row = new int[w * bands];
      short[] rgba = new short[w * h * 4];
      for (int y = 0, o = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0, i = 0; x < w; x++, o += 4) {
          if (gray) {
            short v = (short) row[i++];
            rgba[o] = v;
            rgba[o + 1] = v;
            rgba[o + 2] = v;
            rgba[o + 3] = bands == 2 ? (short) row[i++] : (short) 0xFFFF;
          } else {
            rgba[o] = (short) row[i++];
            rgba[o + 1] = (short) row[i++];
            rgba[o + 2] = (short) row[i++];
            rgba[o + 3] = bands == 4 ? (short) row[i++] : (short) 0xFFFF;
          }
        }
      }
      return ImageAsset.ofRgba16(w, h, rgba);
    }
    if (image.getType() == BufferedImage.TYPE_INT_ARGB
        && raster.getDataBuffer() instanceof DataBufferInt db
        && db.getNumBanks() == 1
        && db.getData().length == w * h) {
      return ImageAsset.ofArgb(w, h, db.getData());
    }
    return ImageAsset.ofArgb(w, h, image.getRGB(0, 0, w, h, null, 0, w));
  }

  /** The EXIF orientation (1 to 8) of a JPEG, or 1 when it has none or it cannot be read. */
  static int exifOrientation(Path file) throws IOException {
    List<JPEGSegment> segments;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      segments = JPEGSegmentUtil.readSegments(in, 0xFFE1, "Exif");
    } catch (IOException | RuntimeException e) {
      // A JPEG whose markers cannot be walked fails in the decoder with a better message.
      LOG.debug("cannot walk the JPEG markers of {}", file, e);
      return 1;
    }
    for (JPEGSegment segment : segments) {
      byte[] data;
      try (InputStream in = segment.data()) {
        data = in.readAllBytes();
      }
      int tiffStart = tiffHeaderOffset(data);
      if (tiffStart < 0) {
        continue;
      }
      try (ImageInputStream tiff =
          ImageIO.createImageInputStream(
              new ByteArrayInputStream(data, tiffStart, data.length - tiffStart))) {
        Directory dir = new TIFFReader().read(tiff);
        Entry e = dir.getEntryById(TIFF.TAG_ORIENTATION);
        if (e != null && e.getValue() instanceof Number n) {
          int o = n.intValue();
          return o >= 1 && o <= 8 ? o : 1;
        }
      } catch (IOException | RuntimeException e) {
        // a broken EXIF block does not make the picture unreadable
        LOG.debug("ignoring the unreadable EXIF block of {}", file, e);
        return 1;
      }
    }
    return 1;
  }

  private static int tiffHeaderOffset(byte[] d) {
    for (int i = 0; i + 4 <= d.length && i < 16; i++) {
      if ((d[i] == 'I' && d[i + 1] == 'I' && d[i + 2] == 42 && d[i + 3] == 0)
          || (d[i] == 'M' && d[i + 1] == 'M' && d[i + 2] == 0 && d[i + 3] == 42)) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- writing

  /** Writes a PNG with the default options. */
  public static void writePng(ImageAsset image, Path target) throws IOException {
    writePng(image, target, PngOptions.DEFAULT);
  }

  /**
   * Writes a PNG: 16 bits per channel when the image has them, RGB when it is opaque, RGBA
   * otherwise; the embedded provenance, if any, goes into compressed iTXt chunks.
   */
  public static void writePng(ImageAsset image, Path target, PngOptions options)
      throws IOException {
    BufferedImage bi = toBufferedImage(image, true);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      // The JDK's PNG writer maps quality q to deflate level (1 - q) * 9.
      param.setCompressionQuality(1f - options.compressionLevel() / 9f);
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(bi), param);
      Map<String, String> texts = new LinkedHashMap<>(options.text());
      options.embedded().ifPresent(e -> texts.putAll(e.toEntries()));
      if (!texts.isEmpty()) {
        IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
        IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
        for (Map.Entry<String, String> t : texts.entrySet()) {
          IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
          entry.setAttribute("keyword", t.getKey());
          entry.setAttribute("compressionFlag", "TRUE");
          entry.setAttribute("compressionMethod", "0");
          entry.setAttribute("languageTag", "");
          entry.setAttribute("translatedKeyword", "");
          entry.setAttribute("text", t.getValue());
          itxt.appendChild(entry);
        }
        root.appendChild(itxt);
        metadata.mergeTree(PNG_METADATA, root);
      }
      writeWith(writer, new IIOImage(bi, null, metadata), param, target, "PNG");
    } finally {
      writer.dispose();
    }
  }

  /** Writes a baseline JPEG at a quality from 0 (smallest) to 1 (best); alpha is dropped. */
  public static void writeJpeg(ImageAsset image, Path target, float quality) throws IOException {
    if (!(quality >= 0f && quality <= 1f)) {
      throw new IllegalArgumentException("JPEG quality must be in [0, 1], got " + quality);
    }
    BufferedImage bi = toBufferedImage(image.to8Bit(), false);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writeWith(writer, new IIOImage(bi, null, null), param, target, "JPEG");
    } finally {
      writer.dispose();
    }
  }

  /** Writes a 24-bit BMP; alpha is dropped. */
  public static void writeBmp(ImageAsset image, Path target) throws IOException {
    BufferedImage src = toBufferedImage(image.to8Bit(), false);
    BufferedImage bgr =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    bgr.getGraphics().drawImage(src, 0, 0, null);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("bmp").next();
    try {
      writeWith(
          writer, new IIOImage(bgr, null, null), writer.getDefaultWriteParam(), target, "BMP");
    } finally {
      writer.dispose();
    }
  }

  /** Writes in the format the target's extension names (png, jpg/jpeg, bmp). */
  public static void write(ImageAsset image, Path target, ImageWriteOptions options)
      throws IOException {
    MediaFormat format =
        MediaFormat.byExtension(target)
            .orElseThrow(() ->
                new MediaException(
                    target,
                    Reason.UNSUPPORTED,
                    "the extension names no image format Weft writes (use .png, .jpg or .bmp)"));
    switch (format) {
      case PNG -> writePng(image, target, options.png());
      case JPEG -> writeJpeg(image, target, options.jpegQuality());
      case BMP -> writeBmp(image, target);
      case WEBP ->
          throw new MediaException(
              target, Reason.UNSUPPORTED, "WebP is read-only in Weft; save as .png or .jpg");
      default ->
          throw new MediaException(target, Reason.UNSUPPORTED, format + " is not an image format");
    }
  }

  private static void writeWith(
      ImageWriter writer, IIOImage image, ImageWriteParam param, Path target, String what)
      throws IOException {
    Files.deleteIfExists(target);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(target.toFile())) {
      if (out == null) {
        throw new MediaException(target, Reason.WRITE_FAILED, "cannot be opened for writing");
      }
      writer.setOutput(out);
      writer.write(null, image, param);
    } catch (MediaException e) {
      throw e;
    } catch (IOException e) {
      throw new MediaException(
          target, Reason.WRITE_FAILED, "writing the " + what + " failed: " + e.getMessage(), e);
    }
  }

  static BufferedImage toBufferedImage(ImageAsset image, boolean keepAlpha) {
    int w = image.width();
    int h = image.height();
    boolean alpha = keepAlpha && !image.isOpaque();
    if (image.bitDepth() == 16) {
      int bands = alpha ? 4 : 3;
      ComponentColorModel cm =
          new ComponentColorModel(
              ColorSpace.getInstance(ColorSpace.CS_sRGB),
              alpha,
              false,
              alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
              DataBuffer.TYPE_USHORT);
      WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
      short[] src = new short[w * h * 4];
      image.rgba16().get(src);
      short[] dst = ((DataBufferUShort) raster.getDataBuffer()).getData();
      if (bands == 4) {
        System.arraycopy(src, 0, dst, 0, src.length);
      } else {
        for (int i = 0, j = 0; i < src.length; i += 4, j += 3) {
          dst[j] = src[i];
          dst[j + 1] = src[i + 1];
          dst[j + 2] = src[i + 2];
        }
      }
      return new BufferedImage(cm, raster, false, null);
    }
    BufferedImage bi =
        new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    int[] dst = ((DataBufferInt) bi.getRaster().getDataBuffer()).getData();
    image.pixels().get(dst);
    if (!alpha) {
      for (int i = 0; i < dst.length; i++) {
        dst[i] &= 0x00FFFFFF;
      }
    }
    return bi;
  }

  // ---------------------------------------------------------------- provenance

  /**
   * The pipeline and provenance a PNG written by Weft carries, or empty when it carries none (or is
   * not a PNG).
   */
  public static Optional<EmbeddedProvenance> readEmbedded(Path file) throws IOException {
    Map<String, String> texts = readPngText(file);
    String pipeline = texts.get(EmbeddedProvenance.PIPELINE_KEY);
    String provenance = texts.get(EmbeddedProvenance.PROVENANCE_KEY);
    if (pipeline == null && provenance == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(EmbeddedProvenance.fromTexts(pipeline, provenance));
    } catch (JsonProcessingException e) {
      throw new MediaException(
          file, Reason.CORRUPT, "its embedded provenance is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The text chunks (tEXt, zTXt, iTXt) of a PNG, keyword to text. */
  public static Map<String, String> readPngText(Path file) throws IOException {
    MediaFormat format = MediaFormat.detect(file, MediaFormat.Kind.IMAGE);
    Map<String, String> out = new LinkedHashMap<>();
    if (format != MediaFormat.PNG) {
      return out;
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = readerFor(file, format);
      try {
        reader.setInput(in, true, false);
        Node root = reader.getImageMetadata(0).getAsTree(PNG_METADATA);
        for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
          String name = chunk.getNodeName();
          if (!name.equals("iTXt") && !name.equals("tEXt") && !name.equals("zTXt")) {
            continue;
          }
          NodeList entries = chunk.getChildNodes();
          for (int i = 0; i < entries.getLength(); i++) {
            IIOMetadataNode e = (IIOMetadataNode) entries.item(i);
            String text = e.getAttribute(name.equals("tEXt") ? "value" : "text");
            if (name.equals("zTXt")) {
              text = e.getAttribute("text");
            }
            out.put(e.getAttribute("keyword"), text);
          }
        }
      } catch (IOException | RuntimeException e) {
        throw failure(file, format, e);
      } finally {
        reader.dispose();
      }
    }
    return out;
  }
}
