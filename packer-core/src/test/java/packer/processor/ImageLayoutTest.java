package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The raw entry layout and the pixel formats, on PNGs made with ImageIO. */
class ImageLayoutTest {

  @Test
  void isTypeImageVersionOne() {
    Processor image = new ImageProcessor();
    assertThat(image.type()).isEqualTo("image");
    assertThat(image.version()).isEqualTo(1);
  }

  @Test
  void rgba8IsTheDefaultAndTheEntryIsTheHeaderThenRowsTopToBottom() throws Exception {
    byte[] entry = Images.process(Images.png(Images.rgba2x2()));

    assertThat(entry).containsExactly(
        'P', 'K', 'I', 'M', 'G', 1, 1, 0,
        2, 0, 0, 0,
        2, 0, 0, 0,
        (byte) 255, 0, 0, (byte) 255, 0, (byte) 255, 0, (byte) 128,
        0, 0, (byte) 255, 0, 10, 20, 30, 40);
  }

  @Test
  void widthAndHeightAreLittleEndian() throws Exception {
    byte[] entry = Images.process(Images.png(new BufferedImage(300, 2, BufferedImage.TYPE_INT_RGB)));

    assertThat(Images.header(entry)).containsExactly(
        'P', 'K', 'I', 'M', 'G', 1, 1, 0, 0x2C, 0x01, 0, 0, 2, 0, 0, 0);
    assertThat(entry).hasSize(16 + 300 * 2 * 4);
  }

  @Test
  void premultipliedRoundsEachColorTimesAlphaToNearestAndSetsTheFlag() throws Exception {
    byte[] entry = Images.process(Images.png(Images.rgba2x2()), "{\"premultiplied\": true}");

    assertThat(entry[7]).isEqualTo((byte) 1);
    // 255*128/255 = 128; 10*40/255 = 1.57 -> 2; 20*40/255 = 3.14 -> 3; 30*40/255 = 4.71 -> 5.
    assertThat(Images.pixels(entry)).containsExactly(
        255, 0, 0, 255, 0, 128, 0, 128,
        0, 0, 0, 0, 2, 3, 5, 40);
  }

  @Test
  void premultiplyingRoundsHalfUpExactly() {
    // c * a / 255 lands on .5 only when c * a = 255k + 127.5, never for integers; check every pair.
    for (int c = 0; c < 256; c++) {
      for (int a = 0; a < 256; a++) {
        int expected = (int) Math.round(c * a / 255.0);
        assertThat((c * a + 127) / 255).as("c=%d a=%d", c, a).isEqualTo(expected);
      }
    }
  }

  @Test
  void rgb8DropsAlpha() throws Exception {
    byte[] entry = Images.process(Images.png(Images.rgba2x2()), "{\"format\": \"rgb8\"}");

    assertThat(Images.header(entry)[6]).isEqualTo((byte) 2);
    assertThat(Images.pixels(entry)).containsExactly(255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30);
  }

  @Test
  void gray8IsIntegerBt601LumaOfTheStoredValues() throws Exception {
    byte[] entry = Images.process(Images.png(Images.rgba2x2()), "{\"format\": \"gray8\"}");

    assertThat(Images.header(entry)[6]).isEqualTo((byte) 3);
    // (299 R + 587 G + 114 B + 500) / 1000
    assertThat(Images.pixels(entry)).containsExactly(76, 150, 29, 18);
  }

  @Test
  void gray8OfAGrayImageKeepsItsValuesExactly() throws Exception {
    BufferedImage gray = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < 256; x++) {
      gray.getRaster().setSample(x, 0, 0, x);
    }

    int[] pixels = Images.pixels(Images.process(Images.png(gray), "{\"format\": \"gray8\"}"));

    for (int x = 0; x < 256; x++) {
      assertThat(pixels[x]).isEqualTo(x);
    }
  }

  @Test
  void theFormatIsToldByItsSignatureNotItsName() throws Exception {
    byte[] png = Images.png(Images.rgba2x2());

    assertThat(new ImageProcessor().process(Inputs.of("looks-like.jpg", png).build()))
        .isEqualTo(Images.process(png));
  }

  @Test
  void aFileThatIsNeitherPngNorJpegIsNamedWhenRecognized() {
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    ProcessingException e = Images.failure(gif);

    assertThat(e.path()).contains("art/picture.img");
    assertThat(e.getMessage()).isEqualTo("not a PNG or JPEG file (it looks like GIF); convert it to PNG");
  }

  @Test
  void anEmptyFileIsNotAnImage() {
    assertThat(Images.failure(new byte[0]).getMessage()).isEqualTo("not a PNG or JPEG file; convert it to PNG");
  }

  @Test
  void anImageAssetTakesExactlyOneFile() {
    byte[] png = Images.png(Images.rgba2x2());

    assertThatThrownBy(() -> new ImageProcessor().process(Inputs.of("a.png", png).and("b.png", png).build()))
        .isInstanceOf(ProcessingException.class)
        .hasMessageContaining("a.png, b.png");
  }
}
