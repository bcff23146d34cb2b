package packer.processor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Type {@code image}: one PNG or JPEG file (told apart by its signature, not its name) decoded to
 * raw pixels that are the same on every machine.
 *
 * <h2>Entry layout (version 1)</h2>
 *
 * <p>All integers little-endian.
 *
 * <pre>
 * offset size  field
 *      0    5  magic, ASCII "PKIMG"
 *      5    1  layout version: 1
 *      6    1  pixel format: 1 = rgba8, 2 = rgb8, 3 = gray8
 *      7    1  flags: bit 0 = alpha is premultiplied (only with rgba8); other bits 0
 *      8    4  width in pixels, uint32, 1..16384
 *     12    4  height in pixels, uint32, 1..16384
 *     16    …  pixels: rows top to bottom, each row left to right, no padding between rows;
 *              one byte per channel: R G B A (rgba8), R G B (rgb8), Y (gray8)
 * </pre>
 *
 * <p>The entry is exactly {@code 16 + width * height * channels} bytes, so pixel data starts
 * 16-byte aligned when the entry is.
 *
 * <h2>Pixel values</h2>
 *
 * <ul>
 *   <li>Samples are taken as stored in the file: color profiles (PNG iCCP, sRGB, gAMA, cHRM; JPEG
 *       ICC) and JPEG EXIF orientation are ignored. Save images in sRGB, upright.
 *   <li>PNG: every color type and bit depth. 1, 2 and 4-bit gray scale exactly to 0..255; 16-bit
 *       samples round to nearest, {@code (v * 255 + 32767) / 65535}; palette entries and tRNS
 *       alpha and key colors are applied by packer, not the JDK (see {@link PngImage}).
 *   <li>JPEG: 8-bit gray or YCbCr/RGB, baseline or progressive, decoded by the JDK's libjpeg;
 *       encodings that JPEG libraries decode differently are refused (see {@link JpegHeader}).
 *   <li>{@code rgb8} drops alpha. {@code gray8} from a color image is the integer BT.601 luma of
 *       the stored values, {@code (299 R + 587 G + 114 B + 500) / 1000}, so gray stays exact.
 *   <li>Premultiplied: each of R, G, B becomes {@code (c * a + 127) / 255}, c times a over 255
 *       rounded to nearest.
 * </ul>
 *
 * <h2>Params</h2>
 *
 * <ul>
 *   <li>{@code "format"}: {@code "rgba8"} (default), {@code "rgb8"} or {@code "gray8"}.
 *   <li>{@code "premultiplied"}: {@code false} (default) or {@code true}, with {@code rgba8} only.
 * </ul>
 *
 * <p>Images over 16384 pixels on a side or 64 Mi pixels (256 MiB as rgba8) are refused from their
 * header, before decoding.
 */
final class ImageProcessor implements Processor {

  static final String TYPE = "image";
  static final String FORMAT = "format";
  static final String PREMULTIPLIED = "premultiplied";
  static final int LAYOUT_VERSION = 1;
  static final int HEADER_SIZE = 16;
  static final byte[] MAGIC = {'P', 'K', 'I', 'M', 'G'};

  private static final ParamSchema PARAMS = ParamSchema.none(TYPE)
      .choice(FORMAT, PixelFormat.RGBA8.param(), PixelFormat.RGB8.param(), PixelFormat.GRAY8.param())
      .flag(PREMULTIPLIED, false);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<ParamProblem> checkParams(JsonNode params) {
    List<ParamProblem> problems = new ArrayList<>(PARAMS.check(params));
    if (problems.isEmpty() && PARAMS.flag(params, PREMULTIPLIED)
        && !PixelFormat.named(PARAMS.choice(params, FORMAT)).hasAlpha()) {
      problems.add(ParamProblem.at(PREMULTIPLIED, "\"premultiplied\" needs an alpha channel, and "
          + "format \"" + PARAMS.choice(params, FORMAT) + "\" has none: use format \"rgba8\" or"
          + " remove \"premultiplied\""));
    }
    return problems;
  }

  @Override
  public byte[] process(ProcessorInput input) throws ProcessingException {
    JsonNode params = input.params();
    List<ParamProblem> problems = checkParams(params);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("params of an image asset were not checked: "
          + problems.get(0).message());
    }
    PixelFormat format = PixelFormat.named(PARAMS.choice(params, FORMAT));
    boolean premultiplied = PARAMS.flag(params, PREMULTIPLIED);
    InputFile file = input.onlyFile();
    return encode(decode(file.path(), file.sharedBytes()), format, premultiplied);
  }

  private static DecodedImage decode(String path, byte[] bytes) throws ProcessingException {
    if (startsWith(bytes, PngHeader.SIGNATURE)) {
      return PngImage.decode(path, bytes);
    }
    if (startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
      return JpegImage.decode(path, bytes);
    }
    throw ProcessingException.inFile(path, "not a PNG or JPEG file" + ImageSignatures.guess(bytes)
        + "; convert it to PNG");
  }

  static byte[] encode(DecodedImage image, PixelFormat format, boolean premultiplied)
      throws ProcessingException {
    int width = image.width();
    int height = image.height();
    int channels = format.channels();
    byte[] out = new byte[Math.toIntExact(HEADER_SIZE + (long) width * height * channels)];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[5] = LAYOUT_VERSION;
    out[6] = (byte) format.code();
    out[7] = (byte) (premultiplied ? 1 : 0);
    writeUint32(out, 8, width);
    writeUint32(out, 12, height);
    int[] rgba = new int[4 * width];
    int at = HEADER_SIZE;
    for (int y = 0; y < height; y++) {
      image.row(y, rgba);
      for (int x = 0; x < width; x++) {
        int r = rgba[4 * x];
        int g = rgba[4 * x + 1];
        int b = rgba[4 * x + 2];
        int a = rgba[4 * x + 3];
        switch (format) {
          case RGBA8:
            if (premultiplied) {
              r = (r * a + 127) / 255;
              g = (g * a + 127) / 255;
              b = (b * a + 127) / 255;
            }
            out[at++] = (byte) r;
            out[at++] = (byte) g;
            out[at++] = (byte) b;
            out[at++] = (byte) a;
            break;
          case RGB8:
            out[at++] = (byte) r;
            out[at++] = (byte) g;
            out[at++] = (byte) b;
            break;
          case GRAY8:
            out[at++] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
            break;
        }
      }
    }
    return out;
  }

  private static void writeUint32(byte[] out, int at, int value) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >>> 8);
    out[at + 2] = (byte) (value >>> 16);
    out[at + 3] = (byte) (value >>> 24);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
