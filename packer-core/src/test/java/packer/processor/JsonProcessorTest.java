package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class JsonProcessorTest {

  private final Processor json = new JsonProcessor();

  private String process(String content) throws ProcessingException {
    return Inputs.utf8(json.process(Inputs.of("data/level.json", content).build()));
  }

  private ProcessingException failure(byte[] content) {
    try {
      json.process(Inputs.of("data/level.json", content).build());
    } catch (ProcessingException e) {
      return e;
    }
    throw new AssertionError("expected a ProcessingException");
  }

  private ProcessingException failure(String content) {
    return failure(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void isTypeJsonVersionOne() {
    assertThat(json.type()).isEqualTo("json");
    assertThat(json.version()).isEqualTo(1);
  }

  @Test
  void theEntryIsCompactWithSortedKeysAndNoFinalNewline() throws Exception {
    assertThat(process("{\n  \"speed\": 2,\n  \"name\": \"hero\",\n  \"tags\": [ \"a\", {\"z\": null, \"y\": false} ]\n}\n"))
        .isEqualTo("{\"name\":\"hero\",\"speed\":2,\"tags\":[\"a\",{\"y\":false,\"z\":null}]}");
  }

  @Test
  void keysAreSortedByUtf8BytesNotUtf16Units() throws Exception {
    // U+FF61 is EF BD A1 in UTF-8, U+1F600 is F0 9F 98 80: bytes put U+FF61 first, UTF-16 after.
    assertThat(process("{\"\uFF61\": 1, \"\uD83D\uDE00\": 2, \"Z\": 3, \"a\": 4}"))
        .isEqualTo("{\"Z\":3,\"a\":4,\"\uFF61\":1,\"\\uD83D\\uDE00\":2}");
  }

  @Test
  void charactersBeyondTheBasicPlaneAreWrittenAsEscapedSurrogatePairs() throws Exception {
    assertThat(process("\"\uD83D\uDE00\"")).isEqualTo("\"\\uD83D\\uDE00\"");
  }

  @Test
  void numbersAreWrittenInPlainDecimalWithoutNeedlessDigits() throws Exception {
    assertThat(process("[1.50, 1e2, 1.0, -0, 2.5E-3, 12345678901234567890123, -7]"))
        .isEqualTo("[1.5,100,1,0,0.0025,12345678901234567890123,-7]");
  }

  @Test
  void stringsStayUtf8WithOnlyQuotesBackslashesAndControlsEscaped() throws Exception {
    assertThat(process("[\"caf\\u00e9 / \u00e9\", \"tab\\there\", \"q\\\"b\\\\\", \"\\u0001\"]"))
        .isEqualTo("[\"caf\u00e9 / \u00e9\",\"tab\\there\",\"q\\\"b\\\\\",\"\\u0001\"]");
  }

  @Test
  void anyJsonValueMayBeTheRoot() throws Exception {
    assertThat(process(" \"just a string\" ")).isEqualTo("\"just a string\"");
    assertThat(process("42")).isEqualTo("42");
  }

  @Test
  void aByteOrderMarkIsAccepted() throws Exception {
    assertThat(process("\uFEFF{\"a\": 1}")).isEqualTo("{\"a\":1}");
  }

  @Test
  void aSyntaxErrorIsReportedAtItsLineAndColumnInCharacters() {
    ProcessingException e = failure("{\n  \"caf\u00e9\": 1,\n  \"b\u00e9\u00e9\": tru\n}");

    assertThat(e.path()).contains("data/level.json");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(10);
    assertThat(e.getMessage()).startsWith("Unrecognized token 'tru'").endsWith("; fix the JSON syntax");
  }

  @Test
  void aSyntaxErrorAfterAByteOrderMarkCountsColumnsFromTheText() {
    assertThat(failure("\uFEFF{x}").column()).isEqualTo(2);
  }

  @Test
  void aDuplicateKeyIsRejectedAtItsLine() {
    ProcessingException e = failure("{\"a\": 1,\r\n \"a\": 2}");

    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage()).contains("Duplicate field 'a'");
  }

  @Test
  void dataAfterTheValueIsRejected() {
    ProcessingException e = failure("{\"a\": 1}\n{\"b\": 2}");

    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(1);
    assertThat(e.getMessage()).contains("unexpected data after the JSON value");
  }

  @Test
  void commentsTrailingCommasAndNanAreRejected() {
    assertThat(failure("// note\n1").line()).isEqualTo(1);
    assertThat(failure("[1,]").column()).isEqualTo(4);
    assertThat(failure("[NaN]").getMessage()).contains("NaN");
  }

  @Test
  void anEmptyFileIsRejected() {
    ProcessingException e = failure(" \n\t");

    assertThat(e.line()).isZero();
    assertThat(e.getMessage()).isEqualTo("the file is empty; a json asset holds one JSON value");
  }

  @Test
  void malformedUtf8IsReportedAtItsByte() {
    ProcessingException e = failure(new byte[] {'[', '"', (byte) 0xE9, '"', ']'});

    assertThat(e.byteOffset()).hasValue(2);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(3);
  }

  @Test
  void utf16IsRejectedRatherThanGuessed() {
    ProcessingException e = failure("{\"a\": 1}".getBytes(StandardCharsets.UTF_16LE));

    assertThat(e.byteOffset()).hasValue(1);
    assertThat(e.getMessage()).contains("NUL", "save it as UTF-8");
  }

  @Test
  void aNumberWithAHugePlainFormIsRejectedNotExpanded() {
    ProcessingException e = failure("{\"ok\": 1e3,\n \"x\": 1e999999999}");

    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.getMessage()).contains("more than 1000 digits");
  }

  @Test
  void nestingDeeperThanTheLimitIsRejected() {
    assertThat(failure("[".repeat(65) + "]".repeat(65)).getMessage()).contains("64");
  }

  @Test
  void anyParamIsAProblem() {
    assertThat(json.checkParams(Inputs.json("{\"pretty\": true}")))
        .containsExactly(new ParamProblem("/pretty", "type json takes no params; remove \"pretty\""));
  }

  @Property(tries = 300)
  void canonicalOutputIsAFixedPoint(@ForAll("values") JsonNode value) throws Exception {
    String once = process(value.toPrettyString());

    assertThat(process(once)).isEqualTo(once);
  }

  @Property(tries = 300)
  void keyOrderAndLayoutDoNotChangeTheEntry(@ForAll("values") JsonNode value) throws Exception {
    assertThat(process(reversedKeys(value).toString())).isEqualTo(process(value.toPrettyString()));
  }

  @Provide
  Arbitrary<JsonNode> values() {
    return value(3);
  }

  private static Arbitrary<JsonNode> value(int depth) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    Arbitrary<String> strings = Arbitraries.strings().withCharRange(' ', '\u2FFF')
        .withChars('\n', '\t', '\u0001', '"', '\\').ofMaxLength(6).injectDuplicates(0.3);
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        strings.map(nodes::textNode),
        Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000_000_000L), BigInteger.valueOf(1_000_000_000_000L))
            .map(nodes::numberNode),
        Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1000), BigDecimal.valueOf(1000)).ofScale(4)
            .map(nodes::numberNode),
        Arbitraries.of(true, false).map(nodes::booleanNode),
        Arbitraries.just(nodes.nullNode()));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> child = Arbitraries.lazy(() -> value(depth - 1));
    Arbitrary<JsonNode> arrays = child.list().ofMaxSize(4).map(items -> {
      ArrayNode array = nodes.arrayNode();
      items.forEach(array::add);
      return array;
    });
    Arbitrary<JsonNode> objects = Arbitraries.maps(strings, child).ofMaxSize(4).map(fields -> {
      ObjectNode object = nodes.objectNode();
      fields.forEach(object::set);
      return object;
    });
    return Arbitraries.frequencyOf(
        Tuple.of(3, leaf), Tuple.of(1, arrays), Tuple.of(2, objects));
  }

  private static JsonNode reversedKeys(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.reverse(names);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        copy.set(name, reversedKeys(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(reversedKeys(element)));
      return copy;
    }
    return node;
  }
}
