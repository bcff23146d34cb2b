package packer.processor;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * What packer takes from a PNG's chunks itself rather than from the decoder: the header, the
 * palette and the transparency, after checking the chunk structure and every CRC.
 *
 * <p>The JDK's decoder ignores CRCs, and how it applies {@code tRNS} has changed between JDK
 * releases; reading these here keeps the pixels the same whichever JDK runs the build.
 */
final class PngHeader {

  static final int GRAY = 0;
  static final int RGB = 2;
  static final int PALETTE = 3;
  static final int GRAY_ALPHA = 4;
  static final int RGBA = 6;

  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  final long width;
  final long height;
  final int bitDepth;
  final int colorType;
  /** Palette entries as 0xRRGGBB, or empty. */
  final int[] palette;
  /** Alpha per palette entry (255 beyond the tRNS entries), or empty. */
  final int[] paletteAlpha;
  /** The transparent gray or RGB key, as raw samples, or null when there is none. */
  final int[] transparentKey;

  private PngHeader(long width, long height, int bitDepth, int colorType, int[] palette,
      int[] paletteAlpha, int[] transparentKey) {
    this.width = width;
    this.height = height;
    this.bitDepth = bitDepth;
    this.colorType = colorType;
    this.palette = palette;
    this.paletteAlpha = paletteAlpha;
    this.transparentKey = transparentKey;
  }

  /** Samples per pixel as stored: 1, 2, 3 or 4. */
  int channels() {
    switch (colorType) {
      case RGB:
        return 3;
      case GRAY_ALPHA:
        return 2;
      case RGBA:
        return 4;
      default:
        return 1;
    }
  }

  static PngHeader read(String path, byte[] bytes) throws ProcessingException {
    long width = 0;
    long height = 0;
    int bitDepth = 0;
    int colorType = -1;
    int[] palette = new int[0];
    int[] paletteAlpha = new int[0];
    int[] key = null;
    boolean sawData = false;
    int offset = SIGNATURE.length;
    CRC32 crc = new CRC32();
    while (true) {
      if (offset + 8 > bytes.length) {
        throw ProcessingException.atByte(path, Math.min(offset, bytes.length),
            "the PNG ends before its IEND chunk: the file is truncated; re-export it");
      }
      long length = readUint32(bytes, offset);
      String type = new String(bytes, offset + 4, 4, StandardCharsets.ISO_8859_1);
      if (length > bytes.length - offset - 12L) {
        throw ProcessingException.atByte(path, offset, "PNG chunk " + printable(type)
            + " runs past the end of the file: the file is truncated; re-export it");
      }
      int data = offset + 8;
      int size = (int) length;
      crc.reset();
      crc.update(bytes, offset + 4, 4 + size);
      if (crc.getValue() != readUint32(bytes, data + size)) {
        throw ProcessingException.atByte(path, offset, "PNG chunk " + printable(type)
            + " has a wrong CRC: the file is damaged (a line-ending or text-mode conversion does"
            + " this; mark *.png as binary in .gitattributes); re-export it");
      }
      if (offset == SIGNATURE.length && !type.equals("IHDR")) {
        throw ProcessingException.atByte(path, offset, "the PNG does not start with an IHDR chunk;"
            + " the file is damaged, re-export it");
      }
      switch (type) {
        case "IHDR":
          if (offset != SIGNATURE.length || size != 13) {
            throw malformed(path, offset, "IHDR chunk must come first, once, with 13 bytes");
          }
          width = readUint32(bytes, data);
          height = readUint32(bytes, data + 4);
          bitDepth = bytes[data + 8] & 0xFF;
          colorType = bytes[data + 9] & 0xFF;
          if (!validDepth(colorType, bitDepth)) {
            throw malformed(path, offset, "color type " + colorType + " with bit depth " + bitDepth
                + " is not a PNG format");
          }
          if (bytes[data + 10] != 0 || bytes[data + 11] != 0 || (bytes[data + 12] & 0xFF) > 1) {
            throw malformed(path, offset, "unknown compression, filter or interlace method");
          }
          break;
        case "PLTE":
          if (sawData || palette.length > 0 || size % 3 != 0 || size == 0 || size > 3 * 256
              || colorType == GRAY || colorType == GRAY_ALPHA
              || colorType == PALETTE && size / 3 > 1 << bitDepth) {
            throw malformed(path, offset, "misplaced or malformed PLTE chunk");
          }
          palette = new int[size / 3];
          for (int i = 0; i < palette.length; i++) {
            palette[i] = (bytes[data + 3 * i] & 0xFF) << 16 | (bytes[data + 3 * i + 1] & 0xFF) << 8
                | bytes[data + 3 * i + 2] & 0xFF;
          }
          break;
        case "tRNS":
          if (sawData || paletteAlpha.length > 0 || key != null) {
            throw malformed(path, offset, "misplaced or repeated tRNS chunk");
          }
          if (colorType == PALETTE && palette.length > 0 && size <= palette.length) {
            paletteAlpha = new int[palette.length];
            for (int i = 0; i < palette.length; i++) {
              paletteAlpha[i] = i < size ? bytes[data + i] & 0xFF : 255;
            }
          } else if (colorType == GRAY && size == 2) {
            key = new int[] {readUint16(bytes, data)};
          } else if (colorType == RGB && size == 6) {
            key = new int[] {
              readUint16(bytes, data), readUint16(bytes, data + 2), readUint16(bytes, data + 4)
            };
          } else {
            throw malformed(path, offset, "tRNS chunk does not fit the color type");
          }
          break;
        case "IDAT":
          if (colorType == PALETTE && palette.length == 0) {
            throw malformed(path, offset, "a palette image needs a PLTE chunk before its data");
          }
          sawData = true;
          break;
        case "IEND":
          if (!sawData) {
            throw malformed(path, offset, "the PNG has no IDAT chunk");
          }
          return new PngHeader(width, height, bitDepth, colorType, palette, paletteAlpha, key);
        default:
          if (!type.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')
              || type.charAt(0) <= 'Z') {
            throw malformed(path, offset, "unknown critical chunk " + printable(type));
          }
      }
      offset = data + size + 4;
    }
  }

  private static boolean validDepth(int colorType, int bitDepth) {
    switch (colorType) {
      case GRAY:
        return bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
      case PALETTE:
        return bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
      case RGB:
      case GRAY_ALPHA:
      case RGBA:
        return bitDepth == 8 || bitDepth == 16;
      default:
        return false;
    }
  }

  private static ProcessingException malformed(String path, int offset, String what) {
    return ProcessingException.atByte(path, offset,
        "the PNG is malformed: " + what + "; re-export it");
  }

  private static String printable(String type) {
    return type.chars().allMatch(c -> c >= 0x21 && c < 0x7F) ? type : "(unreadable name)";
  }

  private static long readUint32(byte[] bytes, int at) {
    return (bytes[at] & 0xFFL) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
        | bytes[at + 3] & 0xFF;
  }

  private static int readUint16(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
  }
}
