package packer.processor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Image fixtures: files made with ImageIO or read from test resources, and entry accessors. */
final class Images {

  private Images() {}

  static byte[] process(byte[] file, String params) throws ProcessingException {
    return new ImageProcessor().process(Inputs.of("art/picture.img", file).params(params).build());
  }

  static byte[] process(byte[] file) throws ProcessingException {
    return process(file, "{}");
  }

  static ProcessingException failure(byte[] file) {
    try {
      process(file);
    } catch (ProcessingException e) {
      return e;
    }
    throw new AssertionError("expected a ProcessingException");
  }

  /** The pixel bytes of an entry, unsigned, without its 16-byte header. */
  static int[] pixels(byte[] entry) {
    int[] pixels = new int[entry.length - ImageProcessor.HEADER_SIZE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = entry[ImageProcessor.HEADER_SIZE + i] & 0xFF;
    }
    return pixels;
  }

  static byte[] header(byte[] entry) {
    return Arrays.copyOf(entry, ImageProcessor.HEADER_SIZE);
  }

  /** {@code image} as PNG, written by ImageIO; interlaced (Adam7) when asked. */
  static byte[] png(BufferedImage image, boolean interlaced) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, null), param);
      }
      writer.dispose();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] png(BufferedImage image) {
    return png(image, false);
  }

  /** A 2x2 straight-alpha RGBA image: red, half-transparent green; invisible blue, dim gray-blue. */
  static BufferedImage rgba2x2() {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_4BYTE_ABGR);
    image.getRaster().setPixel(0, 0, new int[] {255, 0, 0, 255});
    image.getRaster().setPixel(1, 0, new int[] {0, 255, 0, 128});
    image.getRaster().setPixel(0, 1, new int[] {0, 0, 255, 0});
    image.getRaster().setPixel(1, 1, new int[] {10, 20, 30, 40});
    return image;
  }

  static byte[] resource(String name) {
    try (InputStream in = Images.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
