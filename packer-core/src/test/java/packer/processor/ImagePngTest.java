package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PNG decoding: every color type and depth, applied by packer's own per-pixel code. */
class ImagePngTest {

  @Test
  void grayOf1BitScalesTo0And255() throws Exception {
    byte[] png = PngBytes.image(3, 1, 1, PngBytes.GRAY).samples(0, 1, 0).bytes();

    assertThat(Images.pixels(Images.process(png, "{\"format\": \"gray8\"}"))).containsExactly(0, 255, 0);
  }

  @Test
  void grayOf2And4BitsScalesExactly() throws Exception {
    byte[] two = PngBytes.image(4, 1, 2, PngBytes.GRAY).samples(0, 1, 2, 3).bytes();
    byte[] four = PngBytes.image(3, 1, 4, PngBytes.GRAY).samples(1, 7, 15).bytes();

    assertThat(Images.pixels(Images.process(two, "{\"format\": \"gray8\"}"))).containsExactly(0, 85, 170, 255);
    assertThat(Images.pixels(Images.process(four, "{\"format\": \"gray8\"}"))).containsExactly(17, 119, 255);
  }

  @Test
  void grayBecomesEqualRgbChannelsAndOpaqueAlpha() throws Exception {
    byte[] png = PngBytes.image(1, 1, 8, PngBytes.GRAY).samples(77).bytes();

    assertThat(Images.pixels(Images.process(png))).containsExactly(77, 77, 77, 255);
  }

  @Test
  void sixteenBitSamplesRoundToNearestRatherThanKeepingTheHighByte() throws Exception {
    // 0x01FF is 1.99 in 8 bits: rounds to 2 (its high byte would say 1); 0x8080 is exactly 128;
    // 0x0081 is 0.502 and 0xFF7E 254.498.
    byte[] png = PngBytes.image(2, 1, 16, PngBytes.RGBA)
        .samples(0x01FF, 0x8080, 0xFFFF, 0x0081, 0x0000, 0x007F, 0xFF7E, 0xFFFF).bytes();

    assertThat(Images.pixels(Images.process(png))).containsExactly(2, 128, 255, 1, 0, 0, 254, 255);
  }

  @Test
  void sixteenBitGrayWithAlphaRoundsBoth() throws Exception {
    byte[] png = PngBytes.image(1, 1, 16, PngBytes.GRAY_ALPHA).samples(0x01FF, 0x8080).bytes();

    assertThat(Images.pixels(Images.process(png))).containsExactly(2, 2, 2, 128);
  }

  @Test
  void everySixteenBitValueRoundsToTheNearestEightBitOne() {
    for (int v = 0; v < 65536; v++) {
      assertThat(PngImage.to8(v, 16)).isEqualTo((int) Math.round(v * 255.0 / 65535.0));
    }
  }

  @Test
  void paletteEntriesAndTheirTransparencyAreLookedUp() throws Exception {
    byte[] png = PngBytes.image(3, 1, 2, PngBytes.PALETTE)
        .palette(0xFF0000, 0x00FF00, 0x0000FF).transparency(0, 128).samples(2, 1, 0).bytes();

    // Entry 2 lies beyond the two tRNS values: opaque.
    assertThat(Images.pixels(Images.process(png))).containsExactly(0, 0, 255, 255, 0, 255, 0, 128, 255, 0, 0, 0);
  }

  @Test
  void aPaletteImageWrittenByImageIoDecodesToItsColors() throws Exception {
    IndexColorModel colors = new IndexColorModel(8, 2, new byte[] {10, (byte) 200},
        new byte[] {20, (byte) 210}, new byte[] {30, (byte) 220}, new byte[] {(byte) 255, 64});
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, colors);
    image.getRaster().setSample(1, 0, 0, 1);

