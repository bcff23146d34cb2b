package packer.cli.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** The demo's pictures, drawn pixel by pixel from one 16-colour palette. */
final class DemoImages {

  /** The "dusk" palette, RGB; {@code dusk.pal} holds it as 48 raw bytes. */
  private static final int[] DUSK = {
      0x14121e, // 0 ink
      0x4a2a48, // 1 plum
      0xa83848, // 2 brick
      0xe0784a, // 3 ember
      0xf2c48a, // 4 skin
      0xfbe9b0, // 5 cream
      0x9ccf5a, // 6 leaf
      0x4b9a47, // 7 grass
      0x2c5e3b, // 8 moss
      0x224a6b, // 9 deep sea
      0x3f7fc2, // 10 sky
      0x86c5e8, // 11 ice
      0xf6f3ea, // 12 snow
      0xb3aaa0, // 13 stone
      0x6e6670, // 14 slate
      0x6b4428, // 15 bark
  };

  private static final int INK = 0, BRICK = 2, EMBER = 3, SKIN = 4, CREAM = 5, LEAF = 6, GRASS = 7,
      MOSS = 8, DEEP_SEA = 9, SKY = 10, ICE = 11, SNOW = 12, BARK = 15;

  /** The hero at 16x16, drawn at 2x. '.' is transparent, 'o' a half-transparent shadow. */
  private static final String[] HERO = {
      "......kkkk......",
      ".....khhhhk.....",
      "....khhhhhhk....",
      "....khsssshk....",
      "....kskssksk....",
      "....kssssssk....",
      ".....kssssk.....",
      "....krrrrrrk....",
      "...ksrrrrrrsk...",
      "...ksrryyrrsk...",
      "....krrrrrrk....",
      "....kbbbbbbk....",
      "....kbbkkbbk....",
      "....kbbk.kbbk...",
      "...kkkk..kkkk...",
      "...oooooooooo...",
  };

  private DemoImages() {}

  static byte[] paletteFile() {
    byte[] bytes = new byte[DUSK.length * 3];
    for (int i = 0; i < DUSK.length; i++) {
      bytes[3 * i] = (byte) (DUSK[i] >>> 16);
      bytes[3 * i + 1] = (byte) (DUSK[i] >>> 8);
      bytes[3 * i + 2] = (byte) DUSK[i];
    }
    return bytes;
  }

  /** A 32x32 RGBA sprite with a transparent background and a soft shadow. */
  static byte[] hero() {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
    for (int row = 0; row < HERO.length; row++) {
      if (HERO[row].length() != 16) {
        throw new IllegalStateException("hero row " + row + " is not 16 pixels wide");
      }
      for (int col = 0; col < 16; col++) {
        int argb = heroPixel(HERO[row].charAt(col));
        for (int dy = 0; dy < 2; dy++) {
          for (int dx = 0; dx < 2; dx++) {
            image.setRGB(2 * col + dx, 2 * row + dy, argb);
          }
        }
      }
    }
    return png(image);
  }

  private static int heroPixel(char c) {
    switch (c) {
      case '.': return 0;
      case 'o': return 0x50 << 24 | DUSK[INK];
      case 'k': return opaque(INK);
      case 'h': return opaque(BARK);
      case 's': return opaque(SKIN);
      case 'r': return opaque(BRICK);
      case 'y': return opaque(CREAM);
      case 'b': return opaque(DEEP_SEA);
      default: throw new IllegalArgumentException("no colour for '" + c + "' in the hero");
    }
  }

