package packer.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;

/** The optional {@code compression} key of asset.json. */
class CompressionKeyTest {

  private final DeclarationReader reader = new DeclarationReader(AssetTypes.builtIn());

  private ParsedDeclaration read(String json) {
    return reader.read("assets/hero", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anAssetMayAskForNoneOrZstdOrFollowTheWorkspace() {
    assertThat(read("{\"type\": \"blob\", \"compression\": \"zstd\"}").declaration().orElseThrow().compression())
        .contains("zstd");
    assertThat(read("{\"type\": \"blob\", \"compression\": \"none\"}").declaration().orElseThrow().compression())
        .contains("none");
    assertThat(read("{\"type\": \"blob\"}").declaration().orElseThrow().compression()).isEmpty();
  }

  @Test
  void aBadCompressionIsReportedAtItsLineAndColumnWithTheChoices() {
    ParsedDeclaration parsed = read("{\n  \"type\": \"blob\",\n  \"compression\": \"gzip\"\n}");

    assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.BAD_VALUE);
      assertThat(d.file()).isEqualTo("assets/hero/asset.json");
      assertThat(d.line()).isEqualTo(3);
      assertThat(d.column()).isEqualTo(18);
      assertThat(d.message()).contains("\"none\" or \"zstd\"");
    });
  }

  @Test
  void aCompressionThatIsNotAStringIsReportedToo() {
    ParsedDeclaration parsed = read("{\"type\": \"blob\",\n\"compression\": 3}");

    assertThat(parsed.diagnostics()).extracting(Diagnostic::line).containsExactly(2);
  }

  @Test
  void renamingKeepsTheCompression() {
    Declaration declaration = read("{\"type\": \"blob\", \"compression\": \"zstd\"}").declaration().orElseThrow();

    assertThat(declaration.withName("other").compression()).isEqualTo(Optional.of("zstd"));
  }
}
