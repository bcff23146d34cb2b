package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;

/** Issue 2, point 2: {@code packer new FOLDER --type T --input FILE}. */
class NewCliTest {

  @TempDir Path dir;
  TestWorkspace workspace;
  Path heroBin;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    heroBin = workspace.inputFile("hero.bin", "the hero's bytes\n");
  }

  @Test
  void newPrintsOnlyTheNewIdOnStdout() {
    CliResult created = workspace.run("new", "assets/hero", "--type", "blob", "--input", heroBin.toString());

    assertThat(created).succeeds();
    assertThat(created.outLines()).hasSize(1);
    assertThat(AssetId.isWellFormed(created.out().strip())).isTrue();
  }

  @Test
  void newCreatesTheFolderAndCopiesTheInputIn() throws Exception {
    workspace.run("new", "assets/hero", "--type", "blob", "--input", heroBin.toString());

    assertThat(workspace.path("assets/hero/hero.bin")).hasSameBinaryContentAs(heroBin);
    assertThat(heroBin).as("the original input stays where it was").exists();
  }

  @Test
  void newWritesAssetJsonWithTheFolderNameTypeAndInputs() throws Exception {
    workspace.run("new", "assets/hero", "--type", "blob", "--input", heroBin.toString(), "--tag", "chars");

    JsonNode declaration = new ObjectMapper().readTree(workspace.read("assets/hero/asset.json"));
    assertThat(declaration.path("name").asText()).isEqualTo("hero");
    assertThat(declaration.path("type").asText()).isEqualTo("blob");
    assertThat(declaration.path("inputs").toString()).isEqualTo("[\"hero.bin\"]");
    assertThat(declaration.path("tags").toString()).isEqualTo("[\"chars\"]");
  }

  @Test
  void newWritesNoIdentityIntoAssetJson() {
    String id = workspace.newAsset("assets/hero");

    assertThat(workspace.read("assets/hero/asset.json")).doesNotContain(id).doesNotContain("\"id\"");
  }

  @Test
  void newNameDefaultsToTheLastSegmentOfTheFolder() {
    workspace.newAsset("assets/characters/hero");

    assertThat(workspace.listed("root", "assets/characters/hero").path("name").asText()).isEqualTo("hero");
  }

  @Test
  void newTakesAnExplicitName() {
    workspace.newAsset("assets/hero", "--name", "Hero of Time");

    assertThat(workspace.listed("root", "assets/hero").path("name").asText()).isEqualTo("Hero of Time");
  }

  @Test
  void newRegistersTheIdInItsShardedRegistryRecord() {
    String id = workspace.newAsset("assets/hero");

    String record = "registry/" + id.substring(0, 2) + "/" + id.substring(2) + ".json";
    assertThat(workspace.read(record)).isEqualTo("{\"folder\":\"assets/hero\",\"id\":\"" + id + "\"}\n");
  }

  @Test
  void newAssetIsListedAsRegistered() {
    String id = workspace.newAsset("assets/hero");

    JsonNode listed = workspace.listed("id", id);
    assertThat(listed.path("state").asText()).isEqualTo("registered");
    assertThat(listed.path("root").asText()).isEqualTo("assets/hero");
  }

  @Test
  void newWithJsonPrintsExactlyIdNameTypeRootAndState() {
    CliResult created = workspace.run("new", "assets/hero", "--type", "text", "--input", heroBin.toString(), "--json");

    assertThat(created).succeeds();
    JsonNode json = created.json();
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyInAnyOrder("id", "name", "type", "root", "state");
    assertThat(AssetId.isWellFormed(json.path("id").asText())).isTrue();
    assertThat(json.path("name").asText()).isEqualTo("hero");
    assertThat(json.path("type").asText()).isEqualTo("text");
    assertThat(json.path("root").asText()).isEqualTo("assets/hero");
    assertThat(json.path("state").asText()).isEqualTo("registered");
  }

  @Test
  void newWithSeveralInputsCopiesEachOne() {
    Path sword = workspace.inputFile("sword.bin", "sword");

    assertThat(workspace.run("new", "assets/hero", "--type", "blob", "--input", heroBin.toString(),
        "--input", sword.toString())).succeeds();

    assertThat(workspace.path("assets/hero/hero.bin")).exists();
    assertThat(workspace.path("assets/hero/sword.bin")).exists();
  }

  @Test
  void newTakesARelativeInputFromTheCurrentFolder() throws Exception {
    workspace.write("incoming/hero.bin", "dropped here");

    assertThat(workspace.run("new", "assets/hero", "--type", "blob", "--input", "incoming/hero.bin")).succeeds();

    assertThat(workspace.read("assets/hero/hero.bin")).isEqualTo("dropped here");
  }

  @Test
  void newWorksFromAFolderOutsideTheWorkspaceWithDashC() {
    CliResult created = Cli.in(dir).run("-C", "game", "new", "assets/hero", "--type", "blob",
        "--input", heroBin.toString());

    assertThat(created).succeeds();
    assertThat(workspace.path("assets/hero/asset.json")).exists();
  }

  @Test
  void newIntoAnExistingFolderIsRefusedAndWritesNothing() throws Exception {
    Files.createDirectories(workspace.path("assets/hero"));

    CliResult created = workspace.run("new", "assets/hero", "--type", "blob", "--input", heroBin.toString());

    assertThat(created).exitsWith(ExitCode.REFUSED).complained("already exists");
    assertThat(workspace.path("assets/hero/asset.json")).doesNotExist();
  }

  @Test
  void newWithATakenNameIsRefused() {
    workspace.newAsset("assets/hero");

    CliResult created = workspace.run("new", "other/hero", "--type", "blob");

    assertThat(created).exitsWith(ExitCode.REFUSED).complained("taken");
    assertThat(workspace.path("other/hero")).doesNotExist();
  }

  @Test
  void newWithAnUnknownTypeIsRefused() {
    CliResult created = workspace.run("new", "assets/hero", "--type", "sprite");

    assertThat(created).exitsWith(ExitCode.REFUSED).complained("unknown type 'sprite'");
  }

  @Test
  void newWithoutTypeIsAUsageError() {
    assertThat(workspace.run("new", "assets/hero")).exitsWith(ExitCode.USAGE).complained("--type");
  }

  @Test
  void newWithAnInputThatDoesNotExistFailsAndCreatesNothing() {
    CliResult created = workspace.run("new", "assets/hero", "--type", "blob",
        "--input", dir.resolve("nowhere.bin").toString());

    assertThat(created.code()).as(created.toString()).isNotEqualTo(ExitCode.OK);
    assertThat(workspace.path("assets/hero")).doesNotExist();
  }

  @Test
  void newOutsideTheWorkspaceIsAUsageError() {
    CliResult created = workspace.run("new", "../elsewhere", "--type", "blob");

    assertThat(created).exitsWith(ExitCode.USAGE);
    assertThat(dir.resolve("elsewhere")).doesNotExist();
  }
}
