package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.color.ICC_Profile;
import java.awt.color.ColorSpace;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JPEG decoding. The files are committed rather than encoded in the test, so the pinned hashes
 * hold whichever JDK runs it: they were checked equal on a Debian OpenJDK 17 (system
 * libjpeg-turbo 2.1.5) and a Temurin 25 (bundled libjpeg 6b).
 */
class ImageJpegTest {

  @ParameterizedTest
  @CsvSource({
    "photo-420.jpg, 2383ae392cf367dec21bb0eb7642195bae030ecccc213022306f393a93e7c2b6",
    "photo-422.jpg, 74665957e94ce552eb6a9ae79edf9f0212ab600cb498c54012b7682879d56193",
    "photo-444-progressive.jpg, be5ca8fafe700377f87cd4a7896e844c90d6a6a01c649afcb7bb7861ddba88a3",
    "gray.jpg, f269f6114cf1e942c0f6c018104ec0bf5f236f0dead824571d97956a1259e3b4",
  })
  void decodedPixelsMatchTheirPinnedHash(String file, String sha256) throws Exception {
    assertThat(Images.sha256(Images.process(Images.resource(file)))).isEqualTo(sha256);
  }

  @Test
  void decodingTwiceGivesTheSameBytes() throws Exception {
    byte[] jpeg = Images.resource("photo-420.jpg");

    assertThat(Images.process(jpeg)).isEqualTo(Images.process(jpeg));
  }

  @Test
  void aJpegIsOpaqueWithItsSizeInTheHeader() throws Exception {
    byte[] entry = Images.process(Images.resource("photo-420.jpg"));

    assertThat(Images.header(entry)).containsExactly('P', 'K', 'I', 'M', 'G', 1, 1, 0, 24, 0, 0, 0, 16, 0, 0, 0);
    int[] pixels = Images.pixels(entry);
    for (int i = 3; i < pixels.length; i += 4) {
      assertThat(pixels[i]).isEqualTo(255);
    }
  }

  @Test
  void aGrayJpegGivesEqualChannels() throws Exception {
    int[] pixels = Images.pixels(Images.process(Images.resource("gray.jpg"), "{\"format\": \"rgb8\"}"));

    for (int i = 0; i < pixels.length; i += 3) {
      assertThat(pixels[i]).isEqualTo(pixels[i + 1]).isEqualTo(pixels[i + 2]);
    }
  }

  @Test
  void anEmbeddedIccProfileIsIgnored() throws Exception {
    byte[] plain = Images.resource("photo-420.jpg");
    byte[] withProfile = withIccProfile(plain, ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));

    assertThat(Images.process(withProfile)).isEqualTo(Images.process(plain));
  }

  /** libjpeg-turbo upsamples 4:4:0 smoothly and libjpeg 6b by repeating rows: pixels differ. */
  @Test
  void chromaSubsampling440IsRefusedAsMachineDependent() {
    ProcessingException e = Images.failure(Images.resource("photo-440.jpg"));

    assertThat(e.getMessage()).startsWith("this JPEG uses 4:4:0 chroma subsampling")
        .contains("save it with 4:4:4 or 4:2:0 subsampling");
    assertThat(e.byteOffset()).isPresent();
  }

  /** The last refinement scan was cut out: libjpeg-turbo and 6b smooth what is left differently. */
  @Test
  void aProgressiveJpegWithUnrefinedCoefficientsIsRefused() {
    assertThat(Images.failure(Images.resource("photo-420-progressive-unrefined.jpg")).getMessage())
        .startsWith("this progressive JPEG leaves some coefficients unrefined");
  }

  @Test
  void anArithmeticCodedJpegIsRefused() {
    byte[] jpeg = Images.resource("photo-420.jpg");
    int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
    jpeg[sof + 1] = (byte) 0xC9;

    ProcessingException e = Images.failure(jpeg);

    assertThat(e.byteOffset()).hasValue(sof);
    assertThat(e.getMessage()).startsWith("this JPEG is arithmetic-coded");
  }

  @Test
  void aCmykJpegIsRefused() throws Exception {
    WritableRaster cmyk = Raster.createInterleavedRaster(0, 8, 8, 4, null);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(cmyk, null, null), null);
    }

    assertThat(Images.failure(bytes.toByteArray()).getMessage()).startsWith("this JPEG is CMYK");
  }

  @Test
  void aJpegCutShortIsReportedAsTruncated() {
    byte[] jpeg = Images.resource("photo-420.jpg");

    assertThat(Images.failure(Arrays.copyOf(jpeg, jpeg.length - 100)).getMessage()).contains("truncated");
  }

  @Test
  void aJpegWithMissingImageDataIsRefusedNotFilledIn() {
    byte[] jpeg = Images.resource("photo-420.jpg");
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 100);
    byte[] ended = Arrays.copyOf(cut, cut.length + 2);
    ended[cut.length] = (byte) 0xFF;
    ended[cut.length + 1] = (byte) 0xD9;

    ProcessingException e = Images.failure(ended);

    assertThat(e.getMessage()).startsWith("the JPEG is damaged").endsWith("re-export it");
  }

  private static byte[] withIccProfile(byte[] jpeg, ICC_Profile profile) {
    byte[] data = profile.getData();
    byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + tag.length + 2 + data.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.write(0xFF);
    out.write(0xE2);
    out.write(length >> 8);
    out.write(length);
    out.writeBytes(tag);
    out.write(1); // Chunk 1 of 1.
    out.write(1);
    out.writeBytes(data);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte first, byte second) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == first && bytes[i + 1] == second) {
        return i;
      }
    }
    throw new AssertionError("marker not found");
  }
}
