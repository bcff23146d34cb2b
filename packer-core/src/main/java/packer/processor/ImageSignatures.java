package packer.processor;

import java.nio.charset.StandardCharsets;

/** Names the format of a file that is not PNG or JPEG, so the error says what it is. */
final class ImageSignatures {

  private ImageSignatures() {}

  /** {@code " (it looks like GIF)"}, or {@code ""} when the format is not recognized. */
  static String guess(byte[] bytes) {
    String start = new String(bytes, 0, Math.min(bytes.length, 12), StandardCharsets.ISO_8859_1);
    String name;
    if (start.startsWith("\u0089PNG")) {
      name = "a damaged PNG (its signature was changed, as a line-ending conversion does;"
          + " mark *.png as binary in .gitattributes)";
    } else if (start.startsWith("GIF87a") || start.startsWith("GIF89a")) {
      name = "GIF";
    } else if (start.startsWith("BM")) {
      name = "BMP";
    } else if (start.startsWith("RIFF") && start.length() >= 12 && start.startsWith("WEBP", 8)) {
      name = "WebP";
    } else if (start.startsWith("II*\0") || start.startsWith("MM\0*")) {
      name = "TIFF";
    } else if (start.startsWith("qoif")) {
      name = "QOI";
    } else if (start.startsWith("\u00AB" + "KTX")) {
      name = "KTX";
    } else if (start.startsWith("DDS ")) {
      name = "DDS";
    } else if (start.startsWith("8BPS")) {
      name = "Photoshop (PSD)";
    } else if (start.length() >= 12 && start.startsWith("ftyp", 4)) {
      name = "HEIF/AVIF";
    } else {
      return "";
    }
    return " (it looks like " + name + ")";
  }
}
