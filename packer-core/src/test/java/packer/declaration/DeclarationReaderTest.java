package packer.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;

class DeclarationReaderTest {

  private final DeclarationReader reader = new DeclarationReader(AssetTypes.builtIn());

  private ParsedDeclaration read(String json) {
    return reader.read("assets/hero", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAllFieldsAndSortsTags() {
    DeclarationReader anyParams = new DeclarationReader(AssetTypes.of(java.util.List.of("blob")));
    ParsedDeclaration parsed = anyParams.read("assets/hero", ("{\"name\": \"hero\", \"type\": \"blob\", \"inputs\": [\"a.bin\"],"
        + " \"params\": {\"b\": 1, \"a\": [true]}, \"tags\": [\"z\", \"a\", \"z\"], \"x-editor\": {\"color\": 3}}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.diagnostics()).isEmpty();
    Declaration declaration = parsed.declaration().orElseThrow();
    assertThat(declaration.name()).isEqualTo("hero");
    assertThat(declaration.type()).isEqualTo("blob");
    assertThat(declaration.inputs()).containsExactly("a.bin");
    assertThat(declaration.params()).isEqualTo("{\"a\":[true],\"b\":1}");
    assertThat(declaration.tags()).containsExactly("a", "z");
  }

  @Test
  void nameDefaultsToTheFolderName() {
    assertThat(read("{\"type\": \"blob\"}").declaration().orElseThrow().name()).isEqualTo("hero");
  }

  @Test
  void malformedJsonIsReportedAtItsRealLineAndColumn() {
    ParsedDeclaration parsed = read("{\n  \"name\": \"hero\",\n  \"type\": blob\n}");
    assertThat(parsed.declaration()).isEmpty();
    Diagnostic problem = parsed.diagnostics().get(0);
    assertThat(problem.code()).isEqualTo(Code.JSON_SYNTAX);
    assertThat(problem.file()).isEqualTo("assets/hero/asset.json");
    assertThat(problem.line()).isEqualTo(3);
    assertThat(problem.column()).isEqualTo(11);
  }

  @Test
  void duplicateKeysAreSyntaxErrors() {
    ParsedDeclaration parsed = read("{\"type\": \"blob\",\n \"type\": \"text\"}");
    assertThat(parsed.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.JSON_SYNTAX);
    assertThat(parsed.diagnostics().get(0).line()).isEqualTo(2);
  }

  @Test
  void unknownKeysAreTyposReportedAtTheKey() {
    ParsedDeclaration parsed = read("{\"type\": \"blob\",\n  \"input\": []}");
    assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.UNKNOWN_KEY);
      assertThat(d.line()).isEqualTo(2);
      assertThat(d.column()).isEqualTo(3);
      assertThat(d.message()).contains("'input'");
    });
  }

  @Test
  void registryOwnedKeysSayWhereIdentityLives() {
    ParsedDeclaration parsed = read("{\"type\": \"blob\", \"asset_id\": \"3f9a0c1d2e4b5a67\", \"id\": 1}");
    assertThat(parsed.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.REGISTRY_KEY, Code.REGISTRY_KEY);
    assertThat(parsed.diagnostics().get(0).message()).contains("identity lives in the registry");
  }

  @Test
  void unknownTypesListTheKnownOnes() {
    ParsedDeclaration parsed = read("{\"type\": \"sprite\"}");
    assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.UNKNOWN_TYPE);
      assertThat(d.message()).contains("blob, image, json, text");
    });
  }

  @Test
  void inputsThatLeaveTheFolderAreRejected() {
    ParsedDeclaration parsed = read("{\"type\": \"blob\", \"inputs\": [\"../x\", \"/etc/passwd\", \"a\\\\b\", \"ok.bin\"]}");
    assertThat(parsed.diagnostics()).extracting(Diagnostic::code)
        .containsExactly(Code.ESCAPING_INPUT, Code.ESCAPING_INPUT, Code.ESCAPING_INPUT);
  }

  @Test
  void missingTypeAndWrongValueTypesAreReported() {
    ParsedDeclaration parsed = read("{\"name\": 3, \"tags\": \"a\", \"params\": []}");
    assertThat(parsed.diagnostics()).extracting(Diagnostic::code)
        .containsExactlyInAnyOrder(Code.BAD_VALUE, Code.MISSING_KEY, Code.BAD_VALUE, Code.BAD_VALUE);
  }

  @Test
  void oversizedFilesAreRefusedBeforeParsing() {
    byte[] huge = new byte[DeclarationReader.MAX_BYTES + 1];
    assertThat(reader.read("a", huge).diagnostics()).extracting(Diagnostic::code).containsExactly(Code.TOO_LARGE);
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "{\"type\": \"blob\", \"params\": {\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}}";
    assertThat(read(deep).diagnostics()).extracting(Diagnostic::code).containsExactly(Code.JSON_SYNTAX);
  }

  @Test
  void columnsCountCharactersNotBytes() {
    ParsedDeclaration parsed = read("{\"name\": \"héros\", \"typo\": 1, \"type\": \"blob\"}");
    assertThat(parsed.diagnostics()).singleElement().satisfies(d -> assertThat(d.column()).isEqualTo(19));
  }

  @Test
  void aNumberThatWouldExpandHugelyIsASyntaxErrorNotAnOutOfMemory() {
    ParsedDeclaration parsed = read("{\"type\": \"blob\", \"params\": {\"x\": 1e999999999}}");
    assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.JSON_SYNTAX);
      assertThat(d.column()).isEqualTo(34);
    });
  }

  @Test
  void paramsAreCheckedByTheTypesProcessorAtTheKeysLine() {
    ParsedDeclaration parsed = read("{\n  \"type\": \"image\",\n  \"params\": {\n    \"format\": \"rgba\"\n  }\n}");
    assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.BAD_PARAM);
      assertThat(d.line()).isEqualTo(4);
      assertThat(d.column()).isEqualTo(5);
      assertThat(d.message()).startsWith("params.format: ").contains("rgba8");
    });
  }

  @Test
  void paramsOfATypeWithoutAnyAreRejected() {
    ParsedDeclaration parsed = read("{\"type\": \"blob\", \"params\": {\"level\": 3}}");
    assertThat(parsed.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.BAD_PARAM);
  }
}
