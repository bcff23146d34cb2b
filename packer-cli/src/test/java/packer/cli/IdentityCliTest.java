package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2, point 5: the id never changes, whatever is done to the asset through packer. */
class IdentityCliTest {

  @TempDir Path dir;

  @Test
  void theIdSurvivesNewRenameMoveAndAnotherRename() {
    TestWorkspace workspace = TestWorkspace.init(dir);
    String id = workspace.newAsset("assets/hero");

    assertThat(workspace.run("rename", id, "knight")).succeeds();
    assertThat(workspace.run("mv", "knight", "chars/knight")).succeeds();
    assertThat(workspace.run("rename", "chars/knight", "paladin")).succeeds();
    assertThat(workspace.run("mv", id.substring(0, 6), "heroes/paladin")).succeeds();

    assertThat(workspace.ls()).hasSize(1);
    assertThat(workspace.listed("id", id).path("root").asText()).isEqualTo("heroes/paladin");
    assertThat(workspace.listed("id", id).path("name").asText()).isEqualTo("paladin");
    assertThat(workspace.run("check")).succeeds();
  }

  @Test
  void theIdSurvivesARenameByHandInAssetJson() throws Exception {
    TestWorkspace workspace = TestWorkspace.init(dir);
    String id = workspace.newAsset("assets/hero");

    workspace.write("assets/hero/asset.json", workspace.read("assets/hero/asset.json").replace("\"hero\"", "\"knight\""));

    assertThat(workspace.listed("id", id).path("name").asText()).isEqualTo("knight");
    assertThat(workspace.listed("id", id).path("state").asText()).isEqualTo("registered");
  }

  @Test
  void theIdSurvivesAnEditOfTheInputs() {
    TestWorkspace workspace = TestWorkspace.init(dir);
    String id = workspace.newAsset("assets/hero");

    workspace.write("assets/hero/assets_hero.bin", "new pixels, same asset");

    assertThat(workspace.listed("id", id).path("state").asText()).isEqualTo("registered");
    assertThat(workspace.run("check")).succeeds();
  }

  @Test
  void assetsAddedOnTwoBranchesMergeAsTwoRecordsWithoutConflict() {
    TestWorkspace workspace = TestWorkspace.init(dir);
    workspace.asset("assets/from-branch-a").create();
    workspace.bindByHand("1a00000000000001", "assets/from-branch-a");
    workspace.asset("assets/from-branch-b").create();
    workspace.bindByHand("2b00000000000002", "assets/from-branch-b");

    assertThat(workspace.run("check")).succeeds();
    assertThat(workspace.ls().findValuesAsText("id")).containsExactly("1a00000000000001", "2b00000000000002");
  }
}
