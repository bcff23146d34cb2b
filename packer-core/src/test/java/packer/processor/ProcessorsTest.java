package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import packer.processor.plugin.AnotherText;
import packer.processor.plugin.UpperCaseText;

class ProcessorsTest {

  /** A class loader that sees the test classes plus the plugin root {@code plugins/<name>}. */
  private static URLClassLoader withPlugin(String name) {
    URL root = ProcessorsTest.class.getResource("/plugins/" + name + "/");
    assertThat(root).as("plugin root " + name).isNotNull();
    return new URLClassLoader(new URL[] {root}, ProcessorsTest.class.getClassLoader());
  }

  @Test
  void theBuiltInTypesAreBlobImageJsonAndTextSorted() {
    assertThat(Processors.builtIn().types()).containsExactly("blob", "image", "json", "text");
  }

  @Test
  void findGivesTheProcessorOfAType() {
    assertThat(Processors.builtIn().find("json")).get().extracting(Processor::type).isEqualTo("json");
  }

  @Test
  void findOfAnUnknownTypeIsEmpty() {
    assertThat(Processors.builtIn().find("mesh")).isEmpty();
    assertThat(Processors.builtIn().find("JSON")).isEmpty();
  }

  @Test
  void discoveryWithoutPluginsGivesTheBuiltIns() {
    assertThat(Processors.discover(ProcessorsTest.class.getClassLoader()).types())
        .containsExactly("blob", "image", "json", "text");
  }

  @Test
  void discoveryFindsAPluginTypeThroughServiceLoader() throws Exception {
    try (URLClassLoader loader = withPlugin("upper")) {
      Processors processors = Processors.discover(loader);

      assertThat(processors.types()).containsExactly("blob", "image", "json", "text", "upper");
      assertThat(processors.find("upper")).get().isInstanceOf(UpperCaseText.class);
    }
  }

  @Test
  void aPluginProcessesThroughTheSameInterfaceWhateverTheLocale() throws Exception {
    Locale before = Locale.getDefault();
    try (URLClassLoader loader = withPlugin("upper")) {
      Processor upper = Processors.discover(loader).find("upper").orElseThrow();
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));

      assertThat(Inputs.utf8(upper.process(Inputs.of("title.txt", "title").build()))).isEqualTo("TITLE");
      assertThat(upper.checkParams(Inputs.json("{\"x\": 1}"))).extracting(ParamProblem::pointer).containsExactly("/x");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aPluginClaimingABuiltInTypeIsRefusedNamingBothAndWhereTheyCameFrom() throws Exception {
    try (URLClassLoader loader = withPlugin("duplicate-text")) {
      assertThatThrownBy(() -> Processors.discover(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("two processors claim the asset type 'text': "
              + "packer.processor.TextProcessor (built in) and packer.processor.plugin.AnotherText (from file:")
          .hasMessageEndingWith("; remove one of them from the class path (one type, one processor)");
    }
  }

  @Test
  void twoProcessorsForOneTypeAreRefused() {
    assertThatThrownBy(() -> Processors.of(List.of(new UpperCaseText(), new UpperCaseText())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two processors claim the asset type 'upper'");
  }

  @Test
  void aPluginThatCannotBeLoadedIsAClearError() throws Exception {
    try (URLClassLoader loader = withPlugin("broken")) {
      assertThatThrownBy(() -> Processors.discover(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("a processor plugin cannot be loaded: ")
          .hasMessageContaining("packer.processor.plugin.NoSuchProcessor")
          .hasMessageEndingWith("; fix or remove the plugin jar");
    }
  }

  @Test
  void typeNamesMustBeLowercaseWords() {
    for (String bad : new String[] {"", "Image", "my type", "a..b", "-a", "a-", "mesh/v2", "x".repeat(65)}) {
      assertThatThrownBy(() -> Processors.of(List.of(named(bad, 1))))
          .as(bad).isInstanceOf(IllegalStateException.class).hasMessageContaining("declares the type");
    }
    assertThat(Processors.of(List.of(named("acme.mesh-v2_lod", 1), named("3d", 1))).types())
        .containsExactly("3d", "acme.mesh-v2_lod");
  }

  @Test
  void versionsStartAtOne() {
    assertThatThrownBy(() -> Processors.of(List.of(named("mesh", 0))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("declares version 0; versions start at 1");
  }

  @Test
  void typesAreSortedByTheirBytes() {
    assertThat(Processors.of(List.of(named("b", 1), named("a-x", 1), named("a", 1), new AnotherText())).types())
        .containsExactly("a", "a-x", "b", "text");
  }

  private static Processor named(String type, int version) {
    return new Processor() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public int version() {
        return version;
      }

      @Override
      public List<ParamProblem> checkParams(JsonNode params) {
        return List.of();
      }

      @Override
      public byte[] process(ProcessorInput input) {
        return new byte[0];
      }
    };
  }
}