    assertThat(Images.pixels(Images.process(Images.png(image)))).containsExactly(10, 20, 30, 255, 200, 210, 220, 64);
  }

  @Test
  void aPaletteIndexPastThePaletteIsAnErrorNamingThePixel() {
    byte[] png = PngBytes.image(2, 2, 8, PngBytes.PALETTE).palette(0x000000, 0xFFFFFF)
        .samples(0, 1, 1, 5).bytes();

    ProcessingException e = Images.failure(png);

    assertThat(e.path()).contains("art/picture.img");
    assertThat(e.getMessage()).startsWith("pixel (1, 1) uses palette entry 5 but the palette has 2 entries");
  }

  @Test
  void aGrayKeyColorMakesMatchingPixelsTransparent() throws Exception {
    byte[] png = PngBytes.image(3, 1, 4, PngBytes.GRAY).transparency(7).samples(7, 8, 15).bytes();

    assertThat(Images.pixels(Images.process(png))).containsExactly(119, 119, 119, 0, 136, 136, 136, 255, 255, 255, 255, 255);
  }

  @Test
  void anRgbKeyColorMakesMatchingPixelsTransparent() throws Exception {
    byte[] png = PngBytes.image(2, 1, 16, PngBytes.RGB).transparency(0x1234, 0, 0xFFFF)
        .samples(0x1234, 0, 0xFFFF, 0x1234, 1, 0xFFFF).bytes();

    assertThat(Images.pixels(Images.process(png))).containsExactly(18, 0, 255, 0, 18, 0, 255, 255);
  }

  @Test
  void anInterlacedPngDecodesToTheSamePixelsAsAPlainOne() throws Exception {
    BufferedImage image = randomRgba(new Random(1), 13, 11);

    assertThat(Images.process(Images.png(image, true))).isEqualTo(Images.process(Images.png(image, false)));
  }

  @Test
  void rgbaPixelsRoundTripExactlyThroughPng() throws Exception {
    Random random = new Random(2);
    for (int round = 0; round < 20; round++) {
      BufferedImage image = randomRgba(random, 1 + random.nextInt(40), 1 + random.nextInt(40));
      int[] expected = image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);

      assertThat(Images.pixels(Images.process(Images.png(image)))).containsExactly(expected);
    }
  }

  @Test
  void aWrongCrcIsAnErrorAtItsChunk() {
    byte[] png = PngBytes.image(1, 1, 8, PngBytes.GRAY).samples(1).bytes();
    png[png.length - 20] ^= 1; // Inside the IDAT data.

    ProcessingException e = Images.failure(png);

    assertThat(e.byteOffset()).hasValue(33);
    assertThat(e.getMessage()).contains("PNG chunk IDAT has a wrong CRC", ".gitattributes");
  }

  @Test
  void aPngCutShortIsReportedAsTruncated() {
    byte[] png = PngBytes.image(8, 8, 8, PngBytes.RGB).samples(new int[8 * 8 * 3]).bytes();

    ProcessingException e = Images.failure(Arrays.copyOf(png, png.length - 20));

    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void aPngWhoseDataDoesNotInflateIsAnError() {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(PngHeader.SIGNATURE);
    PngBytes.chunk(png, "IHDR", new byte[] {0, 0, 0, 4, 0, 0, 0, 4, 8, 0, 0, 0, 0});
    PngBytes.chunk(png, "IDAT", new byte[] {1, 2, 3, 4, 5, 6});
    PngBytes.chunk(png, "IEND", new byte[0]);

    ProcessingException e = Images.failure(png.toByteArray());

    assertThat(e.getMessage()).startsWith("cannot decode the PNG").endsWith("re-export it");
  }

  @Test
  void aPngOverTheSideLimitIsRefusedBeforeDecoding() {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(PngHeader.SIGNATURE);
    // 20000 x 1: no pixel data at all, so decoding would fail if it were tried.
    PngBytes.chunk(png, "IHDR", new byte[] {0, 0, 0x4E, 0x20, 0, 0, 0, 1, 8, 0, 0, 0, 0});
    PngBytes.chunk(png, "IDAT", new byte[0]);
    PngBytes.chunk(png, "IEND", new byte[0]);

    assertThat(Images.failure(png.toByteArray()).getMessage())
        .startsWith("the image is 20000x1 pixels; the limit is 16384 pixels on a side");
  }

  @Test
  void aPngOverThePixelLimitIsRefused() {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(PngHeader.SIGNATURE);
    // 10000 x 10000 = 100 M pixels > 64 Mi.
    PngBytes.chunk(png, "IHDR", new byte[] {0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10, 8, 6, 0, 0, 0});
    PngBytes.chunk(png, "IDAT", new byte[0]);
    PngBytes.chunk(png, "IEND", new byte[0]);

    assertThat(Images.failure(png.toByteArray()).getMessage()).contains("67108864 pixels in all");
  }

  @Test
  void anUnknownCriticalChunkIsAnError() {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    byte[] good = PngBytes.image(1, 1, 8, PngBytes.GRAY).samples(1).bytes();
    png.write(good, 0, 33); // Signature and IHDR.
    PngBytes.chunk(png, "ZZZZ", new byte[] {1});
    png.write(good, 33, good.length - 33);

    assertThat(Images.failure(png.toByteArray()).getMessage()).contains("unknown critical chunk ZZZZ");
  }

  @Test
  void ancillaryChunksLikeGammaAreIgnored() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    byte[] good = PngBytes.image(1, 1, 8, PngBytes.GRAY).samples(100).bytes();
    png.write(good, 0, 33);
    PngBytes.chunk(png, "gAMA", new byte[] {0, 0, (byte) 0xAF, (byte) 0xC8});
    png.write(good, 33, good.length - 33);

    assertThat(Images.pixels(Images.process(png.toByteArray()))).containsExactly(100, 100, 100, 255);
  }

  @Test
  void aPngSignatureMangledByLineEndingConversionIsNamed() {
    byte[] png = PngBytes.image(1, 1, 8, PngBytes.GRAY).samples(1).bytes();
    byte[] mangled = new byte[png.length - 1];
    System.arraycopy(png, 0, mangled, 0, 4);
    System.arraycopy(png, 5, mangled, 4, png.length - 5); // \r\n became \n.

    assertThat(Images.failure(mangled).getMessage()).contains("damaged PNG", ".gitattributes");
  }

  static BufferedImage randomRgba(Random random, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setPixel(x, y, new int[] {
          random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(256)
        });
      }
    }
    return image;
  }
}
