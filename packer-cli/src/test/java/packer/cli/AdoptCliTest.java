package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;

/** Issue 2, point 3: a folder made by hand is unregistered until {@code packer adopt} gives it an id. */
class AdoptCliTest {

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
  }

  @Test
  void statusShowsAHandMadeFolderAsUnregistered() {
    workspace.asset("assets/hero").input("hero.bin", "hero").create();

    CliResult status = workspace.run("status");

    assertThat(status).succeeds()
        .printed("1 assets: 0 registered, 1 unregistered, 0 missing, 0 invalid")
        .printed("Unregistered")
        .printed("hero  assets/hero");
  }

  @Test
  void statusJsonListsTheHandMadeFolderWithoutAnId() {
    workspace.asset("assets/hero").create();

    JsonNode status = workspace.run("status", "--json").json();

    assertThat(status.path("counts").path("unregistered").asInt()).isEqualTo(1);
    JsonNode asset = status.path("assets").get(0);
    assertThat(asset.path("id").isNull()).isTrue();
    assertThat(asset.path("root").asText()).isEqualTo("assets/hero");
    assertThat(asset.path("state").asText()).isEqualTo("unregistered");
  }

  @Test
  void checkWarnsAboutAnUnregisteredFolderButPasses() {
    workspace.asset("assets/hero").create();

    assertThat(workspace.run("check")).succeeds()
        .reportsWarning("assets/hero/asset.json", 0, 0, "unregistered", "packer adopt assets/hero");
  }

  @Test
  void adoptFolderPrintsTheNewIdAndTheFolder() {
    workspace.asset("assets/hero").create();

    CliResult adopted = workspace.run("adopt", "assets/hero");

    assertThat(adopted).succeeds();
    String[] fields = adopted.out().strip().split("\\s+");
    assertThat(AssetId.isWellFormed(fields[0])).as(adopted.toString()).isTrue();
    assertThat(fields[1]).isEqualTo("assets/hero");
  }

  @Test
  void adoptedFolderIsRegisteredUnderThePrintedId() {
    workspace.asset("assets/hero").create();

    String id = workspace.adopt("assets/hero");

    assertThat(workspace.listed("id", id).path("state").asText()).isEqualTo("registered");
    assertThat(workspace.read(workspace.recordPath(id))).contains("\"folder\":\"assets/hero\"");
  }

  @Test
  void adoptLeavesAssetJsonUntouched() {
    workspace.asset("assets/hero").key("x-editor", "{\"zoom\": 2}").create();
    String before = workspace.read("assets/hero/asset.json");

    workspace.adopt("assets/hero");

    assertThat(workspace.read("assets/hero/asset.json")).isEqualTo(before);
  }

  @Test
  void adoptTakesAFolderRelativeToTheCurrentFolder() {
    workspace.asset("assets/hero").create();

    CliResult adopted = workspace.cli().at(workspace.path("assets")).run("adopt", "hero");

    assertThat(adopted).succeeds().printed("assets/hero");
  }

  @Test
  void adoptAllGivesAnIdToEveryUnregisteredFolder() {
    workspace.asset("assets/hero").create();
    workspace.asset("assets/villain").create();
    workspace.asset("levels/one").type("json").create();

    CliResult adopted = workspace.run("adopt", "--all");

    assertThat(adopted).succeeds();
    assertThat(adopted.outLines()).hasSize(3);
    assertThat(workspace.ls()).allSatisfy(asset -> {
      assertThat(asset.path("state").asText()).isEqualTo("registered");
      assertThat(AssetId.isWellFormed(asset.path("id").asText())).isTrue();
    });
  }

  @Test
  void adoptAllWithJsonPrintsTheAdoptedAssets() {
    workspace.asset("assets/hero").create();

    JsonNode adopted = workspace.run("adopt", "--all", "--json").json();

    assertThat(adopted).hasSize(1);
    assertThat(adopted.get(0).path("root").asText()).isEqualTo("assets/hero");
    assertThat(adopted.get(0).path("state").asText()).isEqualTo("registered");
  }

  @Test
  void adoptAllGivesDistinctIdsEvenFromOneSeed() {
    workspace.asset("a/one").create();
    workspace.asset("a/two").create();

    workspace.run("adopt", "--all");

    assertThat(workspace.ls().findValuesAsText("id")).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void adoptAllWithNothingToAdoptSaysSoAndSucceeds() {
    assertThat(workspace.run("adopt", "--all")).succeeds().complained("nothing to adopt");
  }

  @Test
  void adoptOfARegisteredFolderIsRefusedAndKeepsItsId() {
    workspace.asset("assets/hero").create();
    String id = workspace.adopt("assets/hero");

    CliResult again = workspace.run("adopt", "assets/hero");

    assertThat(again).exitsWith(ExitCode.REFUSED).complained("already registered as " + id);
  }

  @Test
  void adoptOfAFolderWithoutAssetJsonIsAUsageError() {
    workspace.write("assets/empty/readme.txt", "no asset here");

    assertThat(workspace.run("adopt", "assets/empty")).exitsWith(ExitCode.USAGE).complained("no asset.json");
  }

  @Test
  void adoptOfAnInvalidFolderIsRefusedUntilItIsFixed() {
    workspace.asset("assets/hero").json("{ \"type\": \"blob\", }\n").create();

    CliResult adopted = workspace.run("adopt", "assets/hero");

    assertThat(adopted).exitsWith(ExitCode.REFUSED).complained("fix assets/hero/asset.json");
  }

  @Test
  void adoptWithoutFolderOrAllIsAUsageError() {
    assertThat(workspace.run("adopt")).exitsWith(ExitCode.USAGE);
  }
}
