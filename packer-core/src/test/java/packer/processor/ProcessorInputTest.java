package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URL;
import java.nio.channels.Channel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessorInputTest {

  @Test
  void filesAreSortedByTheirUtf8BytesWhateverOrderTheyCameIn() {
    ProcessorInput input = Inputs.of("b.txt", "").and("\uFF61.txt", "").and("a/z.txt", "")
        .and("\uD83D\uDE00.txt", "").and("B.txt", "").build();

    // U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80) by bytes, after it by UTF-16 units.
    assertThat(input.files()).extracting(InputFile::path)
        .containsExactly("B.txt", "a/z.txt", "b.txt", "\uFF61.txt", "\uD83D\uDE00.txt");
  }

  @Test
  void twoFilesWithOnePathAreRefused() {
    assertThatThrownBy(() -> Inputs.of("a.txt", "1").and("a.txt", "2").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a.txt");
  }

  @Test
  void pathsMustBeCanonicalAndInsideTheAssetFolder() {
    for (String bad : List.of("/etc/passwd", "../x.txt", "a\\b.txt", "./a.txt", "a//b", "", "C:/x")) {
      assertThatThrownBy(() -> InputFile.of(bad, new byte[0]))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void paramsAreCanonicalSortedAndWithoutNeedlessDigits() {
    ProcessorInput input = Inputs.none().params("{\"b\": 1.50, \"a\": [1.0, 1e2], \"\u00e9\": true}").build();

    assertThat(input.canonicalParams()).isEqualTo("{\"a\":[1,100],\"b\":1.5,\"\u00e9\":true}");
    assertThat(input.params().get("b").decimalValue()).isEqualByComparingTo("1.5");
  }

  @Test
  void paramsMustBeAnObject() {
    assertThatThrownBy(() -> Inputs.none().params("[]").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aParamNumberWithAHugePlainFormIsRefusedNotExpanded() {
    com.fasterxml.jackson.databind.node.ObjectNode params =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    params.put("x", new java.math.BigDecimal("1e999999999"));
    assertThatThrownBy(() -> ProcessorInput.of(java.util.List.of(), params))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/x");
  }

  @Test
  void aProcessorChangingItsParamsChangesNothingForTheNextOne() {
    ProcessorInput input = Inputs.none().params("{\"format\": \"rgb8\"}").build();

    ((ObjectNode) input.params()).put("format", "gray8");

    assertThat(input.params().get("format").textValue()).isEqualTo("rgb8");
  }

  @Test
  void inputBytesAreCopiedInAndOut() {
    byte[] original = "abc".getBytes(StandardCharsets.UTF_8);
    InputFile file = InputFile.of("a.txt", original);
    original[0] = 'X';
    file.bytes()[1] = 'Y';

    assertThat(file.bytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(file.buffer().isReadOnly()).isTrue();
  }

  @Test
  void onlyFileRefusesAnAssetWithoutInputsTellingToListOne() {
    assertThatThrownBy(() -> Inputs.none().build().onlyFile())
        .isInstanceOfSatisfying(ProcessingException.class, e -> {
          assertThat(e.path()).isEmpty();
          assertThat(e.getMessage()).contains("exactly one input file", "has none", "\"inputs\"");
        });
  }

  @Test
  void onlyFileRefusesSeveralInputsNamingThem() {
    ProcessorInput input = Inputs.of("b.png", "").and("a.png", "").and("c.png", "").build();

    assertThatThrownBy(input::onlyFile)
        .isInstanceOfSatisfying(ProcessingException.class, e -> {
          assertThat(e.path()).isEmpty();
          assertThat(e.getMessage()).contains("has 3 (a.png, b.png, c.png)", "one asset per file");
        });
  }

  /** A processor can only learn what the API hands it: no type in it leads to a file. */
  @Test
  void noProcessorApiHandsOutAFilePathOrFileSystem() {
    List<Class<?>> forbidden = List.of(Path.class, File.class, FileSystem.class, URI.class,
        URL.class, Channel.class, ClassLoader.class);
    List<String> leaks = new ArrayList<>();
    for (Class<?> api : List.of(Processor.class, ProcessorInput.class, InputFile.class,
        ParamProblem.class, ProcessingException.class)) {
      for (Method method : api.getMethods()) {
        if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == Throwable.class) {
          continue;
        }
        List<Type> types = new ArrayList<>(List.of(method.getGenericParameterTypes()));
        types.add(method.getGenericReturnType());
        for (Type type : types) {
          for (Class<?> bad : forbidden) {
            if (type.getTypeName().contains(bad.getName())
                || type instanceof Class<?> c && bad.isAssignableFrom(c)) {
              leaks.add(api.getSimpleName() + "." + method.getName() + " uses " + bad.getSimpleName());
            }
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(Processor.class.getMethods())
        .filteredOn(m -> m.getName().equals("process"))
        .singleElement()
        .satisfies(m -> assertThat(m.getParameterTypes()).containsExactly(ProcessorInput.class));
  }

  @Test
  void paramsJsonTextAndNodeGiveTheSameInput() {
    JsonNode node = Inputs.json("{\"z\": 1, \"a\": 2}");

    assertThat(ProcessorInput.of(List.of(), node).canonicalParams())
        .isEqualTo(ProcessorInput.of(List.of(), "{\"a\":2,\"z\":1}").canonicalParams());
  }
}
