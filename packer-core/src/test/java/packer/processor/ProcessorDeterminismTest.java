package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Every built-in gives the same bytes whatever the default locale, time zone or thread; and their
 * output for fixed inputs is pinned, so changing it without bumping the version (which would let
 * caches serve stale entries) fails here.
 */
class ProcessorDeterminismTest {

  private record Case(String name, Processor processor, ProcessorInput input, String sha256) {}

  private static List<Case> cases() {
    return List.of(
        new Case("blob", new BlobProcessor(), Inputs.of("a.bin", new byte[] {1, 2, 3}).build(),
            "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"),
        new Case("text", new TextProcessor(),
            Inputs.of("t.txt", "\uFEFFTitle I\u0131 \u0130i\r\n1.5\rlast").build(), "3b58bc128bdc3ad05973fb6ecddb5c152bc9936aa34ea23867a6b8d50010610e"),
        new Case("json", new JsonProcessor(),
            Inputs.of("d.json", "{\"I\": 1.50, \"i\": 1e-3, \"\u0131\": [1E+3, -0.0]}").build(), "8efe148119eaab255a449f688e1a70b5735d18085e8a011d9dfb1f860a5e9e7c"),
        new Case("image png rgba8", new ImageProcessor(),
            Inputs.of("i.png", PngBytes.image(2, 1, 16, PngBytes.RGBA)
                .samples(0x01FF, 0x8080, 0xFFFF, 0x7FFF, 0, 0x1234, 0xFF7E, 0x4000).bytes()).build(), "afe6ff86db5f6ac8eeea8f15c02125c64336fa6e88f1669754248d139c2e1228"),
        new Case("image png premultiplied", new ImageProcessor(),
            Inputs.of("i.png", Images.png(Images.rgba2x2())).params("{\"premultiplied\": true}").build(), "2bef561976f6037dc2f9fe92844bac2eb70214d507621b9a61c5784193c08355"),
        new Case("image jpeg gray8", new ImageProcessor(),
            Inputs.of("i.jpg", Images.resource("photo-420.jpg")).params("{\"format\": \"gray8\"}").build(), "b8aee60e8a203dad0657f352cf8d3d53fc24a30cb85d085f8ead587bed162234"));
  }

  private static List<byte[]> processAll(List<Case> cases) throws ProcessingException {
    List<byte[]> outputs = new ArrayList<>();
    for (Case c : cases) {
      outputs.add(c.processor().process(c.input()));
    }
    return outputs;
  }

  @Test
  void outputsArePinnedSoAnyChangeComesWithANewVersion() throws Exception {
    for (Case c : cases()) {
      assertThat(c.processor().version())
          .as("%s changed output: bump its version, then update the hash here", c.name()).isEqualTo(1);
      assertThat(Images.sha256(c.processor().process(c.input()))).as(c.name()).isEqualTo(c.sha256());
    }
  }

  @Test
  void theSameBytesComeOutUnderATurkishLocaleAndAFarTimeZone() throws Exception {
    List<Case> cases = cases();
    List<byte[]> expected = processAll(cases);
    Locale locale = Locale.getDefault();
    Locale format = Locale.getDefault(Locale.Category.FORMAT);
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("de-DE"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));

      List<byte[]> actual = processAll(cases);

      for (int i = 0; i < cases.size(); i++) {
        assertThat(actual.get(i)).as(cases.get(i).name()).isEqualTo(expected.get(i));
      }
    } finally {
      Locale.setDefault(locale);
      Locale.setDefault(Locale.Category.FORMAT, format);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void theSameBytesComeOutOfManyThreadsAtOnce() throws Exception {
    List<Case> cases = cases();
    List<byte[]> expected = processAll(cases);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> futures = new ArrayList<>();
      for (int round = 0; round < 16; round++) {
        for (Case c : cases) {
          futures.add(pool.submit(() -> c.processor().process(c.input())));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).as(cases.get(i % cases.size()).name())
            .isEqualTo(expected.get(i % cases.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
