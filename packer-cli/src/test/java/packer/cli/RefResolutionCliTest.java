package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, point 8: REF is a full id, a unique id prefix of 4+ digits, a name, or a folder, as git
 * resolves revisions. Ids are written by hand so that two of them share a prefix.
 */
class RefResolutionCliTest {

  static final String KNIGHT = "abcd100000000001";
  static final String ARCHER = "abcd200000000002";
  static final String MAGE = "5e11000000000003";

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/knight-folder").name("knight").create();
    workspace.bindByHand(KNIGHT, "assets/knight-folder");
    workspace.asset("assets/archer-folder").name("archer").create();
    workspace.bindByHand(ARCHER, "assets/archer-folder");
    workspace.asset("assets/mage-folder").name("mage").create();
    workspace.bindByHand(MAGE, "assets/mage-folder");
  }

  /** The id of the asset {@code packer show --json REF} resolves to. */
  private String resolve(Cli cli, String ref) {
    CliResult shown = cli.run("show", ref, "--json");
    assertThat(shown).succeeds();
    return shown.json().path("id").asText();
  }

  private String resolve(String ref) {
    return resolve(workspace.cli(), ref);
  }

  @Test
  void aFullIdNamesItsAsset() {
    assertThat(resolve(KNIGHT)).isEqualTo(KNIGHT);
  }

  @Test
  void aUniquePrefixOfFourDigitsNamesItsAsset() {
    assertThat(resolve("5e11")).isEqualTo(MAGE);
  }

  @Test
  void aLongerPrefixThatIsUniqueNamesItsAsset() {
    assertThat(resolve("abcd1")).isEqualTo(KNIGHT);
    assertThat(resolve("abcd2000000")).isEqualTo(ARCHER);
  }

  @Test
  void aPrefixOfThreeDigitsIsNotEnough() {
    assertThat(workspace.run("show", "5e1")).exitsWith(ExitCode.USAGE).complained("at least 4 digits");
  }

  @Test
  void anAmbiguousPrefixIsAUsageErrorNamingTheCandidates() {
    CliResult shown = workspace.run("show", "abcd");

    assertThat(shown).exitsWith(ExitCode.USAGE)
        .complained("ambiguous")
        .complained(KNIGHT + " (knight)")
        .complained(ARCHER + " (archer)");
  }

  @Test
  void anAmbiguousPrefixChangesNothingInAWriteCommand() {
    String before = workspace.read("assets/knight-folder/asset.json");

    assertThat(workspace.run("rename", "abcd", "paladin")).exitsWith(ExitCode.USAGE).complained("ambiguous");

    assertThat(workspace.read("assets/knight-folder/asset.json")).isEqualTo(before);
  }

  @Test
  void aNameNamesItsAsset() {
    assertThat(resolve("archer")).isEqualTo(ARCHER);
  }

  @Test
  void aNameUsedTwiceIsAUsageErrorNamingBothFolders() {
    workspace.asset("more/archer").name("archer").create();

    assertThat(workspace.run("show", "archer")).exitsWith(ExitCode.USAGE)
        .complained("assets/archer-folder")
        .complained("more/archer");
  }

  @Test
  void aFolderRelativeToTheWorkspaceRootNamesItsAsset() {
    assertThat(resolve("assets/mage-folder")).isEqualTo(MAGE);
  }

  @Test
  void aFolderIsTakenRelativeToDashC() {
    CliResult outside = Cli.in(dir).run("-C", "game", "show", "assets/mage-folder", "--json");
    assertThat(outside).succeeds();
    assertThat(outside.json().path("id").asText()).isEqualTo(MAGE);

    CliResult deeper = Cli.in(dir).run("-C", "game/assets", "show", "mage-folder", "--json");
    assertThat(deeper).succeeds();
    assertThat(deeper.json().path("id").asText()).isEqualTo(MAGE);
  }

  @Test
  void aFolderIsTakenRelativeToTheCurrentFolderInsideTheWorkspace() {
    Cli inAssets = workspace.cli().at(workspace.path("assets"));

    assertThat(resolve(inAssets, "mage-folder")).isEqualTo(MAGE);
    assertThat(resolve(inAssets, "./knight-folder/")).isEqualTo(KNIGHT);
  }

  @Test
  void theCurrentFolderNamesTheAssetItIsIn() {
    Cli inMage = workspace.cli().at(workspace.path("assets/mage-folder"));

    assertThat(resolve(inMage, ".")).isEqualTo(MAGE);
    assertThat(resolve(inMage, "../archer-folder")).isEqualTo(ARCHER);
  }

  @Test
  void aRefThatNamesNothingIsAUsageErrorThatSaysWhatARefIs() {
    assertThat(workspace.run("show", "nothing-here")).exitsWith(ExitCode.USAGE)
        .complained("no asset matches 'nothing-here'")
        .complained("packer ls");
  }

  @Test
  void aWellFormedIdThatIsNotRegisteredIsAUsageError() {
    assertThat(workspace.run("show", "0000000000000000")).exitsWith(ExitCode.USAGE).complained("no asset matches");
  }
}
