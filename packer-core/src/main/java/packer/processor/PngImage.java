package packer.processor;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageTypeSpecifier;

/**
 * A PNG decoded by the JDK into its stored samples (no color conversion, no gamma, no ICC, no
 * {@code tRNS} applied by the JDK), then turned into 8-bit RGBA here:
 *
 * <ul>
 *   <li>1, 2 and 4-bit gray scale exactly to 0..255 ({@code v * 255 / (2^bits - 1)}: 2-bit 1 is
 *       85).
 *   <li>16-bit samples are rounded to the nearest 8-bit value, {@code (v * 255 + 32767) / 65535}
 *       (not truncated to the high byte: {@code 0x01FF} becomes 2, not 1).
 *   <li>Palette indices look up PLTE, and alpha in tRNS (255 for entries beyond it); an index past
 *       the palette is an error naming the pixel.
 *   <li>A tRNS key color (gray or RGB) makes the pixels whose raw samples equal it fully
 *       transparent; all others are opaque.
 * </ul>
 */
final class PngImage implements DecodedImage {

  private final String path;
  private final PngHeader header;
  private final Raster raster;
  private final int[] samples;

  private PngImage(String path, PngHeader header, Raster raster) {
    this.path = path;
    this.header = header;
    this.raster = raster;
    this.samples = new int[raster.getWidth() * header.channels()];
  }

  static PngImage decode(String path, byte[] bytes) throws ProcessingException {
    PngHeader header = PngHeader.read(path, bytes);
    DecodedImage.checkSize(path, "PNG", header.width, header.height);
    BufferedImage image = ImageIoDecoder.PNG.decode(path, bytes, offered -> storedSamples(offered, header));
    if (image.getWidth() != header.width || image.getHeight() != header.height) {
      throw ProcessingException.inFile(path, "the PNG decodes to a size other than its header"
          + " gives; the file is damaged, re-export it");
    }
    return new PngImage(path, header, image.getRaster());
  }

  /** The offered layout that holds the samples as stored: one band each, at the file's depth. */
  private static ImageTypeSpecifier storedSamples(List<ImageTypeSpecifier> offered, PngHeader header) {
    for (ImageTypeSpecifier type : offered) {
      SampleModel model = type.getSampleModel();
      if (model.getNumBands() != header.channels()) {
        continue;
      }
      boolean sameDepth = true;
      for (int band = 0; band < model.getNumBands(); band++) {
        sameDepth &= model.getSampleSize(band) == header.bitDepth;
      }
      if (sameDepth) {
        return type;
      }
    }
    return null;
  }

  @Override
  public int width() {
    return raster.getWidth();
  }

  @Override
  public int height() {
    return raster.getHeight();
  }

  @Override
  public void row(int y, int[] rgba) throws ProcessingException {
    int width = width();
    raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, samples);
    int bits = header.bitDepth;
    int[] key = header.transparentKey;
    for (int x = 0; x < width; x++) {
      int r;
      int g;
      int b;
      int a;
      switch (header.colorType) {
        case PngHeader.GRAY: {
          int v = samples[x];
          r = g = b = to8(v, bits);
          a = key != null && v == key[0] ? 0 : 255;
          break;
        }
        case PngHeader.RGB: {
          int sr = samples[3 * x];
          int sg = samples[3 * x + 1];
          int sb = samples[3 * x + 2];
          r = to8(sr, bits);
          g = to8(sg, bits);
          b = to8(sb, bits);
          a = key != null && sr == key[0] && sg == key[1] && sb == key[2] ? 0 : 255;
          break;
        }
        case PngHeader.PALETTE: {
          int index = samples[x];
          if (index >= header.palette.length) {
            throw ProcessingException.inFile(path, String.format(Locale.ROOT,
                "pixel (%d, %d) uses palette entry %d but the palette has %d entries;"
                    + " the file is damaged, re-export it", x, y, index, header.palette.length));
          }
          int color = header.palette[index];
          r = color >>> 16;
          g = color >>> 8 & 0xFF;
          b = color & 0xFF;
          a = header.paletteAlpha.length == 0 ? 255 : header.paletteAlpha[index];
          break;
        }
        case PngHeader.GRAY_ALPHA:
          r = g = b = to8(samples[2 * x], bits);
          a = to8(samples[2 * x + 1], bits);
          break;
        default:
          r = to8(samples[4 * x], bits);
          g = to8(samples[4 * x + 1], bits);
          b = to8(samples[4 * x + 2], bits);
          a = to8(samples[4 * x + 3], bits);
      }
      rgba[4 * x] = r;
      rgba[4 * x + 1] = g;
      rgba[4 * x + 2] = b;
      rgba[4 * x + 3] = a;
    }
  }

  /** A sample of {@code bits} bits as 8 bits: exact below 8, rounded to nearest from 16. */
  static int to8(int value, int bits) {
    switch (bits) {
      case 16:
        return (value * 255 + 32767) / 65535;
      case 8:
        return value;
      default:
        return value * 255 / ((1 << bits) - 1);
    }
  }
}
