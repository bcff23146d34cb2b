package packer.processor;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * A JPEG decoded by the JDK's libjpeg to 8-bit gray or RGB (libjpeg's integer YCbCr conversion and
 * integer IDCT), after the checks of {@link JpegHeader}; every pixel is opaque.
 */
final class JpegImage implements DecodedImage {

  private final Raster raster;
  private final boolean gray;
  private final int[] samples;

  private JpegImage(Raster raster, boolean gray) {
    this.raster = raster;
    this.gray = gray;
    this.samples = new int[raster.getWidth() * raster.getNumBands()];
  }

  static JpegImage decode(String path, byte[] bytes) throws ProcessingException {
    JpegHeader header = JpegHeader.read(path, bytes);
    DecodedImage.checkSize(path, "JPEG", header.width, header.height);
    BufferedImage image = ImageIoDecoder.JPEG.decode(
        path, header.withoutIccProfile(bytes), offered -> offered.isEmpty() ? null : offered.get(0));
    int bands = image.getRaster().getNumBands();
    int space = image.getColorModel().getColorSpace().getType();
    boolean gray = bands == 1 && space == ColorSpace.TYPE_GRAY;
    boolean rgb = bands == 3 && space == ColorSpace.TYPE_RGB;
    boolean eightBit = image.getSampleModel().getSampleSize(0) == 8;
    if (!(gray && header.components == 1 || rgb && header.components == 3) || !eightBit
        || image.getColorModel().hasAlpha()
        || image.getWidth() != header.width || image.getHeight() != header.height) {
      throw ProcessingException.inFile(path, "the JDK decodes this JPEG to an unexpected layout;"
          + " save it as a baseline 8-bit RGB JPEG, or as PNG");
    }
    return new JpegImage(image.getRaster(), gray);
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
  public void row(int y, int[] rgba) {
    int width = width();
    raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, samples);
    for (int x = 0; x < width; x++) {
      if (gray) {
        rgba[4 * x] = rgba[4 * x + 1] = rgba[4 * x + 2] = samples[x];
      } else {
        rgba[4 * x] = samples[3 * x];
        rgba[4 * x + 1] = samples[3 * x + 1];
        rgba[4 * x + 2] = samples[3 * x + 2];
      }
      rgba[4 * x + 3] = 255;
    }
  }
}
