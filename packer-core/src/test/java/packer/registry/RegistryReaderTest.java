package packer.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;

class RegistryReaderTest {

  @TempDir Path root;

  private static final AssetId ID = AssetId.parse("3f9a0c1d2e4b5a67");

  private void write(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void recordsAreCanonicalOneLineJsonAtTheShardedPath() {
    assertThat(RegistryRecord.pathOf(ID)).isEqualTo("registry/3f/9a0c1d2e4b5a67.json");
    assertThat(new String(new RegistryRecord.Bound(ID, "assets/hero").toJson(), StandardCharsets.UTF_8))
        .isEqualTo("{\"folder\":\"assets/hero\",\"id\":\"3f9a0c1d2e4b5a67\"}\n");
    assertThat(new String(new RegistryRecord.Retired(ID).toJson(), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"3f9a0c1d2e4b5a67\",\"retired\":true}\n");
  }

  @Test
  void readsBoundAndRetiredRecords() throws IOException {
    write("registry/3f/9a0c1d2e4b5a67.json", "{\"folder\":\"assets/hero\",\"id\":\"3f9a0c1d2e4b5a67\"}\n");
    write("registry/00/00000000000001.json", "{\"id\":\"0000000000000001\",\"retired\":true}\n");
    RegistryReader.Scan scan = new RegistryReader().read(root);
    assertThat(scan.diagnostics()).isEmpty();
    assertThat(scan.registry().get(ID)).contains(new RegistryRecord.Bound(ID, "assets/hero"));
    assertThat(scan.registry().get(AssetId.parse("0000000000000001")))
        .contains(new RegistryRecord.Retired(AssetId.parse("0000000000000001")));
  }

  @Test
  void mergeConflictMarkersAreReportedWithTheirLine() throws IOException {
    write("registry/3f/9a0c1d2e4b5a67.json",
        "<<<<<<< HEAD\n{\"folder\":\"a\",\"id\":\"3f9a0c1d2e4b5a67\"}\n=======\n{\"folder\":\"b\",\"id\":\"3f9a0c1d2e4b5a67\"}\n>>>>>>> other\n");
    RegistryReader.Scan scan = new RegistryReader().read(root);
    assertThat(scan.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.BAD_REGISTRY_RECORD);
      assertThat(d.file()).isEqualTo("registry/3f/9a0c1d2e4b5a67.json");
      assertThat(d.line()).isEqualTo(1);
      assertThat(d.message()).contains("conflict markers");
    });
    assertThat(scan.registry().size()).isZero();
  }

  @Test
  void aRecordAtTheWrongPathClaimingAKnownIdIsAnIdBoundTwice() throws IOException {
    write("registry/3f/9a0c1d2e4b5a67.json", "{\"folder\":\"assets/a\",\"id\":\"3f9a0c1d2e4b5a67\"}\n");
    write("registry/3f/ffffffffffffff.json", "{\"folder\":\"assets/b\",\"id\":\"3f9a0c1d2e4b5a67\"}\n");
    RegistryReader.Scan scan = new RegistryReader().read(root);
    assertThat(scan.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.ID_BOUND_TWICE);
    assertThat(scan.diagnostics().get(0).file()).isEqualTo("registry/3f/ffffffffffffff.json");
  }

  @Test
  void unknownKeysAndBadFoldersAreRejected() throws IOException {
    write("registry/3f/9a0c1d2e4b5a67.json", "{\"folder\":\"../out\",\"id\":\"3f9a0c1d2e4b5a67\"}\n");
    write("registry/00/00000000000001.json", "{\"id\":\"0000000000000001\",\"name\":\"x\"}\n");
    assertThat(new RegistryReader().read(root).diagnostics()).extracting(Diagnostic::code)
        .containsExactly(Code.BAD_REGISTRY_RECORD, Code.BAD_REGISTRY_RECORD);
  }

  @Test
  void hiddenFilesSuchAsGitkeepAreIgnored() throws IOException {
    write("registry/.gitkeep", "");
    assertThat(new RegistryReader().read(root).diagnostics()).isEmpty();
  }
}