  /** A 64x64 opaque grass tile: seeded noise, blades and a few flowers. */
  static byte[] grass() {
    Random random = new Random(0x67726173L); // "gras"
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    int[] ground = {GRASS, GRASS, GRASS, GRASS, GRASS, MOSS, LEAF};
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, DUSK[ground[random.nextInt(ground.length)]]);
      }
    }
    for (int blade = 0; blade < 48; blade++) {
      int x = random.nextInt(64);
      int y = random.nextInt(64);
      int length = 3 + random.nextInt(3);
      for (int i = 0; i < length; i++) {
        // Wraps around, so the tile repeats without seams.
        image.setRGB(x, Math.floorMod(y - i, 64), DUSK[i == length - 1 ? LEAF : MOSS]);
      }
    }
    for (int flower = 0; flower < 5; flower++) {
      int x = random.nextInt(64);
      int y = random.nextInt(64);
      int petal = DUSK[flower % 2 == 0 ? CREAM : EMBER];
      image.setRGB(Math.floorMod(x - 1, 64), y, petal);
      image.setRGB(Math.floorMod(x + 1, 64), y, petal);
      image.setRGB(x, Math.floorMod(y - 1, 64), petal);
      image.setRGB(x, Math.floorMod(y + 1, 64), petal);
      image.setRGB(x, y, DUSK[SNOW]);
    }
    return png(image);
  }

  /** A 48x16 RGBA button: rounded corners with soft edges, a vertical gradient, a highlight. */
  static byte[] button() {
    int width = 48;
    int height = 16;
    double radius = 4.5;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        // Distance from the pixel centre to the rounded rectangle's inner core.
        double px = x + 0.5;
        double py = y + 0.5;
        double dx = Math.max(Math.max(radius - px, px - (width - radius)), 0);
        double dy = Math.max(Math.max(radius - py, py - (height - radius)), 0);
        double outside = StrictMath.sqrt(dx * dx + dy * dy) - radius;
        double coverage = Math.min(1, Math.max(0, 0.5 - outside));
        if (coverage == 0) {
          continue;
        }
        int rgb;
        if (outside > -1) {
          rgb = DUSK[INK];
        } else if (y == 1 || y == 2 && outside > -2) {
          rgb = DUSK[ICE];
        } else {
          rgb = mix(DUSK[SKY], DUSK[DEEP_SEA], (y - 2) / (double) (height - 4));
        }
        int alpha = (int) Math.round(coverage * 255);
        image.setRGB(x, y, alpha << 24 | rgb);
      }
    }
    return png(image);
  }

  /** A 64x48 JPEG: a cup of coffee on a saucer before a warm wall, with steam. */
  static byte[] cafeMenu() {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        int rgb = mix(DUSK[EMBER], DUSK[BARK], y / 47.0);
        double handleX = (x - 46) / 5.0;
        double handleY = (y - 27) / 4.5;
        double handle = handleX * handleX + handleY * handleY;
        if (y >= 36 && y <= 40 && Math.abs(x - 32) <= 22 - (y - 36)) {
          rgb = DUSK[SNOW]; // saucer
        } else if (y >= 20 && y < 36 && Math.abs(x - 32) <= 14 - (y - 20) / 4) {
          rgb = y < 23 ? DUSK[BARK] : DUSK[CREAM]; // coffee, then the cup
        } else if (handle > 0.45 && handle < 1.0 && x > 43) {
          rgb = DUSK[CREAM]; // handle
        }
        double steam = 32 + 3 * StrictMath.sin(y / 2.5);
        if (y < 17 && y > 3 && Math.abs(x - steam) < 1.2) {
          rgb = mix(rgb, DUSK[SNOW], 0.6);
        }
        image.setRGB(x, y, rgb);
      }
    }
    return jpeg(image, 0.85f);
  }

  private static int opaque(int paletteIndex) {
    return 0xff << 24 | DUSK[paletteIndex];
  }

  private static int mix(int from, int to, double t) {
    int rgb = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int a = from >>> shift & 0xff;
      int b = to >>> shift & 0xff;
      rgb |= (int) Math.round(a + (b - a) * t) << shift;
    }
    return rgb;
  }

  /**
   * PNG through ImageIO with deflate level 0 (compression quality 1.0): stored blocks are the
   * same bytes whatever zlib the JDK uses, where compressed ones differ between zlib versions.
   */
  private static byte[] png(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(1.0f);
    return encode(writer, image, param);
  }

  private static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    return encode(writer, image, param);
  }

  private static byte[] encode(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
