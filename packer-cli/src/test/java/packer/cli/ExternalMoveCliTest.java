package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, point 6: a folder moved outside packer leaves a missing and an unregistered asset;
 * {@code status} shows the pair and {@code doctor --fix} relocates it, keeping the id.
 */
class ExternalMoveCliTest {

  @TempDir Path dir;
  TestWorkspace workspace;
  String hero;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    hero = workspace.newAsset("assets/hero");
  }

  @Test
  void aFolderMovedByHandIsOneMissingAndOneUnregisteredAsset() {
    workspace.moveByHand("assets/hero", "chars/hero");

    CliResult status = workspace.run("status");

    assertThat(status).succeeds()
        .printed("2 assets: 0 registered, 1 unregistered, 1 missing, 0 invalid")
        .printed(hero + "  hero  assets/hero")
        .printed("hero  chars/hero");
  }

  @Test
  void statusShowsTheProbableMove() {
    workspace.moveByHand("assets/hero", "chars/hero");

    assertThat(workspace.run("status")).printed("Moved outside packer").printed(hero + "  assets/hero -> chars/hero");
  }

  @Test
  void statusJsonShowsTheMoveAsUnique() {
    workspace.moveByHand("assets/hero", "chars/hero");

    JsonNode move = workspace.run("status", "--json").json().path("moves").get(0);

    assertThat(move.path("id").asText()).isEqualTo(hero);
    assertThat(move.path("from").asText()).isEqualTo("assets/hero");
    assertThat(move.path("to").asText()).isEqualTo("chars/hero");
    assertThat(move.path("unique").asBoolean()).isTrue();
  }

  @Test
  void checkReportsTheMissingAssetAtItsRegistryRecord() {
    workspace.moveByHand("assets/hero", "chars/hero");

    assertThat(workspace.run("check")).exitsWith(ExitCode.PROBLEMS)
        .reportsError(workspace.recordPath(hero), 1, 1, "missing-asset", "assets/hero", "packer doctor --fix");
  }

  @Test
  void doctorWithoutFixReportsTheMoveAndChangesNothing() {
    workspace.moveByHand("assets/hero", "chars/hero");
    String record = workspace.read(workspace.recordPath(hero));

    CliResult doctor = workspace.run("doctor");

    assertThat(doctor).exitsWith(ExitCode.PROBLEMS)
        .printed(hero + "  assets/hero -> chars/hero")
        .printed("packer doctor --fix");
    assertThat(workspace.read(workspace.recordPath(hero))).isEqualTo(record);
  }

  @Test
  void doctorFixRelocatesTheMovedFolderKeepingTheId() {
    workspace.moveByHand("assets/hero", "chars/hero");

    assertThat(workspace.run("doctor", "--fix")).succeeds().printed("relocated").printed("no errors");

    JsonNode relocated = workspace.listed("id", hero);
    assertThat(relocated.path("root").asText()).isEqualTo("chars/hero");
    assertThat(relocated.path("state").asText()).isEqualTo("registered");
    assertThat(workspace.ls()).hasSize(1);
    assertThat(workspace.read(workspace.recordPath(hero))).contains("\"folder\":\"chars/hero\"");
  }

  @Test
  void doctorFixWithJsonListsWhatItRelocated() {
    workspace.moveByHand("assets/hero", "chars/hero");

    JsonNode report = workspace.run("doctor", "--fix", "--json").json();

    JsonNode relocated = report.path("relocated").get(0);
    assertThat(relocated.path("id").asText()).isEqualTo(hero);
    assertThat(relocated.path("from").asText()).isEqualTo("assets/hero");
    assertThat(relocated.path("to").asText()).isEqualTo("chars/hero");
    assertThat(report.path("diagnostics")).isEmpty();
  }

  @Test
  void aMoveThatAlsoChangesTheNameIsMatchedByContentDigest() {
    workspace.asset("assets/villain").input("villain.bin", "villain bytes").create();
    String villain = workspace.adopt("assets/villain");
    workspace.moveByHand("assets/villain", "bosses/dark-lord");

    assertThat(workspace.listed("root", "bosses/dark-lord").path("name").asText())
        .as("with no name key, the name follows the folder").isEqualTo("dark-lord");
    assertThat(workspace.run("status")).printed(villain + "  assets/villain -> bosses/dark-lord");
    assertThat(workspace.run("doctor", "--fix")).succeeds();

    assertThat(workspace.listed("id", villain).path("root").asText()).isEqualTo("bosses/dark-lord");
  }

  @Test
  void withoutLocalMemoryAMoveThatChangesTheNameIsLeftForAPerson() {
    workspace.asset("assets/villain").input("villain.bin", "villain bytes").create();
    String villain = workspace.adopt("assets/villain");
    workspace.moveByHand("assets/villain", "bosses/dark-lord");
    workspace.deleteByHand(".packer/state");

    assertThat(workspace.run("doctor", "--fix")).exitsWith(ExitCode.PROBLEMS);

    assertThat(workspace.listed("id", villain).path("state").asText()).isEqualTo("missing");
  }

  @Test
  void aMovedAndEditedFolderWithANewNameIsNotGuessed() {
    workspace.asset("assets/villain").input("villain.bin", "villain bytes").create();
    String villain = workspace.adopt("assets/villain");
    workspace.moveByHand("assets/villain", "bosses/dark-lord");
    workspace.write("bosses/dark-lord/villain.bin", "edited");

    CliResult doctor = workspace.run("doctor", "--fix");

    assertThat(doctor).exitsWith(ExitCode.PROBLEMS).didNotPrint("relocated");
    assertThat(workspace.listed("id", villain).path("state").asText()).isEqualTo("missing");
  }

  @Test
  void twoIdenticalCopiesOfAMovedFolderAreAmbiguous() {
    workspace.copyByHand("assets/hero", "chars/hero-a");
    workspace.copyByHand("assets/hero", "chars/hero-b");
    workspace.deleteByHand("assets/hero");

    CliResult status = workspace.run("status");

    assertThat(status).succeeds()
        .printed("Ambiguous move of " + hero + " (assets/hero); choose with packer relocate " + hero)
        .printed("  chars/hero-a")
        .printed("  chars/hero-b");
  }

  @Test
  void doctorFixLeavesAnAmbiguousMoveAlone() {
    workspace.copyByHand("assets/hero", "chars/hero-a");
    workspace.copyByHand("assets/hero", "chars/hero-b");
    workspace.deleteByHand("assets/hero");
    String record = workspace.read(workspace.recordPath(hero));

    CliResult doctor = workspace.run("doctor", "--fix");

    assertThat(doctor).exitsWith(ExitCode.PROBLEMS).didNotPrint("relocated");
    assertThat(workspace.read(workspace.recordPath(hero))).isEqualTo(record);
    JsonNode move = workspace.run("status", "--json").json().path("moves").get(0);
    assertThat(move.path("unique").asBoolean()).isFalse();
    assertThat(move.path("candidates").toString()).isEqualTo("[\"chars/hero-a\",\"chars/hero-b\"]");
  }

  @Test
  void relocateSettlesAnAmbiguousMoveByHand() {
    workspace.copyByHand("assets/hero", "chars/hero-a");
    workspace.copyByHand("assets/hero", "chars/hero-b");
    workspace.deleteByHand("assets/hero");

    assertThat(workspace.run("relocate", hero, "chars/hero-b")).succeeds()
        .printed(hero + "  relocated assets/hero to chars/hero-b");

    assertThat(workspace.listed("id", hero).path("root").asText()).isEqualTo("chars/hero-b");
    JsonNode other = workspace.listed("root", "chars/hero-a");
    assertThat(other.path("id").isNull()).isTrue();
  }

  @Test
  void relocateNamesTheMissingAssetByItsFormerFolder() {
    workspace.moveByHand("assets/hero", "chars/hero");

    assertThat(workspace.run("relocate", "assets/hero", "chars/hero")).succeeds();

    assertThat(workspace.listed("id", hero).path("root").asText()).isEqualTo("chars/hero");
  }

  @Test
  void relocateOfAnAssetThatIsNotMissingIsRefused() {
    workspace.copyByHand("assets/hero", "chars/hero-copy");

    assertThat(workspace.run("relocate", hero, "chars/hero-copy")).exitsWith(ExitCode.REFUSED).complained("packer mv");
  }

  @Test
  void relocateOntoAFolderThatAlreadyHasAnIdIsRefused() {
    String villain = workspace.newAsset("assets/villain");
    workspace.deleteByHand("assets/hero");

    assertThat(workspace.run("relocate", hero, "assets/villain")).exitsWith(ExitCode.REFUSED)
        .complained("already belongs to asset " + villain);
  }

  @Test
  void relocateToAFolderWithoutAssetJsonIsAUsageError() {
    workspace.deleteByHand("assets/hero");
    workspace.write("assets/empty/readme.txt", "nothing");

    assertThat(workspace.run("relocate", hero, "assets/empty")).exitsWith(ExitCode.USAGE).complained("no asset.json");
  }

  @Test
  void aCopyOfAFolderIsANewUnregisteredAsset() {
    workspace.asset("assets/villain").input("villain.bin", "villain bytes").create();
    String villain = workspace.adopt("assets/villain");
    workspace.copyByHand("assets/villain", "assets/villain-copy");

    JsonNode original = workspace.listed("id", villain);
    JsonNode copy = workspace.listed("root", "assets/villain-copy");
    assertThat(original.path("root").asText()).isEqualTo("assets/villain");
    assertThat(original.path("state").asText()).isEqualTo("registered");
    assertThat(copy.path("id").isNull()).isTrue();
    assertThat(copy.path("state").asText()).isEqualTo("unregistered");
    assertThat(workspace.run("status", "--json").json().path("moves")).isEmpty();
  }

  @Test
  void doctorFixNeverGivesACopyTheIdOfItsOriginal() {
    workspace.copyByHand("assets/hero", "assets/hero-copy");
    String record = workspace.read(workspace.recordPath(hero));

    workspace.run("doctor", "--fix");

    assertThat(workspace.read(workspace.recordPath(hero))).isEqualTo(record);
    assertThat(workspace.listed("root", "assets/hero-copy").path("id").isNull()).isTrue();
  }

  @Test
  void adoptingACopyGivesItANewId() {
    workspace.asset("assets/villain").create();
    String villain = workspace.adopt("assets/villain");
    workspace.copyByHand("assets/villain", "assets/villain-copy");

    String copy = workspace.adopt("assets/villain-copy");

    assertThat(copy).isNotEqualTo(villain);
    assertThat(workspace.run("check")).succeeds();
  }
}
