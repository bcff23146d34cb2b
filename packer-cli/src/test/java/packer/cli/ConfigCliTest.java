package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packer.json's scan roots and excludes, the build output and hidden folders: what is scanned is
 * what packer lists, and packer never creates an asset where it would not see it.
 */
class ConfigCliTest {

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
  }

  private void scanOnlyAssetsExceptWip() {
    workspace.write("packer.json", """
        {
          "name": "game",
          "roots": ["assets"],
          "exclude": ["assets/wip*"]
        }
        """);
  }

  @Test
  void theBuildOutputAndHiddenFoldersAreNeverScanned() {
    workspace.asset("build/packed").create();
    workspace.asset(".cache/thing").create();
    workspace.asset("assets/hero").create();

    assertThat(workspace.run("ls", "--json").jsonField("root")).containsExactly("assets/hero");
  }

  @Test
  void onlyTheScanRootsAreScanned() {
    scanOnlyAssetsExceptWip();
    workspace.asset("assets/hero").create();
    workspace.asset("tools/script").create();

    assertThat(workspace.run("ls", "--json").jsonField("root")).containsExactly("assets/hero");
  }

  @Test
  void excludedFoldersAreNotScanned() {
    scanOnlyAssetsExceptWip();
    workspace.asset("assets/hero").create();
    workspace.asset("assets/wip-boss").create();

    assertThat(workspace.run("ls", "--json").jsonField("root")).containsExactly("assets/hero");
  }

  @Test
  void newOutsideTheScanRootsIsRefused() {
    scanOnlyAssetsExceptWip();

    assertThat(workspace.run("new", "tools/script", "--type", "blob")).exitsWith(ExitCode.REFUSED)
        .complained("outside the scan roots");
    assertThat(workspace.path("tools/script")).doesNotExist();
  }

  @Test
  void newInAnExcludedFolderIsRefused() {
    scanOnlyAssetsExceptWip();

    assertThat(workspace.run("new", "assets/wip-boss", "--type", "blob")).exitsWith(ExitCode.REFUSED)
        .complained("exclude");
    assertThat(workspace.ls()).isEmpty();
  }

  @Test
  void mvIntoAnExcludedFolderIsRefused() {
    scanOnlyAssetsExceptWip();
    String id = workspace.newAsset("assets/hero");

    assertThat(workspace.run("mv", id, "assets/wip-hero")).exitsWith(ExitCode.REFUSED).complained("exclude");
    assertThat(workspace.listed("id", id).path("state").asText()).isEqualTo("registered");
  }

  @Test
  void aBadPackerJsonValueIsReportedAtItsLine() {
    workspace.write("packer.json", """
        {
          "name": "game",
          "build": {
            "alignment": 3
          }
        }
        """);

    assertThat(workspace.run("check")).exitsWith(ExitCode.PROBLEMS)
        .reportsError("packer.json", 4, 18, "bad-config", "power of two");
  }

  @Test
  void malformedPackerJsonIsReportedAtItsRealLineAndColumn() {
    workspace.write("packer.json", "{\n  \"name\": \"game\",\n}\n");

    assertThat(workspace.run("check")).exitsWith(ExitCode.PROBLEMS)
        .reportsError("packer.json", 3, 1, "json-syntax");
  }
}
