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
}
