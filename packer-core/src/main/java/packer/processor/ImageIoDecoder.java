package packer.processor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes with one of the JDK's own ImageIO readers, chosen by class so that a third-party reader
 * on the class path can never change the pixels, reading from memory (no cache files) and treating
 * every decoder warning (a truncated or corrupt file) as an error.
 */
final class ImageIoDecoder {

  static final ImageIoDecoder PNG =
      new ImageIoDecoder("png", "PNG", "com.sun.imageio.plugins.png.PNGImageReader");
  static final ImageIoDecoder JPEG =
      new ImageIoDecoder("jpeg", "JPEG", "com.sun.imageio.plugins.jpeg.JPEGImageReader");

  /** Picks the decoded layout among those the reader offers; null when none fits. */
  interface TypeChoice {
    ImageTypeSpecifier choose(List<ImageTypeSpecifier> offered);
  }

  private final String format;
  private final String name;
  private final String readerClass;

  private ImageIoDecoder(String format, String name, String readerClass) {
    this.format = format;
    this.name = name;
    this.readerClass = readerClass;
  }

  BufferedImage decode(String path, byte[] bytes, TypeChoice choice) throws ProcessingException {
    ImageReader reader = newReader();
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      List<ImageTypeSpecifier> offered = new ArrayList<>();
      reader.getImageTypes(0).forEachRemaining(offered::add);
      ImageTypeSpecifier type = choice.choose(offered);
      if (type == null) {
        throw ProcessingException.inFile(path, "the JDK cannot decode this " + name
            + " to plain samples; save it as 8-bit RGB or RGBA");
      }
      ImageReadParam param = reader.getDefaultReadParam();
      param.setDestinationType(type);
      BufferedImage image = reader.read(0, param);
      if (!warnings.isEmpty()) {
        throw ProcessingException.inFile(path, "the " + name + " is damaged (" + oneLine(warnings.get(0))
            + "); re-export it");
      }
      return image;
    } catch (IOException e) {
      throw ProcessingException.inFile(path, "cannot decode the " + name + " ("
          + oneLine(String.valueOf(e.getMessage())) + "); re-export it");
    } catch (RuntimeException e) {
      // ImageIO's decoders answer some malformed files with unchecked exceptions; they are still
      // a bad input, not a bug in the build.
      throw ProcessingException.inFile(path, "cannot decode the " + name + " ("
          + e.getClass().getSimpleName() + "); the file is damaged, re-export it");
    } finally {
      reader.dispose();
    }
  }

  private ImageReader newReader() {
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
      ImageReader reader = it.next();
      if (reader.getClass().getName().equals(readerClass)) {
        return reader;
      }
      reader.dispose();
    }
    throw new IllegalStateException("the JDK's " + name + " decoder (" + readerClass
        + ") is missing; packer needs a JDK with the java.desktop module");
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s+", " ").trim();
  }
}
