package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder and asset names beyond ASCII, and with spaces, as game teams name their assets. */
class UnicodeNamesCliTest {

  static final String NFC = Normalizer.normalize("héros", Normalizer.Form.NFC);
  static final String NFD = Normalizer.normalize("héros", Normalizer.Form.NFD);

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "a UTF-8 file-name locale, as the launcher sets");
    workspace = TestWorkspace.init(dir);
  }

  @Test
  void aNonAsciiFolderAndNameAreKeptAsTyped() {
    String id = workspace.newAsset("assets/" + NFC, "--name", "Héros Ω");

    assertThat(workspace.listed("id", id).path("root").asText()).isEqualTo("assets/" + NFC);
    assertThat(workspace.listed("id", id).path("name").asText()).isEqualTo("Héros Ω");
    assertThat(workspace.read(workspace.recordPath(id))).contains("\"folder\":\"assets/" + NFC + "\"");
  }

  @Test
  void aNonAsciiNameIsAValidRef() {
    String id = workspace.newAsset("assets/" + NFC, "--name", "Héros Ω");

    assertThat(workspace.run("show", "Héros Ω", "--json").json().path("id").asText()).isEqualTo(id);
    assertThat(workspace.run("rename", "Héros Ω", "Ωmega")).succeeds();
  }

  @Test
  void aFolderWithSpacesWorks() {
    String id = workspace.newAsset("assets/my hero");

    assertThat(workspace.run("mv", "assets/my hero", "assets/our hero")).succeeds();

    assertThat(workspace.listed("id", id).path("root").asText()).isEqualTo("assets/our hero");
    assertThat(workspace.listed("id", id).path("name").asText()).isEqualTo("my hero");
  }

  @Test
  void theTableAlignsColumnsAfterNonAsciiNames() {
    workspace.newAsset("assets/" + NFC, "--name", "Ωmega");
    workspace.newAsset("assets/plain", "--name", "plain");

    var lines = workspace.run("ls").outLines();

    int folder = lines.get(0).indexOf("FOLDER");
    assertThat(lines.subList(1, 3)).allSatisfy(line ->
        assertThat(line.codePointCount(0, line.indexOf("assets/"))).as(line).isEqualTo(folder));
  }

  @Test
  void aFolderNamedInNfdIsReportedAndDoesNotBreakTheWorkspace() throws Exception {
    assertThat(NFD).isNotEqualTo(NFC);
    Files.createDirectories(workspace.path("assets").resolve(NFD));
    Files.writeString(workspace.path("assets").resolve(NFD).resolve("asset.json"), "{\"type\": \"blob\"}\n");
    workspace.asset("assets/plain").create();

    CliResult listed = workspace.run("ls", "--json");
    assertThat(listed).succeeds();
    assertThat(listed.json()).hasSize(1);
    CliResult checked = workspace.run("check");
    assertThat(checked).exitsWith(ExitCode.PROBLEMS);
    assertThat(checked.out()).contains("error[non-nfc-path]").contains("rename it");
  }
}
