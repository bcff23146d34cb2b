package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2, point 5: {@code packer mv REF NEW_FOLDER} moves the folder and keeps the id. */
class MvCliTest {

  static final String HERO = "f000000000000001";

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("hero").input("hero.bin", "hero bytes").create();
    workspace.bindByHand(HERO, "assets/hero");
  }

  @Test
  void mvMovesTheFolderWithItsInputs() {
    String declaration = workspace.read("assets/hero/asset.json");

    assertThat(workspace.run("mv", "hero", "chars/hero")).succeeds().printed(HERO);

    assertThat(workspace.path("assets/hero")).doesNotExist();
    assertThat(workspace.read("chars/hero/asset.json")).isEqualTo(declaration);
    assertThat(workspace.read("chars/hero/hero.bin")).isEqualTo("hero bytes");
  }

  @Test
  void mvKeepsTheIdAndRebindsIt() {
    workspace.run("mv", "hero", "chars/hero");

    JsonNode moved = workspace.listed("id", HERO);
    assertThat(moved.path("root").asText()).isEqualTo("chars/hero");
    assertThat(moved.path("state").asText()).isEqualTo("registered");
    assertThat(workspace.read(workspace.recordPath(HERO)))
        .isEqualTo("{\"folder\":\"chars/hero\",\"id\":\"" + HERO + "\"}\n");
  }

  @Test
  void mvKeepsTheNameEvenWhenTheLastSegmentChanges() {
    workspace.run("mv", "hero", "chars/knight");

    assertThat(workspace.listed("id", HERO).path("name").asText()).isEqualTo("hero");
  }

  @Test
  void mvLeavesACleanWorkspace() {
    workspace.run("mv", "hero", "chars/hero");

    assertThat(workspace.run("check")).succeeds();
  }

  @Test
  void mvWithJsonPrintsTheMovedAsset() {
    JsonNode moved = workspace.run("mv", HERO, "chars/hero", "--json").json();

    assertThat(moved.path("id").asText()).isEqualTo(HERO);
    assertThat(moved.path("root").asText()).isEqualTo("chars/hero");
  }

  @Test
  void mvTakesTheNewFolderRelativeToTheCurrentFolder() {
    CliResult moved = workspace.cli().at(workspace.path("assets")).run("mv", "hero", "knight");

    assertThat(moved).succeeds();
    assertThat(workspace.listed("id", HERO).path("root").asText()).isEqualTo("assets/knight");
  }

  @Test
  void mvOntoAnExistingFolderIsRefusedAndMovesNothing() {
    workspace.asset("assets/villain").create();

    CliResult moved = workspace.run("mv", "hero", "assets/villain");

    assertThat(moved).exitsWith(ExitCode.REFUSED).complained("already exists");
    assertThat(workspace.path("assets/hero/asset.json")).exists();
    assertThat(workspace.listed("id", HERO).path("root").asText()).isEqualTo("assets/hero");
  }

  @Test
  void mvIntoAnotherAssetFolderIsRefused() {
    workspace.asset("assets/villain").create();

    assertThat(workspace.run("mv", "hero", "assets/villain/hero")).exitsWith(ExitCode.REFUSED).complained("nest");
  }

  @Test
  void mvIntoTheRegistryIsRefused() {
    assertThat(workspace.run("mv", "hero", "registry/hero")).exitsWith(ExitCode.REFUSED).complained("reserved");
  }

  @Test
  void mvOutsideTheWorkspaceIsAUsageError() {
    assertThat(workspace.run("mv", "hero", "../hero")).exitsWith(ExitCode.USAGE);
    assertThat(workspace.path("assets/hero/asset.json")).exists();
  }
}
