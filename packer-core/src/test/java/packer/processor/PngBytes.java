package packer.processor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes PNG files byte by byte, so tests control what encoders rarely produce: every bit depth,
 * tRNS key colors, short palettes, bad CRCs.
 *
 * <pre>{@code
 * byte[] png = PngBytes.image(2, 1, 8, PngBytes.GRAY).samples(0, 255).bytes();
 * }</pre>
 */
final class PngBytes {

  static final int GRAY = 0;
  static final int RGB = 2;
  static final int PALETTE = 3;
  static final int GRAY_ALPHA = 4;
  static final int RGBA = 6;

  private final int width;
  private final int height;
  private final int bitDepth;
  private final int colorType;
  private int[] samples = new int[0];
  private byte[] palette;
  private byte[] transparency;

  private PngBytes(int width, int height, int bitDepth, int colorType) {
    this.width = width;
    this.height = height;
    this.bitDepth = bitDepth;
    this.colorType = colorType;
  }

  static PngBytes image(int width, int height, int bitDepth, int colorType) {
    return new PngBytes(width, height, bitDepth, colorType);
  }

  /** The samples of every pixel, row by row, channel by channel, as stored (not scaled). */
  PngBytes samples(int... samples) {
    this.samples = samples.clone();
    return this;
  }

  /** PLTE entries, as 0xRRGGBB. */
  PngBytes palette(int... colors) {
    palette = new byte[3 * colors.length];
    for (int i = 0; i < colors.length; i++) {
      palette[3 * i] = (byte) (colors[i] >> 16);
      palette[3 * i + 1] = (byte) (colors[i] >> 8);
      palette[3 * i + 2] = (byte) colors[i];
    }
    return this;
  }

  /** A tRNS chunk: alphas for a palette, or the 16-bit key samples for gray and RGB. */
  PngBytes transparency(int... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int value : values) {
      if (colorType == PALETTE) {
        out.write(value);
      } else {
        out.write(value >> 8);
        out.write(value);
      }
    }
    transparency = out.toByteArray();
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(PngHeader.SIGNATURE);
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    writeInt(header, width);
    writeInt(header, height);
    header.write(bitDepth);
    header.write(colorType);
    header.write(0);
    header.write(0);
    header.write(0);
    chunk(png, "IHDR", header.toByteArray());
    if (palette != null) {
      chunk(png, "PLTE", palette);
    }
    if (transparency != null) {
      chunk(png, "tRNS", transparency);
    }
    chunk(png, "IDAT", deflate(rows()));
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private int channels() {
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

  /** Filter type 0 (none) on every row, samples packed big-endian at the bit depth. */
  private byte[] rows() {
    int perRow = width * channels();
    if (samples.length != perRow * height) {
      throw new IllegalStateException("expected " + perRow * height + " samples");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int y = 0; y < height; y++) {
      out.write(0);
      int bits = 0;
      int pending = 0;
      for (int i = 0; i < perRow; i++) {
        int sample = samples[y * perRow + i];
        if (bitDepth == 16) {
          out.write(sample >> 8);
          out.write(sample);
        } else if (bitDepth == 8) {
          out.write(sample);
        } else {
          pending = pending << bitDepth | sample;
          bits += bitDepth;
          if (bits == 8) {
            out.write(pending);
            pending = 0;
            bits = 0;
          }
        }
      }
      if (bits > 0) {
        out.write(pending << (8 - bits));
      }
    }
    return out.toByteArray();
  }

  static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    writeInt(png, data.length);
    png.writeBytes(name);
    png.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    writeInt(png, (int) crc.getValue());
  }

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater();
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }
}
