package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;

/**
 * Issue 2, point 5: {@code packer rm REF} deletes the folder (unless {@code --keep-files}) and
 * retires the id for good.
 */
class RmCliTest {

  static final String HERO = "f000000000000001";

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("hero").input("hero.bin", "hero").create();
    workspace.bindByHand(HERO, "assets/hero");
  }

  @Test
  void rmDeletesTheFolder() {
    assertThat(workspace.run("rm", "hero")).succeeds().printed(HERO);

    assertThat(workspace.path("assets/hero")).doesNotExist();
  }

  @Test
  void rmRetiresTheIdInItsRecord() {
    workspace.run("rm", "hero");

    assertThat(workspace.read(workspace.recordPath(HERO))).isEqualTo("{\"id\":\"" + HERO + "\",\"retired\":true}\n");
  }

  @Test
  void rmLeavesACleanWorkspaceWithoutTheAsset() {
    workspace.run("rm", "hero");

    assertThat(workspace.ls()).isEmpty();
    assertThat(workspace.run("check")).succeeds();
  }

  @Test
  void rmWithJsonPrintsTheRetiredId() {
    JsonNode removed = workspace.run("rm", "hero", "--json").json();

    assertThat(removed.path("id").asText()).isEqualTo(HERO);
    assertThat(removed.path("state").asText()).isEqualTo("retired");
  }

  @Test
  void aRetiredIdIsRefusedAfterwards() {
    workspace.run("rm", "hero");

    assertThat(workspace.run("show", HERO)).exitsWith(ExitCode.USAGE);
    assertThat(workspace.run("rename", HERO, "again")).exitsWith(ExitCode.USAGE);
    assertThat(workspace.run("rm", HERO)).exitsWith(ExitCode.USAGE);
  }

  @Test
  void aRetiredIdIsRefusedWithAMessageThatSaysItWasRetired() {
    workspace.run("rm", "hero");

    assertThat(workspace.run("show", HERO)).exitsWith(ExitCode.USAGE).complained("retired");
  }

  @Test
  void rmKeepFilesKeepsTheFolderAsAnUnregisteredAsset() {
    assertThat(workspace.run("rm", "hero", "--keep-files")).succeeds().printed("files kept");

    assertThat(workspace.read("assets/hero/hero.bin")).isEqualTo("hero");
    JsonNode kept = workspace.listed("root", "assets/hero");
    assertThat(kept.path("id").isNull()).isTrue();
    assertThat(kept.path("state").asText()).isEqualTo("unregistered");
    assertThat(workspace.read(workspace.recordPath(HERO))).contains("\"retired\":true");
  }

  @Test
  void aFolderKeptByRmIsAdoptedUnderANewId() {
    workspace.run("rm", "hero", "--keep-files");

    String id = workspace.adopt("assets/hero");

    assertThat(id).isNotEqualTo(HERO);
  }

  @Test
  void aRetiredIdIsNeverIssuedAgain() {
    long seed = 99;
    String first = AssetId.random(new Random(seed)).hex();
    workspace.bindByHand(first, "assets/other");
    workspace.asset("assets/other").create();
    workspace.run("rm", first);

    String next = workspace.cli().seed(seed).run("new", "assets/next", "--type", "blob").out().strip();

    assertThat(AssetId.isWellFormed(next)).isTrue();
    assertThat(next).as("the seed's first draw is the retired id; packer must draw again").isNotEqualTo(first);
  }

  @Test
  void rmOfAMissingAssetRetiresItsId() {
    workspace.bindByHand("c000000000000004", "assets/gone");

    assertThat(workspace.run("rm", "c000000000000004")).succeeds();

    assertThat(workspace.read(workspace.recordPath("c000000000000004"))).contains("\"retired\":true");
    assertThat(workspace.run("check")).succeeds();
  }

  @Test
  void rmOfAnUnregisteredAssetIsAUsageError() {
    workspace.asset("assets/villain").create();

    assertThat(workspace.run("rm", "villain")).exitsWith(ExitCode.USAGE).complained("packer adopt");
    assertThat(workspace.path("assets/villain/asset.json")).exists();
  }
}
